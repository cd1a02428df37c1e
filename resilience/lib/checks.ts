/**
 * The checkers: plain SQL against the database a scenario used, read after the fact. Each returns a
 * `Check` (passed or not, with numbers and the first few offenders), so a scenario's verdict and the
 * summary come from the same place. `selfTest` breaks the data inside a transaction it rolls back and
 * demands that the checkers notice.
 */
import type { Database } from '../../src/server/db/client.js';
import { verifyAuditChain } from '../../src/server/security/audit.js';
import type { Ack } from './traffic.js';

export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface Check {
  name: string;
  ok: boolean;
  /** Numbers for the summary. */
  numbers: Record<string, number | string>;
  /** The first offenders, for the log. */
  problems: string[];
}

const first = (xs: string[], n = 5) => xs.slice(0, n);

export function check(name: string, problems: string[], numbers: Check['numbers'] = {}): Check {
  return { name, ok: problems.length === 0, numbers, problems: first(problems, 8) };
}

/** Every acknowledged report exists: the form's reference is a case, the SMS's gateway id a processed
 * inbound message with its case and the reply to the reporter queued. */
export async function acknowledgedPresent(sql: Sql, acks: Ack[]): Promise<Check> {
  const refs = acks.filter((a) => a.kind === 'form').map((a) => a.key);
  const smsIds = acks.filter((a) => a.kind === 'sms').map((a) => a.key);
  const problems: string[] = [];
  const foundRefs = new Set(
    (
      await sql<{ reference: string }>('select reference from cases where reference = any($1::text[])', [
        refs,
      ])
    ).map((r) => r.reference),
  );
  for (const r of refs) if (!foundRefs.has(r)) problems.push(`form report ${r} acknowledged but not stored`);
  const inbound = await sql<{ gateway_id: string; status: string; has_case: boolean }>(
    `select m.gateway_id, m.status, (c.id is not null) as has_case
       from messages m left join cases c on c.id = m.case_id
      where m.direction = 'in' and m.gateway_id = any($1::text[])`,
    [smsIds],
  );
  const byId = new Map(inbound.map((r) => [r.gateway_id, r]));
  const replies = new Set(
    (
      await sql<{ idempotency_key: string }>(
        'select idempotency_key from messages where idempotency_key = any($1::text[])',
        [smsIds.map((id) => `sms-in:${id}:reply`)],
      )
    ).map((r) => r.idempotency_key),
  );
  let smsFound = 0;
  for (const id of smsIds) {
    const row = byId.get(id);
    if (!row) problems.push(`SMS ${id} acknowledged but not stored`);
    else if (!row.has_case) problems.push(`SMS ${id} acknowledged but has no case (status ${row.status})`);
    else if (row.status !== 'processed') problems.push(`SMS ${id} acknowledged but left ${row.status}`);
    else if (!replies.has(`sms-in:${id}:reply`)) problems.push(`SMS ${id} acknowledged but no reply queued`);
    else smsFound += 1;
  }
  return check('acknowledged reports stored', problems, {
    acknowledged: acks.length,
    found: refs.filter((r) => foundRefs.has(r)).length + smsFound,
    missing: acks.length - (refs.filter((r) => foundRefs.has(r)).length + smsFound),
  });
}

/** The case ids behind a set of acknowledgements. */
export async function caseIdsOf(sql: Sql, acks: Ack[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    `select id from cases where reference = any($1::text[])
     union select m.case_id from messages m
      where m.direction = 'in' and m.gateway_id = any($2::text[]) and m.case_id is not null`,
    [
      acks.filter((a) => a.kind === 'form').map((a) => a.key),
      acks.filter((a) => a.kind === 'sms').map((a) => a.key),
    ],
  );
  return rows.map((r) => r.id);
}

export interface TimerReport extends Check {
  /** Lateness of every timer that fired, in ms after max(its due time, the server being back). */
  lateness: number[];
}

interface PolicySnap {
  steps: { waitMinutes: number }[];
  repeat: number;
}

/**
 * Timers of the given cases: every clock and every escalation step that was due by `now - graceMs`
 * fired (a clock exactly once; the steps of an alert in order, none skipped, none twice). Lateness is
 * measured from the later of the due time and `backAt` (when the restarted server was ready).
 */
export async function timersFired(
  sql: Sql,
  caseIds: string[],
  opts: { now: number; graceMs: number; backAt: number },
): Promise<TimerReport> {
  const problems: string[] = [];
  const lateness: number[] = [];
  const clockLateness: number[] = [];
  const excused = (due: number) => Math.max(due, opts.backAt);
  const clocks = await sql<{
    id: string;
    kind: string;
    due_at: Date;
    fired_at: Date | null;
    met_at: Date | null;
  }>('select id, kind, due_at, fired_at, met_at from case_clocks where case_id = any($1::uuid[])', [caseIds]);
  let clocksFired = 0;
  let clocksPending = 0;
  for (const c of clocks) {
    if (c.met_at) continue;
    const due = new Date(c.due_at).getTime();
    if (c.fired_at) {
      clocksFired += 1;
      clockLateness.push(new Date(c.fired_at).getTime() - excused(due));
    } else if (excused(due) < opts.now - opts.graceMs) {
      problems.push(`clock ${c.kind} ${c.id} due ${new Date(due).toISOString()} never fired`);
    } else clocksPending += 1;
  }
  const breaches = await sql<{ case_id: string; clock: string; n: number }>(
    `select case_id, data->>'clock' as clock, count(*)::int as n from case_events
      where case_id = any($1::uuid[]) and type in ('clock.breached', 'clock.warning')
      group by 1, 2 having count(*) > 1`,
    [caseIds],
  );
  for (const b of breaches) problems.push(`clock ${b.clock} of case ${b.case_id} fired ${b.n} times`);

  // A surge groups urgent reports of one ward (DESIGN §2.7): the members never page on their own, their
  // group (an alert without a case) pages for them, so the groups are checked step by step too.
  const alerts = await sql<{
    id: string;
    status: string;
    created_at: Date;
    detail: { nextDueAt?: string | null; exhausted?: boolean };
    policy_snapshot: PolicySnap;
    group_id: string | null;
  }>(
    `select id, status, created_at, detail, policy_snapshot, group_id from alerts
      where case_id = any($1::uuid[])
         or id in (select group_id from alerts where case_id = any($1::uuid[]) and group_id is not null)`,
    [caseIds],
  );
  const notes = await sql<{ alert_id: string; step: number; round: number; at: Date; n: number }>(
    `select alert_id, step, round, min(at) as at, count(*)::int as n from alert_notifications
      where alert_id = any($1::uuid[]) group by 1, 2, 3`,
    [alerts.map((a) => a.id)],
  );
  const notesOf = new Map<string, { step: number; round: number; at: number; n: number }[]>();
  for (const n of notes) {
    const list = notesOf.get(n.alert_id) ?? [];
    list.push({ step: n.step, round: n.round, at: new Date(n.at).getTime(), n: n.n });
    notesOf.set(n.alert_id, list);
  }
  let stepsFired = 0;
  let stepsPending = 0;
  let grouped = 0;
  for (const a of alerts) {
    if (a.group_id) {
      grouped += 1;
      if (!notesOf.get(a.group_id)?.length)
        problems.push(`alert ${a.id}: its group ${a.group_id} never paged`);
      continue;
    }
    const policy = a.policy_snapshot;
    const order: { step: number; round: number }[] = [];
    for (let r = 0; r <= policy.repeat; r++)
      for (let s = 0; s < policy.steps.length; s++) order.push({ step: s, round: r });
    const fired = notesOf.get(a.id) ?? [];
    const at = (p: { step: number; round: number }) =>
      fired.find((f) => f.step === p.step && f.round === p.round);
    let prevAt = new Date(a.created_at).getTime();
    let prevWait = 0;
    let gap = false;
    for (const p of order) {
      const f = at(p);
      if (!f) {
        gap = true;
        continue;
      }
      if (gap)
        problems.push(`alert ${a.id}: step ${p.step + 1} round ${p.round + 1} fired after a skipped step`);
      stepsFired += 1;
      lateness.push(f.at - excused(prevAt + prevWait * 60_000));
      prevAt = f.at;
      prevWait = policy.steps[p.step]!.waitMinutes;
    }
    const next = a.detail?.nextDueAt ? new Date(a.detail.nextDueAt).getTime() : null;
    if (a.status === 'triggered' && next !== null) {
      if (excused(next) < opts.now - opts.graceMs) {
        problems.push(`alert ${a.id}: step due ${new Date(next).toISOString()} never fired`);
      } else stepsPending += 1;
    } else if (a.status === 'triggered' && !a.detail?.exhausted) {
      problems.push(`alert ${a.id}: triggered, not exhausted, and no next step armed`);
    } else if (a.detail?.exhausted && fired.length < order.length) {
      // Every step of the scenarios' policies pages someone, so an exhausted alert paged every step.
      problems.push(`alert ${a.id}: exhausted after ${fired.length} of ${order.length} steps`);
    }
  }
  const clockStats = latenessStats(clockLateness);
  const stepStats = latenessStats(lateness);
  const all = latenessStats([...clockLateness, ...lateness]);
  return {
    ...check('pending timers fired', problems, {
      clocks: clocks.length,
      clocksFired,
      clocksNotYetDue: clocksPending,
      alerts: alerts.length,
      grouped,
      stepsFired,
      stepsNotYetDue: stepsPending,
      clockLateP50Ms: clockStats.p50,
      clockLateP99Ms: clockStats.p99,
      stepLateP50Ms: stepStats.p50,
      stepLateP99Ms: stepStats.p99,
      lateMaxMs: all.max,
      over1s: all.over1s,
    }),
    lateness: [...clockLateness, ...lateness],
  };
}

/** Nearest-rank percentiles of lateness (ms), and how many were over a second. */
export function latenessStats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const pct = (p: number) =>
    s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : 0;
  return {
    p50: Math.round(pct(50)),
    p99: Math.round(pct(99)),
    max: Math.round(s[s.length - 1] ?? 0),
    over1s: s.filter((x) => x > 1000).length,
  };
}

/** Nothing sent or recorded twice: per alert step and user, per idempotency key, per clock. */
export async function noDuplicates(sql: Sql): Promise<Check> {
  const problems: string[] = [];
  const pages = await sql<{ alert_id: string; step: number; round: number; n: number }>(
    `select alert_id, step, round, count(*)::int as n from alert_notifications
      group by alert_id, user_id, step, round having count(*) > 1`,
  );
  for (const p of pages) problems.push(`alert ${p.alert_id} step ${p.step} round ${p.round}: ${p.n} pages`);
  const keys = await sql<{ k: string; n: number }>(
    `select idempotency_key as k, count(*)::int as n from messages where idempotency_key is not null
      group by 1 having count(*) > 1`,
  );
  for (const k of keys) problems.push(`message ${k.k} stored ${k.n} times`);
  // One message per page and rule: the key is `alert:<id>:<step>:<round>:<user>#<channel>@<delay>`.
  const perPage = await sql<{ page: string; n: number; rules: number }>(
    `select split_part(idempotency_key, '#', 1) as page, count(*)::int as n,
            count(distinct split_part(idempotency_key, '#', 2))::int as rules
       from messages where idempotency_key like 'alert:%' and fallback_of is null
      group by 1 having count(*) > count(distinct split_part(idempotency_key, '#', 2))`,
  );
  for (const p of perPage) problems.push(`page ${p.page}: ${p.n} messages for ${p.rules} rules`);
  const timeline = await sql<{ alert: string; step: string; round: string; n: number }>(
    `select e.data->>'alertId' as alert, s->>'step' as step, s->>'round' as round, count(*)::int as n
       from case_events e, jsonb_array_elements(e.data->'steps') s
      where e.type = 'alert.notified' group by 1, 2, 3 having count(*) > 1`,
  );
  for (const t of timeline)
    problems.push(`alert ${t.alert} step ${t.step} round ${t.round} notified ${t.n} times`);
  const clocks = await sql<{ case_id: string; clock: string; n: number }>(
    `select case_id, data->>'clock' as clock, count(*)::int as n from case_events
      where type in ('clock.breached', 'clock.warning') group by 1, 2 having count(*) > 1`,
  );
  for (const c of clocks) problems.push(`clock ${c.clock} of case ${c.case_id} fired ${c.n} times`);
  const [counts] = await sql<{ pages: number; messages: number }>(
    `select (select count(*)::int from alert_notifications) as pages,
            (select count(*)::int from messages where direction = 'out') as messages`,
  );
  return check('nothing sent twice', problems, {
    pages: counts?.pages ?? 0,
    outboundMessages: counts?.messages ?? 0,
    duplicates: problems.length,
  });
}

/**
 * Nothing half-written: every case has its intake timeline entry, its `case.created` audit entry, its
 * acknowledge clock and its alert; inbound messages were finished (unless `inboundMayBeUnfinished`,
 * for a crash, where the gateway's retry finishes them).
 */
export async function consistent(sql: Sql, opts: { inboundMayBeUnfinished?: boolean } = {}): Promise<Check> {
  const problems: string[] = [];
  const missing = async (what: string, cond: string) => {
    const rows = await sql<{ reference: string }>(
      `select c.reference from cases c where not exists (${cond})`,
    );
    for (const r of rows) problems.push(`case ${r.reference} has no ${what}`);
  };
  await missing(
    'intake timeline entry',
    `select 1 from case_events e where e.case_id = c.id and e.type = 'intake'`,
  );
  await missing(
    'case.created audit entry',
    `select 1 from audit_log a where a.subject_type = 'case' and a.subject_id = c.id::text and a.action = 'case.created'`,
  );
  await missing(
    'acknowledge clock',
    `select 1 from case_clocks k where k.case_id = c.id and k.kind = 'acknowledge'`,
  );
  await missing('intake alert', `select 1 from alerts a where a.case_id = c.id`);
  await missing('data key', `select 1 from data_keys d where d.id = c.data_key_id`);
  const orphans = await sql<{ id: string }>(
    `select m.id from messages m where m.case_id is not null and not exists (select 1 from cases c where c.id = m.case_id)`,
  );
  for (const o of orphans) problems.push(`message ${o.id} points at a case that does not exist`);
  if (!opts.inboundMayBeUnfinished) {
    const open = await sql<{ id: string; status: string }>(
      `select id, status from messages where direction = 'in' and status <> 'processed'`,
    );
    for (const o of open) problems.push(`inbound message ${o.id} left ${o.status}`);
  }
  const [n] = await sql<{ cases: number }>('select count(*)::int as cases from cases');
  return check('nothing half-written', problems, { cases: n?.cases ?? 0 });
}

export async function auditChain(database: Database): Promise<Check> {
  const r = await verifyAuditChain(database.db);
  return check(
    'audit chain verifies',
    r.ok ? [] : [`broken at entry ${r.firstBroken!.seq}: ${r.firstBroken!.reason}`],
    { entries: r.checked },
  );
}

/** Outbound messages by status; those still pending or sending are "unsettled". */
export async function messageStatuses(sql: Sql): Promise<Record<string, number>> {
  const rows = await sql<{ channel: string; status: string; n: number }>(
    `select channel, status, count(*)::int as n from messages where direction = 'out' group by 1, 2 order by 1, 2`,
  );
  return Object.fromEntries(rows.map((r) => [`${r.channel}:${r.status}`, r.n]));
}

/**
 * The test of the test. Inside a transaction that is rolled back: delete one acknowledged report, un-fire
 * one clock and cut one case's intake timeline entry, then run the checkers, which must all fail.
 * Returns a Check that passes when each sabotage was caught.
 */
export async function selfTest(
  sql: Sql,
  acks: Ack[],
  timerOpts: { now: number; graceMs: number; backAt: number },
): Promise<Check> {
  const problems: string[] = [];
  const numbers: Record<string, number | string> = {};
  const form = acks.find((a) => a.kind === 'form');
  if (!form) return check('self-test: checkers catch sabotage', ['no acknowledged form report to drop']);
  await sql('begin');
  try {
    await sql('delete from cases where reference = $1', [form.key]);
    const lost = await acknowledgedPresent(sql, acks);
    numbers.droppedReportMissing = Number(lost.numbers.missing);
    if (lost.ok) problems.push(`dropped report ${form.key} but the loss check passed`);

    const ids = await caseIdsOf(sql, acks);
    const [clock] = await sql<{ id: string; case_id: string }>(
      `update case_clocks set fired_at = null, breached = false, due_at = now() - interval '1 hour'
        where id = (select id from case_clocks where case_id = any($1::uuid[]) and fired_at is not null limit 1)
        returning id, case_id`,
      [ids],
    );
    if (clock) {
      // Only that clock's case, so nothing else that is legitimately still pending gets in the way.
      const timers = await timersFired(sql, [clock.case_id], { ...timerOpts, now: Date.now(), backAt: 0 });
      const caught = timers.problems.some((p) => p.includes(clock.id));
      numbers.unfiredClockCaught = caught ? 'yes' : 'no';
      if (!caught) problems.push(`un-fired clock ${clock.id} but the timer check did not notice`);
    } else numbers.unfiredClockCaught = 'n/a (no fired clock)';

    const [cut] = await sql<{ case_id: string }>(
      `delete from case_events where id = (select id from case_events where type = 'intake' limit 1) returning case_id`,
    );
    if (cut) {
      const half = await consistent(sql, { inboundMayBeUnfinished: true });
      numbers.halfWrittenCaught = half.ok ? 'no' : 'yes';
      if (half.ok)
        problems.push(`cut the intake entry of case ${cut.case_id} but the consistency check passed`);
    }
  } finally {
    await sql('rollback');
  }
  const after = await acknowledgedPresent(sql, acks);
  if (!after.ok) problems.push('the sabotage was not rolled back');
  return check('self-test: checkers catch sabotage', problems, numbers);
}
