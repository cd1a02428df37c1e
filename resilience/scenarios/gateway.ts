/**
 * Scenario 4 — the SMS gateway goes bad. The server's Africa's Talking adapter points at a fake (the
 * real wire format, src/server/channels/testing) behind a proxy that can slow it down, both in a process
 * of their own (lib/gateway-process.ts). Reports come in
 * while the gateway answers 500, then hangs (the adapter's timeout fires), then is slow, then flaky, then
 * recovers; afterwards delivery reports say some messages arrived and some did not. Staff are paged by
 * SMS only, so a message that cannot be sent must fall back (to in-app); a reporter's acknowledgement
 * has nowhere else to go and must end visibly failed. Nothing may vanish.
 */
import { readFileSync } from 'node:fs';
import { sleep } from '../../bench/lib/util.js';
import type { FakeMode } from '../../src/server/channels/testing/fake-africastalking.js';
import {
  acknowledgedPresent,
  auditChain,
  check,
  consistent,
  messageStatuses,
  noDuplicates,
  type Check,
  type Sql,
} from '../lib/checks.js';
import { newTarget, openTarget, prepare, say, serverEnv, settle, startServer, type Run } from '../lib/env.js';
import { result, type Profile, type ScenarioResult } from '../lib/scenario.js';
import { tokenMinter, newStats, postForm, postSms, randomPhone, type TrafficStats } from '../lib/traffic.js';
import { acceptedIds, startGateway, type GatewayOrder } from '../lib/gateway-process.js';
import { gatewayMatches } from './two-instances.js';

const TIMEOUT_MS = 1000;
/** The slow phase: each request held this long, well inside the adapter's timeout. */
const SLOW_MS = 400;
const MAX_ATTEMPTS = 3;
const STEP_WAIT_MINUTES = 0.1;

async function pending(sql: Sql) {
  const [r] = await sql<{ steps: number; messages: number }>(
    `select (select count(*)::int from alerts where status = 'triggered' and detail->>'nextDueAt' is not null) as steps,
            (select count(*)::int from messages where direction = 'out'
                and status in ('queued', 'scheduled', 'sending')) as messages`,
  );
  return r!;
}

export async function gatewayScenario(run: Run, profile: Profile): Promise<ScenarioResult> {
  const name = 'gateway';
  const started = Date.now();
  const gateway = await startGateway();
  run.cleanups.push(() => gateway.close());
  const target = await newTarget(run, 'postgres', name);
  const env = serverEnv(run, target, {
    atBaseUrl: gateway.url,
    atApiKey: gateway.apiKey,
    atTimeoutMs: TIMEOUT_MS,
    messageMaxAttempts: MAX_ATTEMPTS,
    messageRetryDelaySeconds: 1,
  });
  const phones = { duty: randomPhone(), approver: randomPhone(), lead: randomPhone() };
  await prepare(env, {
    stepWaitMinutes: STEP_WAIT_MINUTES,
    rules: (who) => [{ channel: 'sms', delayMinutes: 0, contact: phones[who] }],
  });
  const server = await startServer(run, env, name);
  const token = tokenMinter(run.keys.blindIndexKey);
  const stats: TrafficStats = newStats();

  const flaky: FakeMode[] = [];
  for (let i = 0; i < 200; i++) flaky.push(i % 3 === 0 ? '500' : i % 5 === 0 ? 'hang' : 'ok');
  const phases: { name: string; order: GatewayOrder; holdMs: number }[] = [
    { name: 'down (500)', order: { mode: '500', delayMs: 0 }, holdMs: 6000 },
    { name: 'hanging', order: { mode: 'hang', delayMs: 0 }, holdMs: 6000 },
    { name: 'slow', order: { mode: 'ok', delayMs: SLOW_MS }, holdMs: 3000 },
    { name: 'flaky', order: { mode: 'ok', delayMs: 0, script: flaky }, holdMs: 4000 },
  ];
  for (const phase of phases) {
    await gateway.order(phase.order);
    const before = stats.acked.length;
    for (let i = 0; i < profile.gatewayReportsPerPhase; i++) {
      await Promise.all([postSms(server.url, run.secret, stats), postForm(server.url, token, stats)]);
    }
    say(name, `gateway ${phase.name}: ${stats.acked.length - before} reports acknowledged`);
    await sleep(phase.holdMs);
  }
  const recovered = await gateway.order({ mode: 'ok', delayMs: 0 });
  say(name, `gateway recovered; ${recovered.requests.length} gateway requests so far; waiting for the rest`);

  // Let every step and retry play out, then tell the server how some deliveries went.
  const probe = await openTarget(target);
  const wait = (deadline: number) =>
    settle({
      scope: name,
      probe: () => pending(probe.sql),
      done: (l) => l.steps + l.messages === 0,
      describe: (l) => `${l.steps} steps, ${l.messages} messages to go`,
      backlog: (l) => l.steps + l.messages,
      deadline,
      capMs: profile.drainCapMs,
    });
  await wait(Date.now() + 3 * STEP_WAIT_MINUTES * 60_000 + profile.timerGraceMs);
  say(name, `settled; sending delivery reports`);
  const acceptedBeforeReports = acceptedIds(await gateway.state());
  const dlr = { success: 0, failed: 0 };
  for (const [i, id] of acceptedBeforeReports.entries()) {
    const status = i % 4 === 0 ? 'Failed' : i % 4 === 1 ? 'Success' : null;
    if (!status) continue;
    const r = await fetch(`${server.url}/api/channels/at/delivery/${run.secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        id,
        status,
        phoneNumber: phones.duty,
        networkCode: '63902',
        ...(status === 'Failed' ? { failureReason: 'AbsentSubscriber' } : {}),
        retryCount: '0',
      }).toString(),
    });
    if (r.ok) dlr[status === 'Failed' ? 'failed' : 'success'] += 1;
  }
  const waited = await wait(Date.now() + profile.timerGraceMs);
  const left = waited.last ?? { steps: -1, messages: -1 };
  await probe.close();
  const final = await gateway.state();
  const accepted = acceptedIds(final);
  const up = server.proc.child.exitCode === null && server.proc.child.signalCode === null;
  await server.stop();
  const log = readFileSync(server.proc.logFile, 'utf8');
  // Messages the server logged as finally not sent ("message not sent", final: true).
  const finalInLog = new Set<string>();
  for (const line of log.split('\n')) {
    if (!line.includes('"final":true')) continue;
    try {
      const entry = JSON.parse(line) as { messageId?: string };
      if (entry.messageId) finalInLog.add(entry.messageId);
    } catch {
      // not a log line of ours
    }
  }

  const t = await openTarget(target);
  const checks: Check[] = [];
  let statuses: Record<string, number>;
  const numbers: Record<string, number> = {};
  try {
    statuses = await messageStatuses(t.sql);
    const rows = await t.sql<{
      id: string;
      channel: string;
      status: string;
      attempts: number;
      last_error: string | null;
      user_id: string | null;
      idempotency_key: string | null;
      fallback: string | null;
      fallback_status: string | null;
    }>(
      `select m.id, m.channel, m.status, m.attempts, m.last_error, m.user_id, m.idempotency_key,
              f.id as fallback, f.status as fallback_status
         from messages m left join messages f on f.fallback_of = m.id
        where m.direction = 'out'`,
    );
    const lost: string[] = [];
    let fallbacks = 0;
    let visiblyFailed = 0;
    for (const m of rows) {
      if (m.status === 'sent' || m.status === 'delivered') continue;
      if (m.status !== 'failed') {
        lost.push(`message ${m.id} (${m.channel}) still ${m.status}`);
        continue;
      }
      if (!m.last_error) lost.push(`message ${m.id} failed with no reason recorded`);
      if (m.user_id) {
        if (!m.fallback) lost.push(`message ${m.id} to a user failed with no fallback`);
        else if (m.fallback_status !== 'sent' && m.fallback_status !== 'delivered')
          lost.push(`message ${m.id}: its fallback ${m.fallback} is ${m.fallback_status}`);
        else fallbacks += 1;
      } else {
        // Nowhere to fall back to: it must be on the record as failed, and a send failure in the log.
        const inLog = m.last_error?.startsWith('dlr:') || finalInLog.has(m.id);
        if (!inLog) lost.push(`message ${m.id} failed without a trace in the server log`);
        else visiblyFailed += 1;
      }
    }
    // Every page the alerts recorded became a message.
    const unsent = await t.sql<{ alert_id: string; step: number }>(
      `select n.alert_id, n.step from alert_notifications n
        where not exists (select 1 from messages m
                           where m.idempotency_key like 'alert:' || n.alert_id || ':' || n.step || ':' || n.round || ':' || n.user_id || '#%')`,
    );
    for (const u of unsent) lost.push(`page of alert ${u.alert_id} step ${u.step} has no message`);
    const retried = rows.filter((m) => m.attempts > 1).length;
    const byMode = (mode: FakeMode) => final.requests.filter((r) => r.mode === mode).length;
    Object.assign(numbers, {
      gatewayRequests: final.requests.length,
      gateway500: byMode('500'),
      gatewayHung: byMode('hang'),
      gatewayAccepted: accepted.length,
      resentAfterTimeout: final.acceptedAfterGiveUp.filter((id) => accepted.includes(id)).length,
      messages: rows.length,
      retried,
      fallbacks,
      visiblyFailed,
      dlrSuccess: dlr.success,
      dlrFailed: dlr.failed,
    });
    checks.push(
      check('server stayed up', up ? [] : ['the server exited']),
      check('no 5xx', stats.fiveXx === 0 ? [] : [`${stats.fiveXx} responses were 5xx`]),
      check(
        'everything settled',
        left.steps + left.messages === 0
          ? []
          : [`${left.steps} steps, ${left.messages} messages still pending`],
      ),
      check('nothing lost: sent, fallen back or visibly failed', lost, {
        sentOrDelivered: rows.filter((m) => m.status === 'sent' || m.status === 'delivered').length,
        fallbacks,
        visiblyFailed,
        lost: lost.length,
      }),
      check(
        'outage exercised retries, timeouts and fallbacks',
        [
          ...(retried === 0 ? ['no message was retried'] : []),
          ...(fallbacks === 0 ? ['no message fell back'] : []),
          ...(byMode('500') === 0 ? ['the gateway never answered 500'] : []),
          ...(byMode('hang') === 0 ? ['the gateway never hung'] : []),
          ...(!/at:timeout/.test(log) ? ['no adapter timeout seen'] : []),
        ],
        { retried, timeouts: (log.match(/at:timeout/g) ?? []).length },
      ),
      await acknowledgedPresent(t.sql, stats.acked),
      await gatewayMatches(t.sql, final, 'every accepted SMS is on record once'),
      await noDuplicates(t.sql),
      await consistent(t.sql),
      await auditChain(t.database),
    );
  } finally {
    await t.close();
  }
  return result(
    name,
    started,
    {
      reports: stats.sent,
      acked: stats.acked.length,
      ...numbers,
      byStatus: Object.entries(statuses)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
    },
    checks,
  );
}
