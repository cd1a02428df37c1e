/**
 * Scenario 1 — kill -9 during an intake surge. The public form and the SMS callback are hammered; the
 * server is killed mid-surge and restarted on the same database; the surge goes on briefly against the
 * new process. Then: every acknowledged report exists, and every timer that was pending (the cases'
 * acknowledge clocks, due a minute after intake, and the alerts' escalation steps, 12 s apart) fires.
 */
import { signIn, type Session } from '../../bench/lib/app-server.js';
import { sleep } from '../../bench/lib/util.js';
import {
  acknowledgedPresent,
  auditChain,
  caseIdsOf,
  check,
  consistent,
  noDuplicates,
  selfTest,
  timersFired,
  type Check,
  type Sql,
} from '../lib/checks.js';
import {
  newTarget,
  openTarget,
  prepare,
  say,
  serverEnv,
  settle,
  startServer,
  type DbKind,
  type Run,
  type Server,
  type Target,
} from '../lib/env.js';
import { result, type Profile, type ScenarioResult } from '../lib/scenario.js';
import { tokenMinter, surge, type Ack, type TrafficStats } from '../lib/traffic.js';

const ACK_MINUTES = 1;
const STEP_WAIT_MINUTES = 0.2;

/** Timers still to fire: unfired clocks, and escalation steps of alerts raised before `before`. */
type Pending = () => Promise<{ clocks: number; steps: number } | null>;

function sqlProbe(sql: Sql, before: number): Pending {
  return async () => {
    const [r] = await sql<{ clocks: number; steps: number }>(
      `select (select count(*)::int from case_clocks where fired_at is null and met_at is null) as clocks,
              (select count(*)::int from alerts where status = 'triggered'
                  and detail->>'nextDueAt' is not null and created_at < $1) as steps`,
      [new Date(before)],
    );
    return r ?? null;
  };
}

/** PGlite cannot be opened beside its server: ask the server, as a signed-in staff member. */
function apiProbe(url: string, session: Session, before: number): Pending {
  const get = async <T>(p: string): Promise<T> => {
    const r = await fetch(`${url}${p}`, { headers: session.headers, signal: AbortSignal.timeout(15_000) });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    return (await r.json()) as T;
  };
  return async () => {
    const { cases } = await get<{ cases: { clockBreached: boolean }[] }>('/api/cases?limit=500');
    const { alerts } = await get<{ alerts: { createdAt: string; nextDueAt: string | null }[] }>(
      '/api/alerts?status=all&limit=500',
    );
    // The lists stop at 500: beyond that the probe cannot tell, and the wait runs to its deadline.
    if (cases.length >= 500 || alerts.length >= 500) return null;
    return {
      clocks: cases.filter((c) => !c.clockBreached).length,
      steps: alerts.filter((a) => a.nextDueAt && Date.parse(a.createdAt) < before).length,
    };
  };
}

export async function crashScenario(
  run: Run,
  kind: DbKind,
  profile: Profile,
  sabotage: boolean,
): Promise<ScenarioResult> {
  const name = `crash-${kind}`;
  const started = Date.now();
  const target: Target = await newTarget(run, kind, name);
  const env = serverEnv(run, target);
  await prepare(env, { acknowledgeMinutes: ACK_MINUTES, stepWaitMinutes: STEP_WAIT_MINUTES });
  let server: Server = await startServer(run, env, name);
  say(name, `server up at ${server.url}; surge with ${profile.crashConnections} clients`);
  const token = tokenMinter(run.keys.blindIndexKey);

  let url = server.url;
  const before = surge({
    urls: () => [url],
    token,
    secret: run.secret,
    connections: profile.crashConnections,
  });
  await sleep(profile.crashKillAfterMs);
  const killedAt = Date.now();
  await server.crash();
  const s1 = await before.stop();
  say(name, `kill -9 after ${s1.sent} requests (${s1.acked.length} acknowledged); restarting`);

  server = await startServer(run, env, name);
  const backAt = Date.now();
  url = server.url;
  say(name, `restarted in ${((backAt - killedAt) / 1000).toFixed(1)} s`);
  const after = surge({
    urls: () => [url],
    token,
    secret: run.secret,
    connections: profile.crashConnections,
  });
  await sleep(profile.crashAfterRestartMs);
  const s2 = await after.stop();
  const acks: Ack[] = [...s1.acked, ...s2.acked];

  // Wait for the timers: the last acknowledge clock is due a minute after the last report.
  const lastAck = Math.max(...acks.map((a) => a.at), backAt);
  const deadline = lastAck + ACK_MINUTES * 60_000 + profile.timerGraceMs;
  let probe: Pending;
  let closeProbe = async () => undefined as void;
  if (target.kind === 'postgres') {
    const t = await openTarget(target);
    probe = sqlProbe(t.sql, killedAt);
    closeProbe = () => t.close();
  } else {
    probe = apiProbe(server.url, await signIn(server.url, 'watcher@resilience.example.org'), killedAt);
  }
  const waited = await settle({
    scope: name,
    probe,
    done: (p) => p.clocks === 0 && p.steps === 0,
    describe: (p) => `${p.clocks} clocks, ${p.steps} escalation steps pending`,
    backlog: (p) => p.clocks + p.steps,
    deadline,
    capMs: profile.drainCapMs,
  });
  const pending = waited.last;
  await closeProbe();
  const upAfter = server.proc.child.exitCode === null && server.proc.child.signalCode === null;
  await server.stop();
  const checkedAt = Date.now();

  const t = await openTarget(target);
  const checks: Check[] = [];
  try {
    if (sabotage) {
      // RESILIENCE_SABOTAGE: drop one acknowledged report for real, so this run must fail.
      const victim = acks.find((a) => a.kind === 'form');
      if (victim) await t.sql('delete from cases where reference = $1', [victim.key]);
      say(name, `SABOTAGE: deleted acknowledged case ${victim?.key ?? '(none)'}`);
    }
    checks.push(
      check('restarted server stayed up', upAfter ? [] : ['the restarted server exited']),
      check('surge produced acknowledged reports before the kill', s1.acked.length > 0 ? [] : ['none']),
      check(
        'no 5xx during the surge',
        s1.fiveXx + s2.fiveXx === 0 ? [] : [`${s1.fiveXx + s2.fiveXx} responses were 5xx`],
      ),
      await acknowledgedPresent(t.sql, acks),
    );
    const timerOpts = { now: checkedAt, graceMs: profile.timerGraceMs, backAt };
    const ids = await caseIdsOf(t.sql, acks);
    const timers = await timersFired(t.sql, ids, timerOpts);
    checks.push(
      timers,
      await noDuplicates(t.sql),
      await consistent(t.sql, { inboundMayBeUnfinished: true }),
      await auditChain(t.database),
      await selfTest(t.sql, acks, timerOpts),
    );
  } finally {
    await t.close();
  }
  const sum = (a: TrafficStats, b: TrafficStats, k: 'sent' | 'noResponse' | 'fiveXx') => a[k] + b[k];
  const found = checks.find((c) => c.name === 'acknowledged reports stored')?.numbers;
  const timers = checks.find((c) => c.name === 'pending timers fired')?.numbers ?? {};
  return result(
    name,
    started,
    {
      sent: sum(s1, s2, 'sent'),
      acked: acks.length,
      ackedBeforeKill: s1.acked.length,
      foundAfterRestart: found?.found ?? 0,
      noResponse: sum(s1, s2, 'noResponse'),
      fiveXx: sum(s1, s2, 'fiveXx'),
      restartS: Number(((backAt - killedAt) / 1000).toFixed(1)),
      clocksFired: timers.clocksFired ?? 0,
      stepsFired: timers.stepsFired ?? 0,
      clockLateP50Ms: timers.clockLateP50Ms ?? 0,
      clockLateP99Ms: timers.clockLateP99Ms ?? 0,
      stepLateP50Ms: timers.stepLateP50Ms ?? 0,
      stepLateP99Ms: timers.stepLateP99Ms ?? 0,
      timersLateMaxMs: timers.lateMaxMs ?? 0,
      timersOver1s: timers.over1s ?? 0,
      pendingAtDeadline: pending ? `${pending.clocks} clocks, ${pending.steps} steps` : 'unknown',
    },
    checks,
  );
}
