/**
 * Scenario 5 — the database server dies. A PostgreSQL primary with a synchronous hot standby (started
 * here from the machine's PostgreSQL binaries, lib/pg-pair.ts), HAProxy in front of them (the primary
 * active, the standby `backup`), and one real server whose DATABASE_URL is HAProxy. Mid-surge the
 * primary is killed with -9 (postmaster and backends); after a detection delay the scenario plays the
 * failover manager and runs `pg_ctl promote` on the standby. The same server process must carry on:
 * every report that got a 2xx is on the new primary, the timers that were pending at the failover fire
 * after it, new reports succeed, and the recovery time (first failed request → first 2xx after it) is
 * reported. The recipe it proves is in docs/SCALING.md.
 */
import { mkdirSync } from 'node:fs';
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
  openTarget,
  prepare,
  say,
  serverEnv,
  settle,
  startServer,
  type Run,
  type Target,
} from '../lib/env.js';
import { startPgPair } from '../lib/pg-pair.js';
import { result, type Profile, type ScenarioResult } from '../lib/scenario.js';
import { tokenMinter, newStats, postForm, surge, type Ack } from '../lib/traffic.js';

const ACK_MINUTES = 1;
const STEP_WAIT_MINUTES = 0.2;
const DATABASE = 'dharura';
/** Longest the scenario waits for the first 2xx after the promotion before calling it not recovered. */
const RECOVERY_LIMIT_MS = 60_000;

/**
 * What the scenario waits for: the acknowledge clocks of the cases taken in before the kill (all due
 * after it) that have not fired, and the alerts raised before the kill, still escalating, that have not
 * paged anyone since (their next step was pending at the failover). The rest of each escalation chain
 * is the alert engine's throughput, not the failover's, and is left to the grace-period check.
 */
async function pendingSince(sql: Sql, killedAt: number) {
  const [r] = await sql<{ clocks: number; steps: number }>(
    `select (select count(*)::int from case_clocks k join cases c on c.id = k.case_id
               where k.fired_at is null and k.met_at is null and c.created_at < $1) as clocks,
            (select count(*)::int from alerts a where a.status = 'triggered'
                and a.detail->>'nextDueAt' is not null and a.created_at < $1
                and not exists (select 1 from alert_notifications n where n.alert_id = a.id and n.at > $1)) as steps`,
    [new Date(killedAt)],
  );
  return r ?? null;
}

/**
 * The timers of the cases taken in before the kill that were still to fire when the primary died: every
 * one fired, after the promotion. Without any such timer the scenario proves nothing, so that fails too.
 */
async function firedAfterFailover(sql: Sql, caseIds: string[], killedAt: number): Promise<Check> {
  const problems: string[] = [];
  const clocks = await sql<{ id: string; due_at: Date; fired_at: Date | null }>(
    `select id, due_at, fired_at from case_clocks
      where case_id = any($1::uuid[]) and met_at is null and due_at > $2`,
    [caseIds, new Date(killedAt)],
  );
  const fired = clocks.filter((c) => c.fired_at && new Date(c.fired_at).getTime() > killedAt);
  for (const c of clocks)
    if (!c.fired_at) problems.push(`clock ${c.id} due ${new Date(c.due_at).toISOString()} never fired`);
  if (clocks.length === 0) problems.push('no clock was pending at the failover');
  const [steps] = await sql<{ alerts: number; paged: number; pages: number }>(
    `select count(distinct a.id)::int as alerts,
            count(distinct n.alert_id)::int as paged, count(n.alert_id)::int as pages
       from alerts a left join alert_notifications n on n.alert_id = a.id and n.at > $2
      where a.case_id = any($1::uuid[]) and a.created_at < $2`,
    [caseIds, new Date(killedAt)],
  );
  if ((steps?.alerts ?? 0) > 0 && (steps?.paged ?? 0) === 0)
    problems.push(`none of the ${steps?.alerts} alerts raised before the kill paged anyone after it`);
  return check('timers pending at the failover fired after it', problems, {
    clocksPending: clocks.length,
    clocksFired: fired.length,
    alertsBefore: steps?.alerts ?? 0,
    alertsPagedAfter: steps?.paged ?? 0,
    stepsFiredAfter: steps?.pages ?? 0,
  });
}

export async function failoverScenario(
  run: Run,
  profile: Profile,
  sabotage: boolean,
): Promise<ScenarioResult> {
  const name = 'failover';
  const started = Date.now();
  const pair = await startPgPair(run, name, DATABASE);
  try {
    const syncBefore = await pair.syncState();
    say(
      name,
      `primary :${pair.primary.port}, standby :${pair.standby.port} (${syncBefore}), HAProxy in front`,
    );
    const target: Target = {
      kind: 'postgres',
      name,
      dataDir: `${run.work}/${name}`,
      databaseUrl: pair.proxyUrl(DATABASE),
    };
    mkdirSync(target.dataDir, { recursive: true });
    const env = serverEnv(run, target);
    await prepare(env, { acknowledgeMinutes: ACK_MINUTES, stepWaitMinutes: STEP_WAIT_MINUTES });
    const server = await startServer(run, env, name);
    const serverPid = server.proc.pid;
    const token = tokenMinter(run.keys.blindIndexKey);
    say(
      name,
      `server up at ${server.url} through HAProxy; surge with ${profile.failoverConnections} clients`,
    );

    const traffic = surge({
      urls: () => [server.url],
      token,
      secret: run.secret,
      connections: profile.failoverConnections,
    });
    await sleep(profile.failoverKillAfterMs);
    const killedAt = Date.now();
    await pair.killPrimary();
    const ackedBeforeKill = traffic.stats.acked.filter((a) => a.at <= killedAt).length;
    say(
      name,
      `${new Date(killedAt).toISOString()} kill -9 the primary after ${traffic.stats.sent} requests (${ackedBeforeKill} acknowledged)`,
    );
    await sleep(profile.failoverDetectMs);
    const promoteAt = Date.now();
    await pair.promote();
    const promotedAt = Date.now();
    say(
      name,
      `${new Date(promotedAt).toISOString()} standby promoted in ${((promotedAt - promoteAt) / 1000).toFixed(1)} s`,
    );

    // The same server process, untouched: wait for its first 2xx after the promotion.
    const limit = promotedAt + RECOVERY_LIMIT_MS;
    while (!traffic.stats.acked.some((a) => a.at > promotedAt) && Date.now() < limit) await sleep(50);
    await sleep(profile.failoverAfterRecoveryMs);
    const stats = await traffic.stop();
    // One more report on its own, once the surge is over: the app takes reports as before.
    const last = newStats();
    await postForm(server.url, token, last);
    const acks: Ack[] = [...stats.acked, ...last.acked];

    const firstFailAt = Math.min(...stats.failedAt.filter((t) => t >= killedAt));
    const recoveredAt = Math.min(...stats.acked.filter((a) => a.at > firstFailAt).map((a) => a.at));
    const recovered = Number.isFinite(firstFailAt) && Number.isFinite(recoveredAt);
    const recoveryMs = recovered ? recoveredAt - firstFailAt : -1;
    say(
      name,
      recovered
        ? `recovered: first failed request → first 2xx ${(recoveryMs / 1000).toFixed(1)} s (kill → first 2xx ${((recoveredAt - killedAt) / 1000).toFixed(1)} s)`
        : 'did not recover',
    );

    // The timers of the reports taken in before the kill: acknowledge clocks a minute after intake and
    // escalation steps 12 s apart, all due after the failover.
    const direct: Target = { ...target, databaseUrl: pair.standby.url(DATABASE) };
    const probe = await openTarget(direct);
    const waited = await settle({
      scope: name,
      probe: () => pendingSince(probe.sql, killedAt),
      done: (p) => p.clocks === 0 && p.steps === 0,
      describe: (p) => `${p.clocks} clocks, ${p.steps} alerts' next steps pending since the failover`,
      backlog: (p) => p.clocks + p.steps,
      deadline: killedAt + ACK_MINUTES * 60_000 + profile.timerGraceMs,
      capMs: profile.drainCapMs,
    });
    await probe.close();
    const upAfter =
      server.proc.child.exitCode === null &&
      server.proc.child.signalCode === null &&
      server.proc.pid === serverPid;
    await server.stop();
    const checkedAt = Date.now();

    const t = await openTarget(direct);
    const checks: Check[] = [];
    try {
      if (sabotage) {
        // RESILIENCE_SABOTAGE: drop one acknowledged report on the new primary, so this run must fail.
        const victim = acks.find((a) => a.kind === 'form');
        if (victim) await t.sql('delete from cases where reference = $1', [victim.key]);
        say(name, `SABOTAGE: deleted acknowledged case ${victim?.key ?? '(none)'} on the new primary`);
      }
      const [{ r: inRecovery } = { r: true }] = await t.sql<{ r: boolean }>(
        'select pg_is_in_recovery() as r',
      );
      checks.push(
        check(
          'standby was synchronous before the kill',
          syncBefore === 'sync' ? [] : [`sync_state ${syncBefore}`],
        ),
        check('checked on the promoted standby', inRecovery ? ['the standby is still in recovery'] : []),
        check('surge produced acknowledged reports before the kill', ackedBeforeKill > 0 ? [] : ['none']),
        check(
          'app recovered without a restart',
          [
            ...(upAfter ? [] : ['the server process exited or was replaced']),
            ...(recovered ? [] : [`no 2xx within ${RECOVERY_LIMIT_MS / 1000} s of the promotion`]),
            ...(last.acked.length === 1 ? [] : ['a report after the surge was refused']),
          ],
          { recoveryMs, serverPid },
        ),
        await acknowledgedPresent(t.sql, acks),
      );
      const ids = await caseIdsOf(t.sql, acks);
      const before = await caseIdsOf(
        t.sql,
        acks.filter((a) => a.at <= killedAt),
      );
      const timerOpts = { now: checkedAt, graceMs: profile.timerGraceMs, backAt: promotedAt };
      checks.push(
        await firedAfterFailover(t.sql, before, killedAt),
        await timersFired(t.sql, ids, timerOpts),
        await noDuplicates(t.sql),
        await consistent(t.sql, { inboundMayBeUnfinished: true }),
        await auditChain(t.database),
        await selfTest(t.sql, acks, timerOpts),
      );
    } finally {
      await t.close();
    }
    const timers =
      checks.find((c) => c.name === 'timers pending at the failover fired after it')?.numbers ?? {};
    const found = checks.find((c) => c.name === 'acknowledged reports stored')?.numbers;
    return result(
      name,
      started,
      {
        sent: stats.sent + last.sent,
        acked: acks.length,
        ackedBeforeKill,
        foundOnNewPrimary: found?.found ?? 0,
        failedDuringFailover: stats.failedAt.length,
        noResponse: stats.noResponse,
        fiveXx: stats.fiveXx,
        promoteS: Number(((promotedAt - promoteAt) / 1000).toFixed(1)),
        // The outage: from the kill (which includes the failover manager's detection delay) and from
        // the first request that failed, to the first 2xx after it.
        killToFirst2xxS: recovered ? Number(((recoveredAt - killedAt) / 1000).toFixed(1)) : 'not recovered',
        firstFailureToFirst2xxS: recovered ? Number((recoveryMs / 1000).toFixed(1)) : 'not recovered',
        clocksPendingAtFailover: timers.clocksPending ?? 0,
        clocksFiredAfter: timers.clocksFired ?? 0,
        alertsPagedAfter: timers.alertsPagedAfter ?? 0,
        stepsFiredAfter: timers.stepsFiredAfter ?? 0,
        pendingAtDeadline: waited.last
          ? `${waited.last.clocks} clocks, ${waited.last.steps} steps`
          : 'unknown',
      },
      checks,
    );
  } finally {
    await pair.stop();
  }
}
