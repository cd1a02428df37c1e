/**
 * Scenario 2 — two app instances on one PostgreSQL, both running the job workers, under an intake surge
 * spread over both. Users are paged by SMS (through a fake Africa's Talking) and in-app. Once everything
 * has settled: each escalation step paged each person once, no step was skipped, no message was stored
 * or handed to the gateway twice, and every clock fired once.
 */
import { sleep } from '../../bench/lib/util.js';
import { acceptedIds, startGateway, type GatewayState } from '../lib/gateway-process.js';
import {
  acknowledgedPresent,
  auditChain,
  caseIdsOf,
  check,
  consistent,
  messageStatuses,
  noDuplicates,
  timersFired,
  type Check,
  type Sql,
} from '../lib/checks.js';
import { newTarget, openTarget, prepare, say, serverEnv, settle, startServer, type Run } from '../lib/env.js';
import { result, type Profile, type ScenarioResult } from '../lib/scenario.js';
import { tokenMinter, randomPhone, surge } from '../lib/traffic.js';

const ACK_MINUTES = 1;
const STEP_WAIT_MINUTES = 0.1;

/** Everything the scenario waits for: clocks, escalation steps and messages still to go. */
async function unsettled(sql: Sql) {
  const [r] = await sql<{ clocks: number; steps: number; messages: number }>(
    `select (select count(*)::int from case_clocks
                where fired_at is null and met_at is null and due_at <= now()) as clocks,
            (select count(*)::int from alerts where status = 'triggered' and detail->>'nextDueAt' is not null) as steps,
            (select count(*)::int from messages where direction = 'out'
                and status in ('queued', 'scheduled', 'sending')) as messages`,
  );
  return r!;
}

/**
 * What reached the gateway against what the database says was sent: each message the fake accepted is
 * one `sent` row (a second send of one message would leave an accepted id no row has), and no row is
 * `sent` with an id the gateway never gave. The one exception is reported, not failed: an id the
 * gateway gave after the adapter had stopped waiting (its timeout fired). The adapter rightly counts
 * that attempt as failed and tries again, and Africa's Talking has no idempotency key, so that SMS
 * reaches the phone twice.
 */
export async function gatewayMatches(sql: Sql, gateway: GatewayState, name: string): Promise<Check> {
  const acceptedList = acceptedIds(gateway);
  const rows = await sql<{ gateway_id: string; n: number }>(
    `select gateway_id, count(*)::int as n from messages
      where direction = 'out' and channel = 'sms' and gateway_id is not null group by 1`,
  );
  const stored = new Map(rows.map((r) => [r.gateway_id, r.n]));
  const accepted = new Set(acceptedList);
  const late = new Set(gateway.acceptedAfterGiveUp);
  const problems: string[] = [];
  let resentAfterTimeout = 0;
  for (const id of acceptedList) {
    if (stored.has(id)) continue;
    if (late.has(id)) resentAfterTimeout += 1;
    else problems.push(`gateway accepted ${id}; no message has it`);
  }
  for (const [id, n] of stored) {
    if (!accepted.has(id)) problems.push(`message with gateway id ${id} was never accepted by the gateway`);
    if (n > 1) problems.push(`gateway id ${id} on ${n} messages`);
  }
  return check(name, problems, {
    gatewayAccepted: acceptedList.length,
    smsRowsWithGatewayId: stored.size,
    resentAfterTimeout,
  });
}

export async function twoInstancesScenario(run: Run, profile: Profile): Promise<ScenarioResult> {
  const name = 'two-instances';
  const started = Date.now();
  const gateway = await startGateway();
  run.cleanups.push(() => gateway.close());
  const target = await newTarget(run, 'postgres', name);
  const env = serverEnv(run, target, { atBaseUrl: gateway.url, atApiKey: gateway.apiKey });
  const phones = { duty: randomPhone(), approver: randomPhone(), lead: randomPhone() };
  await prepare(env, {
    ...(profile.twoWithClocks ? { acknowledgeMinutes: ACK_MINUTES } : {}),
    stepWaitMinutes: STEP_WAIT_MINUTES,
    rules: (who) =>
      profile.twoWithClocks
        ? [
            { channel: 'inapp', delayMinutes: 0 },
            { channel: 'sms', delayMinutes: 0, contact: phones[who] },
          ]
        : [{ channel: 'sms', delayMinutes: 0, contact: phones[who] }],
  });
  const a = await startServer(run, env, `${name}-a`);
  const b = await startServer(run, env, `${name}-b`);
  say(name, `instances up at ${a.url} and ${b.url}; surge with ${profile.twoConnections} clients`);
  const token = tokenMinter(run.keys.blindIndexKey);
  const load = surge({
    urls: () => [a.url, b.url],
    token,
    secret: run.secret,
    connections: profile.twoConnections,
  });
  await sleep(profile.twoSurgeMs);
  const stats = await load.stop();
  say(
    name,
    `${stats.sent} requests, ${stats.acked.length} acknowledged; waiting for clocks, steps and messages`,
  );

  const lastAck = Math.max(...stats.acked.map((x) => x.at), Date.now());
  // Clocks a minute after the last report (if armed), then their alerts' three steps, then the messages.
  const deadline =
    lastAck +
    (profile.twoWithClocks ? ACK_MINUTES * 60_000 : 0) +
    3 * STEP_WAIT_MINUTES * 60_000 +
    profile.timerGraceMs;
  const probe = await openTarget(target);
  const waited = await settle({
    scope: name,
    probe: () => unsettled(probe.sql),
    done: (l) => l.clocks + l.steps + l.messages === 0,
    describe: (l) => `${l.clocks} clocks, ${l.steps} steps, ${l.messages} messages to go`,
    backlog: (l) => l.clocks + l.steps + l.messages,
    deadline,
    capMs: profile.drainCapMs,
  });
  const left = waited.last ?? { clocks: -1, steps: -1, messages: -1 };
  await probe.close();
  const up = [a, b].every((s) => s.proc.child.exitCode === null && s.proc.child.signalCode === null);
  await Promise.all([a.stop(), b.stop()]);
  const checkedAt = Date.now();
  const final = await gateway.state();

  const t = await openTarget(target);
  const checks: Check[] = [];
  let statuses: Record<string, number>;
  let pages: number;
  try {
    const ids = await caseIdsOf(t.sql, stats.acked);
    statuses = await messageStatuses(t.sql);
    const [p] = await t.sql<{ n: number }>('select count(*)::int as n from alert_notifications');
    pages = p?.n ?? 0;
    checks.push(
      check('both instances stayed up', up ? [] : ['an instance exited']),
      check('no 5xx under load', stats.fiveXx === 0 ? [] : [`${stats.fiveXx} responses were 5xx`], {
        fiveXx: stats.fiveXx,
      }),
      check(
        'everything settled',
        waited.settled
          ? []
          : [
              `${left.clocks} clocks, ${left.steps} steps, ${left.messages} messages still pending at the deadline`,
            ],
      ),
      await acknowledgedPresent(t.sql, stats.acked),
      await timersFired(t.sql, ids, { now: checkedAt, graceMs: profile.timerGraceMs, backAt: 0 }),
      await noDuplicates(t.sql),
      await gatewayMatches(t.sql, final, 'gateway got each SMS once'),
      await consistent(t.sql),
      await auditChain(t.database),
    );
  } finally {
    await t.close();
  }
  const timers = checks.find((c) => c.name === 'pending timers fired')?.numbers ?? {};
  const dup = checks.find((c) => c.name === 'nothing sent twice')?.numbers ?? {};
  return result(
    name,
    started,
    {
      sent: stats.sent,
      acked: stats.acked.length,
      fiveXx: stats.fiveXx,
      pages,
      outboundMessages: dup.outboundMessages ?? 0,
      gatewayRequests: final.requests.length,
      duplicates: dup.duplicates ?? 0,
      clocksFired: timers.clocksFired ?? 0,
      stepsFired: timers.stepsFired ?? 0,
      clockLateP50Ms: timers.clockLateP50Ms ?? 0,
      clockLateP99Ms: timers.clockLateP99Ms ?? 0,
      stepLateP50Ms: timers.stepLateP50Ms ?? 0,
      stepLateP99Ms: timers.stepLateP99Ms ?? 0,
      timersOver1s: timers.over1s ?? 0,
      byStatus: Object.entries(statuses)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
    },
    checks,
  );
}
