/**
 * Scenario 3 — malformed and random requests to every public endpoint (see lib/fuzz.ts): no 5xx, no
 * request left without an answer (unless it was cut short on purpose), the process stays up and logs no
 * error, and afterwards nothing is half-written and the audit chain verifies.
 */
import { randomInt } from 'node:crypto';
import { sleep } from '../../bench/lib/util.js';
import { auditChain, check, consistent, noDuplicates, type Check } from '../lib/checks.js';
import { fuzzRequest, seeded, send, type FuzzContext } from '../lib/fuzz.js';
import {
  errorLines,
  isUp,
  newTarget,
  openTarget,
  prepare,
  say,
  serverEnv,
  startServer,
  type DbKind,
  type Run,
} from '../lib/env.js';
import { result, type Profile, type ScenarioResult } from '../lib/scenario.js';
import { newStats, postForm, tokenMinter } from '../lib/traffic.js';

export async function fuzzScenario(run: Run, kind: DbKind, profile: Profile): Promise<ScenarioResult> {
  const name = `fuzz-${kind}`;
  const started = Date.now();
  const seed = Number(process.env.RESILIENCE_FUZZ_SEED ?? randomInt(1, 2 ** 31));
  const target = await newTarget(run, kind, name);
  const env = serverEnv(run, target);
  await prepare(env, {});
  const server = await startServer(run, env, name);

  // Genuine form tokens, aged past the 3-second minimum, and a few real references to ask about.
  const tokens: string[] = [];
  for (let i = 0; i < 4; i++) {
    const html = await (await fetch(`${server.url}/report`)).text();
    tokens.push(/name="token" value="([^"]+)"/.exec(html)![1]!);
  }
  await sleep(3100);
  const seedStats = newStats();
  const mint = tokenMinter(run.keys.blindIndexKey);
  for (let i = 0; i < 3; i++) await postForm(server.url, mint, seedStats);
  const ctx: FuzzContext = { secret: run.secret, tokens, references: seedStats.acked.map((a) => a.key) };

  say(
    name,
    `${profile.fuzzRequests.toLocaleString('en-US')} requests, ${profile.fuzzConnections} clients, seed ${seed}`,
  );
  const rand = seeded(seed);
  const sessions: string[] = [];
  const statuses = new Map<number, number>();
  const fiveXx: string[] = [];
  const unanswered: string[] = [];
  let unansweredAllowed = 0;
  let sent = 0;
  let downAt: number | null = null;
  let lastSaid = Date.now();
  const clients = Array.from({ length: profile.fuzzConnections }, async (_, i) => {
    while (sent < profile.fuzzRequests && downAt === null) {
      const req = fuzzRequest(rand, ctx, sessions);
      sent += 1;
      const status = await send(server.url, req);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) fiveXx.push(`${status} ${req.label}`);
      if (status === 0) {
        if (req.mayGoUnanswered) unansweredAllowed += 1;
        else unanswered.push(req.label);
      }
      if (i === 0 && Date.now() - lastSaid > 15_000) {
        say(name, `${sent.toLocaleString('en-US')} sent, ${fiveXx.length} 5xx`);
        lastSaid = Date.now();
      }
    }
  });
  // The process must stay up throughout, not just at the end.
  let fuzzing = true;
  const monitor = (async () => {
    while (fuzzing && downAt === null) {
      if (!(await isUp(server))) downAt = sent;
      await sleep(3000);
    }
  })();
  await Promise.all(clients);
  fuzzing = false;
  await monitor;
  const fuzzSeconds = (Date.now() - started) / 1000;
  const up = downAt === null && (await isUp(server));
  const errors = errorLines(server.proc.logFile);
  await server.stop();

  const t = await openTarget(target);
  const checks: Check[] = [];
  let cases: number;
  let inbound: number;
  try {
    const [n] = await t.sql<{ cases: number; inbound: number }>(
      `select (select count(*)::int from cases) as cases,
              (select count(*)::int from messages where direction = 'in') as inbound`,
    );
    cases = n?.cases ?? 0;
    inbound = n?.inbound ?? 0;
    checks.push(
      check('no 5xx', fiveXx, { fiveXx: fiveXx.length }),
      check('process stayed up', up ? [] : [`server down after ${downAt ?? sent} requests`]),
      check('every request answered', unanswered, {
        unanswered: unanswered.length,
        cutShortOnPurpose: unansweredAllowed,
      }),
      check(
        'no error logged',
        errors.map((l) => l.slice(0, 300)),
        { errorLines: errors.length },
      ),
      await consistent(t.sql),
      await noDuplicates(t.sql),
      await auditChain(t.database),
    );
  } finally {
    await t.close();
  }
  const byStatus = [...statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s === 0 ? 'none' : s}:${n}`)
    .join(' ');
  return result(
    name,
    started,
    {
      seed,
      requests: sent,
      perSecond: Math.round(sent / fuzzSeconds),
      fiveXx: fiveXx.length,
      statuses: byStatus,
      casesOpened: cases,
      inboundSms: inbound,
      errorLines: errors.length,
    },
    checks,
  );
}
