import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Notifier } from '../../channels/notifier.js';
import { InsertBatch } from '../../db/bulk.js';
import type { Db, Executor } from '../../db/client.js';
import type { alerts as alertsTable } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import { alertCaseView, caseAccess, type Actor } from '../../security/policy.js';
import type { CasesRepo, NewCaseEvent } from '../cases/cases.repo.js';
import type {
  EscalationReason,
  EscalationRequest,
  Escalations,
  NewCaseEscalation,
  PreparedEscalations,
} from '../cases/escalation.js';
import type { AlertBus } from './alerts.bus.js';
import type { AlertMetrics } from './alerts.metrics.js';
import {
  policySnapshot,
  type AlertEventType,
  type AlertStatus,
  type AlertView,
  type PolicySnapshot,
  type StepTarget,
} from '../../../shared/contracts/alerts.js';
import {
  NO_MESSAGE_ID,
  type AlertRow,
  type AlertUpdate,
  type AlertsRepo,
  type CaseSummary,
} from './alerts.repo.js';
import { alertText } from './alerts.text.js';
import { alwaysUrgent, builtinPolicy, policyNameFor } from './defaults.js';
import { onCallAt } from './oncall.js';
import { rotationOf, type OncallService } from './oncall.service.js';

/** Puts alert timers on the durable queue. Fire-and-forget: the alert row is the truth and the sweep the net. */
export interface AlertScheduler {
  /** `priority` (P1…P4) orders a backlog of due steps: in a surge a P1's page goes out first. */
  step(alertId: string, fence: number, step: number, round: number, dueAt: Date, priority?: string): void;
  resume(alertId: string, fence: number, at: Date): void;
  /** Many first steps at once (one statement); without it, `step` is called for each. */
  steps?(
    list: { alertId: string; fence: number; step: number; round: number; dueAt: Date; priority?: string }[],
  ): Promise<void>;
}

interface AlertDetail {
  /** When the armed step is due (ISO); absent once acknowledged, resolved, snoozed or exhausted. */
  nextDueAt?: string | null;
  exhausted?: boolean;
  firstNotifiedAt?: string;
  lastNotified?: { step: number; round: number; at: string };
  [k: string]: unknown;
}

interface Position {
  step: number;
  round: number;
}

/** The step after `p`: the next in the list, else the first of the next round, else none (exhausted). */
export function advance(policy: PolicySnapshot, p: Position): Position | null {
  if (p.step + 1 < policy.steps.length) return { step: p.step + 1, round: p.round };
  if (p.round < policy.repeat) return { step: 0, round: p.round + 1 };
  return null;
}

const detailOf = (a: AlertRow): AlertDetail => (a.detail ?? {}) as AlertDetail;

function snapshotOfAlert(a: AlertRow): PolicySnapshot {
  const parsed = policySnapshot.safeParse(a.policySnapshot);
  return parsed.success ? parsed.data : builtinPolicy(policyNameFor(a.reason));
}

/** Case statuses that end every alert of the case. */
const caseEndStatuses: readonly string[] = ['closed', 'not_urgent', 'duplicate', 'withdrawn', 'declined'];
const allReasons = [
  'new_urgent_report',
  'clock_breached',
  'flag_raised',
  'arrest_clock',
  'decision_escalated',
  'sos',
  'missed_check_in',
  'dispatch_unanswered',
] satisfies EscalationReason[];

/** How long a notification may sit unaccepted before the sweep hands it to the notifier again. */
const REDELIVER_AFTER_MS = 2 * 60_000;
const REDELIVER_FOR_MS = 30 * 60_000;
/** A job may race the commit of the transaction that scheduled it (PostgreSQL): look again briefly. */
const NOT_YET_VISIBLE_RETRIES = [100, 250, 500, 1000];
/** How far ahead of this server's clock a released job may be and still be waited for. */
const MAX_SKEW_WAIT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AlertsDeps {
  db: Db;
  repo: AlertsRepo;
  oncall: OncallService;
  cases: Pick<CasesRepo, 'addEvent' | 'addEvents' | 'addEventsTo'>;
  audit: Audit;
  clock: Clock;
  notifier: Notifier;
  bus: AlertBus;
  metrics: AlertMetrics;
  scheduler: AlertScheduler;
  log: Logger;
}

/**
 * Alerts (DESIGN §2.2): a trigger raises an alert (or joins the open one with the same group key), the
 * alert snapshots its escalation policy, and each step is a durable job carrying the alert's fencing
 * token. A step locks the alert row, pages the step's people (one `alert_notifications` row each, unique
 * per alert/user/step/round, so a duplicate job inserts nothing and pages nobody), and arms the next step.
 * Acknowledge, resolve and snooze bump the fence, which turns every job scheduled before them into a no-op.
 */
export function createAlertsService(deps: AlertsDeps) {
  const { db, repo, oncall, cases, audit, clock, notifier, bus, metrics, scheduler, log } = deps;

  const publish = (alertId: string, event: AlertEventType, tx: Executor) =>
    bus.publish({ alertId, event, at: clock.now().toISOString() }, tx);

  function priorityFor(
    req: EscalationRequest,
    c: Pick<CaseSummary, 'priority' | 'inDangerNow'> | undefined,
  ): string {
    if (c?.priority) return c.priority;
    if (alwaysUrgent.includes(req.reason) || c?.inDangerNow || req.detail?.inDangerNow === true) return 'P1';
    // Unassessed and nobody in danger now: the intake clock's P3 timing.
    return 'P3';
  }

  async function resolveTargets(target: StepTarget, now: Date, tx: Executor): Promise<string[]> {
    switch (target.kind) {
      case 'users':
        return (await repo.activeUsers(target.userIds, tx)).map((u) => u.id);
      case 'role':
        return (await repo.activeUsersWithRole(target.role, tx)).map((u) => u.id);
      case 'rotation': {
        const r = await repo.rotationById(target.rotationId, tx);
        const who = r ? onCallAt(rotationOf(r), now) : null;
        if (!who) return [];
        return (await repo.activeUsers([who.userId], tx)).map((u) => u.id);
      }
    }
  }

  /** The timeline entry of an escalation request. */
  const requestedEvent = (req: EscalationRequest, now: Date): NewCaseEvent => ({
    caseId: req.caseId,
    at: now,
    actorId: null,
    actorLabel: 'system',
    type: 'escalation.requested',
    data: { reason: req.reason, ...(req.detail ?? {}) },
  });

  /** Raise an alert, or join the open one for the same case and reason (grouping). */
  async function request(req: EscalationRequest, tx: Executor): Promise<void> {
    const now = clock.now();
    // The timeline keeps the request whether it raises an alert or joins one.
    await cases.addEvent(requestedEvent(req, now), tx);
    const groupKey = `${req.caseId}:${req.reason}`;
    await repo.lockGroup(groupKey, tx);
    const open = await repo.openByGroup(groupKey, tx);
    if (open) {
      await repo.retrigger(open.id, now, tx);
      await publish(open.id, 'retriggered', tx);
      return;
    }
    const c = (await repo.caseSummaries([req.caseId], tx)).get(req.caseId);
    const policyName = policyNameFor(req.reason);
    const snapshot = await oncall.snapshotFor(policyName, tx);
    const alert = await repo.insertAlert(
      {
        caseId: req.caseId,
        reason: req.reason,
        groupKey,
        priority: priorityFor(req, c),
        status: 'triggered',
        policySnapshot: snapshot,
        step: 0,
        round: 0,
        fence: 1,
        triggerCount: 1,
        detail: { nextDueAt: now.toISOString() } satisfies AlertDetail,
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );
    await audit.record(
      {
        actorLabel: 'system',
        action: 'alert.raised',
        subjectType: 'alert',
        subjectId: alert.id,
        meta: { caseId: req.caseId, reason: req.reason, policy: snapshot.name, priority: alert.priority },
      },
      tx,
    );
    await publish(alert.id, 'created', tx);
    scheduler.step(alert.id, alert.fence, 0, 0, now, alert.priority);
  }

  /**
   * `request` for many at once (clock firings): the same rows, events, audit entries and live events,
   * in a handful of statements for the whole batch instead of about ten per request. Requests for a
   * group with an open alert join it; several requests for one new group raise one alert.
   */
  async function requestMany(reqs: EscalationRequest[], tx: Executor): Promise<void> {
    if (reqs.length <= 1) {
      if (reqs[0]) await request(reqs[0], tx);
      return;
    }
    const now = clock.now();
    const at = now.toISOString();
    await cases.addEvents(
      reqs.map((req) => requestedEvent(req, now)),
      tx,
    );
    const keyOf = (req: EscalationRequest) => `${req.caseId}:${req.reason}`;
    const keys = [...new Set(reqs.map(keyOf))];
    await repo.lockGroups(keys, tx);
    const open = await repo.openByGroups(keys, tx);
    for (const a of open.values()) {
      for (const req of reqs) if (keyOf(req) === a.groupKey) await repo.retrigger(a.id, now, tx);
      await publish(a.id, 'retriggered', tx);
    }
    const fresh = reqs.filter((req) => !open.has(keyOf(req)));
    if (fresh.length === 0) return;
    const summaries = await repo.caseSummaries(
      fresh.map((r) => r.caseId),
      tx,
    );
    const snapshots = new Map<string, PolicySnapshot>();
    const rows = new Map<
      string,
      typeof alertsTable.$inferInsert & { id: string; policySnapshot: PolicySnapshot }
    >();
    for (const req of fresh) {
      const key = keyOf(req);
      const known = rows.get(key);
      if (known) {
        known.triggerCount = (known.triggerCount ?? 1) + 1;
        continue;
      }
      const policyName = policyNameFor(req.reason);
      if (!snapshots.has(policyName)) snapshots.set(policyName, await oncall.snapshotFor(policyName, tx));
      rows.set(key, {
        id: randomUUID(),
        caseId: req.caseId,
        reason: req.reason,
        groupKey: key,
        priority: priorityFor(req, summaries.get(req.caseId)),
        status: 'triggered',
        policySnapshot: snapshots.get(policyName)!,
        step: 0,
        round: 0,
        fence: 1,
        triggerCount: 1,
        detail: { nextDueAt: at } satisfies AlertDetail,
        createdAt: now,
        updatedAt: now,
      });
    }
    const created = [...rows.values()];
    const batch = new InsertBatch();
    repo.insertAlerts(created, batch);
    audit.appendInto(
      batch,
      created.map((a) => ({
        actorLabel: 'system',
        action: 'alert.raised',
        subjectType: 'alert',
        subjectId: a.id,
        meta: { caseId: a.caseId, reason: a.reason, policy: a.policySnapshot.name, priority: a.priority },
      })),
    );
    bus.publishWith(
      batch,
      created.map((a) => ({ alertId: a.id, event: 'created' as const, at })),
    );
    await batch.write(tx);
    // Not awaited, as in `request`: on the embedded database the send waits for this transaction.
    const steps = created.map((a) => ({
      alertId: a.id,
      fence: 1,
      step: 0,
      round: 0,
      dueAt: now,
      priority: a.priority ?? undefined,
    }));
    if (scheduler.steps)
      void scheduler
        .steps(steps)
        .catch((err: Error) =>
          log.warn({ err: { message: err.message }, alerts: steps.length }, 'alert jobs not queued'),
        );
    else for (const j of steps) scheduler.step(j.alertId, j.fence, j.step, j.round, j.dueAt, j.priority);
  }

  /**
   * Raise the alerts of cases the caller is creating (intake), a batch at a time: the same rows, timeline
   * entries, audit entries and live events as `request`, written with the cases in the caller's one
   * statement. There is no open alert to join and no concurrent trigger to wait for: nobody else knows
   * these cases yet. The policy is read now, as `request` reads it. `afterCommit` queues the first steps
   * once the cases and alerts are committed, so a step's job never finds its alert not yet visible.
   */
  async function prepareNew(reqs: NewCaseEscalation[]): Promise<PreparedEscalations> {
    const snapshots = new Map<string, PolicySnapshot>();
    for (const name of new Set(reqs.map((r) => policyNameFor(r.reason)))) {
      snapshots.set(name, await oncall.snapshotFor(name, db));
    }
    const now = clock.now();
    const rows = reqs.map((req) => ({
      id: randomUUID(),
      caseId: req.caseId,
      reason: req.reason,
      groupKey: `${req.caseId}:${req.reason}`,
      priority: priorityFor(req, { priority: req.priority, inDangerNow: req.inDangerNow }),
      status: 'triggered',
      policySnapshot: snapshots.get(policyNameFor(req.reason))!,
      step: 0,
      round: 0,
      fence: 1,
      triggerCount: 1,
      detail: { nextDueAt: now.toISOString() } satisfies AlertDetail,
      createdAt: now,
      updatedAt: now,
    }));
    return {
      write(batch, recordAudit) {
        if (rows.length === 0) return;
        cases.addEventsTo(
          batch,
          reqs.map((req) => requestedEvent(req, now)),
        );
        repo.insertAlerts(rows, batch);
        for (const a of rows) {
          recordAudit({
            actorLabel: 'system',
            action: 'alert.raised',
            subjectType: 'alert',
            subjectId: a.id,
            meta: { caseId: a.caseId, reason: a.reason, policy: a.policySnapshot.name, priority: a.priority },
          });
        }
        const at = now.toISOString();
        bus.publishWith(
          batch,
          rows.map((a) => ({ alertId: a.id, event: 'created' as const, at })),
        );
      },
      async afterCommit() {
        const steps = rows.map((a) => ({
          alertId: a.id,
          fence: a.fence,
          step: 0,
          round: 0,
          dueAt: now,
          priority: a.priority,
        }));
        if (scheduler.steps) await scheduler.steps(steps);
        else for (const j of steps) scheduler.step(j.alertId, j.fence, j.step, j.round, j.dueAt, j.priority);
      },
    };
  }

  /** Hand the inserted notifications to the notifier, after the step's transaction committed. */
  async function deliver(
    a: AlertRow,
    pages: { userId: string; step: number; round: number }[],
    first: boolean,
    summaries: Map<string, CaseSummary>,
  ): Promise<void> {
    if (pages.length === 0) return;
    const c = a.caseId ? summaries.get(a.caseId) : undefined;
    const county = c && c.sensitivity !== 'restricted' ? c.county : null;
    if (first) metrics.firstNotification(a.reason, (clock.now().getTime() - a.createdAt.getTime()) / 1000);
    await Promise.all(
      pages.map(async (p) => {
        const text = alertText({
          reference: c?.reference ?? null,
          reason: a.reason,
          priority: a.priority,
          county,
          repeat: p.round > 0,
        });
        metrics.notification.triggered(a.reason);
        try {
          const res = await notifier.notifyUser({
            userId: p.userId,
            text,
            idempotencyKey: `alert:${a.id}:${p.step}:${p.round}:${p.userId}`,
            ...(a.caseId ? { caseId: a.caseId } : {}),
            alertId: a.id,
          });
          metrics.notification.delivered(a.reason);
          await repo.markDelivered(a.id, p.userId, p.step, p.round, res.messageIds[0] ?? NO_MESSAGE_ID);
        } catch (err) {
          metrics.notification.failed(a.reason);
          log.warn(
            { err: { message: (err as Error).message }, alertId: a.id, step: p.step, round: p.round },
            'alert notification not accepted; the sweep retries it',
          );
        }
      }),
    );
  }

  interface Fired {
    alert: AlertRow;
    pages: { userId: string; step: number; round: number }[];
    nextDueAt: Date | null;
    firstPage: boolean;
  }

  /**
   * Fire the armed step of a locked alert, in the caller's transaction. Steps with nobody to page, or
   * whose wait is zero, run straight on into the next. `targets` caches who a step pages, so a batch
   * looks each target up once. The timeline event is returned for the caller to write (one insert for a
   * batch). Null: nothing to fire (stale fence, not triggered, not due yet).
   */
  async function stepOf(
    a: AlertRow,
    fence: number,
    now: Date,
    targets: Map<string, Promise<string[]>>,
    tx: Executor,
  ): Promise<(Fired & { event: NewCaseEvent | null }) | null> {
    if (a.fence !== fence || a.status !== 'triggered') return null;
    const detail = detailOf(a);
    if (!detail.nextDueAt) return null;
    // A job may come early if the step was re-armed later; the later job fires it.
    if (new Date(detail.nextDueAt).getTime() > now.getTime() + 1000) return null;
    const policy = snapshotOfAlert(a);
    const pages: { userId: string; step: number; round: number }[] = [];
    const fired: { step: number; round: number; notified: number }[] = [];
    let cur: Position = {
      step: Math.min(a.step, policy.steps.length - 1),
      round: a.round,
    };
    let next: Position | null = null;
    let nextDueAt: Date | null = null;
    const maxSteps = policy.steps.length * (policy.repeat + 2);
    for (let i = 0; i < maxSteps; i += 1) {
      const s = policy.steps[cur.step]!;
      const key = JSON.stringify(s.target);
      if (!targets.has(key)) targets.set(key, resolveTargets(s.target, now, tx));
      const recipients = await targets.get(key)!;
      const inserted = await repo.insertNotifications(a.id, recipients, cur.step, cur.round, now, tx);
      for (const userId of inserted) pages.push({ userId, ...cur });
      fired.push({ ...cur, notified: inserted.length });
      next = advance(policy, cur);
      if (!next) break;
      // Nobody to page at this step: do not make the next one wait for nothing.
      const wait = recipients.length === 0 ? 0 : s.waitMinutes;
      if (wait > 0) {
        nextDueAt = new Date(now.getTime() + wait * 60_000);
        break;
      }
      cur = next;
    }
    const last = fired[fired.length - 1]!;
    const firstPage = !detail.firstNotifiedAt && pages.length > 0;
    const updated = await repo.update(
      a.id,
      {
        step: next && nextDueAt ? next.step : last.step,
        round: next && nextDueAt ? next.round : last.round,
        detail: {
          ...detail,
          nextDueAt: nextDueAt?.toISOString() ?? null,
          exhausted: !nextDueAt,
          lastNotified: { step: last.step, round: last.round, at: now.toISOString() },
          ...(firstPage ? { firstNotifiedAt: now.toISOString() } : {}),
        } satisfies AlertDetail,
        updatedAt: now,
      },
      tx,
    );
    const event: NewCaseEvent | null = a.caseId
      ? {
          caseId: a.caseId,
          at: now,
          actorId: null,
          actorLabel: 'system',
          type: pages.length > 0 ? 'alert.notified' : 'alert.unrouted',
          data: {
            alertId: a.id,
            reason: a.reason,
            steps: fired.map((f) => ({ step: f.step + 1, round: f.round + 1, notified: f.notified })),
            userIds: pages.map((p) => p.userId),
          },
        }
      : null;
    return { alert: updated, pages, nextDueAt, firstPage, event };
  }

  /** After the steps' transaction committed: hand the pages to the notifier and arm the next steps. */
  async function afterFired(list: Fired[]): Promise<void> {
    const summaries = await repo.caseSummaries(list.flatMap((f) => (f.alert.caseId ? [f.alert.caseId] : [])));
    await Promise.all(list.map((f) => deliver(f.alert, f.pages, f.firstPage, summaries)));
    for (const f of list) {
      if (f.nextDueAt)
        scheduler.step(f.alert.id, f.alert.fence, f.alert.step, f.alert.round, f.nextDueAt, f.alert.priority);
    }
  }

  /** Fire the armed step of an alert if `fence` is still current. Returns whether anything fired. */
  async function fire(alertId: string, fence: number): Promise<boolean> {
    const out = await db.transaction(async (tx) => {
      const a = await repo.lock(alertId, tx);
      if (!a) return null;
      const fired = await stepOf(a, fence, clock.now(), new Map(), tx);
      if (!fired) return null;
      if (fired.event) await cases.addEvent(fired.event, tx);
      await publish(a.id, 'notified', tx);
      return fired;
    });
    if (!out) return false;
    await afterFired([out]);
    return true;
  }

  /**
   * The steps of many alerts in one transaction (a surge's backlog): locked together in id order, who
   * each step pages looked up once per batch, one insert of timeline events; each alert keeps its own
   * notifications and state. Jobs it did not fire (an alert not visible yet because the job raced its
   * commit, a step not due by this instance's clock) are returned for `runStep`, which waits for them
   * and drops the stale ones.
   */
  async function fireMany(
    list: { alertId: string; fence: number }[],
  ): Promise<{ fired: number; rest: { alertId: string; fence: number }[] }> {
    const fences = new Map(list.map((j) => [j.alertId, j.fence]));
    const out = await db.transaction(async (tx) => {
      const now = clock.now();
      const locked = await repo.lockMany([...fences.keys()], tx);
      const targets = new Map<string, Promise<string[]>>();
      const done: (Fired & { event: NewCaseEvent | null })[] = [];
      for (const a of locked) {
        const fired = await stepOf(a, fences.get(a.id)!, now, targets, tx);
        if (fired) done.push(fired);
      }
      await cases.addEvents(
        done.flatMap((f) => (f.event ? [f.event] : [])),
        tx,
      );
      for (const f of done) await publish(f.alert.id, 'notified', tx);
      return { done, firedIds: new Set(done.map((f) => f.alert.id)) };
    });
    if (out.done.length > 0) await afterFired(out.done);
    return { fired: out.done.length, rest: list.filter((j) => !out.firedIds.has(j.alertId)) };
  }

  /**
   * A job handler's way in: the alert may not be visible yet (the job raced the commit of the transaction
   * that scheduled it), and this instance's clock may be a little behind the database's, which released
   * the job. Look again briefly, wait out a small skew, then fire. A larger skew is left to the sweep.
   */
  async function whenDue(
    alertId: string,
    fence: number,
    dueOf: (a: AlertRow) => Date | null,
    run: () => Promise<boolean>,
  ): Promise<boolean> {
    for (const delay of [0, ...NOT_YET_VISIBLE_RETRIES]) {
      if (delay) await sleep(delay);
      const a = await repo.findById(alertId);
      if (!a) continue;
      if (a.fence !== fence) return false;
      const due = dueOf(a);
      const early = due ? due.getTime() - clock.now().getTime() : 0;
      if (early > MAX_SKEW_WAIT_MS) {
        log.warn({ alertId, earlyMs: early }, 'alert job released early: is this server clock behind?');
        return false;
      }
      if (early > 0) await sleep(early);
      return run();
    }
    return false;
  }

  const runStep = (job: { alertId: string; fence: number }) =>
    whenDue(
      job.alertId,
      job.fence,
      (a) => {
        const due = detailOf(a).nextDueAt;
        return due ? new Date(due) : null;
      },
      () => fire(job.alertId, job.fence),
    );

  const runResume = (job: { alertId: string; fence: number }) =>
    whenDue(
      job.alertId,
      job.fence,
      (a) => a.snoozedUntil,
      () => resume(job.alertId, job.fence),
    );

  /** End a snooze: the alert is triggered again and its armed step pages at once. */
  async function resume(alertId: string, fence: number): Promise<boolean> {
    const out = await db.transaction(async (tx) => {
      const a = await repo.lock(alertId, tx);
      if (!a || a.fence !== fence || a.status !== 'snoozed') return null;
      const now = clock.now();
      if (a.snoozedUntil && a.snoozedUntil.getTime() > now.getTime() + 1000) return null;
      const detail = detailOf(a);
      const policy = snapshotOfAlert(a);
      // An exhausted policy pages its last step once more, in a new round.
      const pos: Position = detail.exhausted
        ? { step: policy.steps.length - 1, round: a.round + 1 }
        : { step: a.step, round: a.round };
      const updated = await repo.update(
        a.id,
        {
          status: 'triggered',
          snoozedUntil: null,
          step: pos.step,
          round: pos.round,
          detail: { ...detail, nextDueAt: now.toISOString(), exhausted: false } satisfies AlertDetail,
          updatedAt: now,
        },
        tx,
      );
      if (a.caseId) {
        await cases.addEvent(
          {
            caseId: a.caseId,
            at: now,
            actorId: null,
            actorLabel: 'system',
            type: 'alert.resumed',
            data: { alertId: a.id, reason: a.reason },
          },
          tx,
        );
      }
      await publish(a.id, 'resumed', tx);
      return updated;
    });
    if (!out) return false;
    await fire(out.id, out.fence);
    return true;
  }

  async function changeState(
    alertId: string,
    actor: Actor,
    action: 'acknowledge' | 'resolve' | 'snooze',
    minutes?: number,
  ): Promise<void> {
    const out = await db.transaction(async (tx) => {
      const a = await repo.lock(alertId, tx);
      if (!a) throw new AppError('NOT_FOUND');
      const now = clock.now();
      const detail = detailOf(a);
      const status = a.status as AlertStatus;
      let set: AlertUpdate;
      let event: AlertEventType;
      let resumeAt: Date | null = null;
      if (action === 'acknowledge') {
        if (status === 'resolved') throw new AppError('ALERT_CLOSED');
        // Two people pressing at once: the second sees it done.
        if (status === 'acknowledged') return null;
        set = {
          status: 'acknowledged',
          acknowledgedAt: now,
          acknowledgedBy: actor.id,
          snoozedUntil: null,
          detail: { ...detail, nextDueAt: null },
        };
        event = 'acknowledged';
      } else if (action === 'resolve') {
        if (status === 'resolved') return null;
        set = {
          status: 'resolved',
          resolvedAt: now,
          resolvedBy: actor.id,
          snoozedUntil: null,
          detail: { ...detail, nextDueAt: null },
        };
        event = 'resolved';
      } else {
        if (status === 'resolved') throw new AppError('ALERT_CLOSED');
        resumeAt = new Date(now.getTime() + minutes! * 60_000);
        set = { status: 'snoozed', snoozedUntil: resumeAt, detail: { ...detail, nextDueAt: null } };
        event = 'snoozed';
      }
      const updated = await repo.update(a.id, { ...set, updatedAt: now }, tx);
      const data = {
        alertId: a.id,
        reason: a.reason,
        ...(resumeAt ? { minutes, until: resumeAt.toISOString() } : {}),
      };
      if (a.caseId) {
        await cases.addEvent(
          { caseId: a.caseId, at: now, actorId: actor.id, actorLabel: 'user', type: `alert.${event}`, data },
          tx,
        );
      }
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: `alert.${event}`,
          subjectType: 'alert',
          subjectId: a.id,
          meta: { caseId: a.caseId, reason: a.reason, ...(minutes ? { minutes } : {}) },
        },
        tx,
      );
      await publish(a.id, event, tx);
      return { updated, resumeAt };
    });
    if (out?.resumeAt) scheduler.resume(out.updated.id, out.updated.fence, out.resumeAt);
  }

  async function views(rows: AlertRow[], actor: Actor): Promise<AlertView[]> {
    const caseIds = rows.map((r) => r.caseId).filter((x): x is string => Boolean(x));
    const [summaries, members, notes] = await Promise.all([
      repo.caseSummaries(caseIds),
      repo.membershipOf(actor.id, caseIds),
      repo.notificationsFor(rows.map((r) => r.id)),
    ]);
    const names = await repo.userNames([
      ...notes.map((n) => n.userId).filter((x): x is string => Boolean(x)),
      ...rows.flatMap((r) => [r.acknowledgedBy, r.resolvedBy]).filter((x): x is string => Boolean(x)),
    ]);
    const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '—' } : null);
    return rows.map((a) => {
      const c = a.caseId ? summaries.get(a.caseId) : undefined;
      const access = c ? caseAccess(actor, c, members.has(c.id)) : 'none';
      const paged = notes.some((n) => n.alertId === a.id && n.userId === actor.id);
      const shown = alertCaseView(access, paged);
      const detail = detailOf(a);
      const policy = snapshotOfAlert(a);
      return {
        id: a.id,
        caseId: shown.reference ? a.caseId : null,
        caseReference: shown.reference ? (c?.reference ?? null) : null,
        county: shown.county ? (c?.county ?? null) : null,
        reason: a.reason,
        priority: a.priority,
        status: a.status as AlertStatus,
        policy: { name: policy.name, steps: policy.steps.length, repeat: policy.repeat },
        step: a.step,
        round: a.round,
        nextDueAt: a.status === 'triggered' && detail.nextDueAt ? detail.nextDueAt : null,
        exhausted: Boolean(detail.exhausted),
        triggerCount: a.triggerCount,
        snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        acknowledgedBy: person(a.acknowledgedBy),
        resolvedAt: a.resolvedAt?.toISOString() ?? null,
        resolvedBy: person(a.resolvedBy),
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        notified: notes
          .filter((n) => n.alertId === a.id && n.userId)
          .map((n) => ({
            userId: n.userId!,
            displayName: names.get(n.userId!) ?? '—',
            step: n.step,
            round: n.round,
            at: n.at.toISOString(),
            delivered: n.messageId !== null,
          })),
      };
    });
  }

  return {
    request,
    requestMany,
    prepareNew,
    fire,
    resume,
    /** Handlers of the `alert.step` and `alert.resume` jobs. */
    runStep,
    /** A batch of step jobs: fired together; what that did not fire goes through `runStep`. */
    async runSteps(list: { alertId: string; fence: number }[]): Promise<void> {
      const { rest } = await fireMany(list);
      for (const job of rest) await runStep(job);
    },
    runResume,

    /**
     * The minute sweep, behind the exact-time jobs: fire every step that is due, end every snooze that
     * is over, and hand the notifier again any page it never accepted. Returns how many steps fired.
     */
    async sweep(limit = 500): Promise<number> {
      const now = clock.now();
      let fired = 0;
      const due = (await repo.dueSteps(now, limit)).map((a) => ({ alertId: a.id, fence: a.fence }));
      for (let i = 0; i < due.length; i += 50) fired += (await fireMany(due.slice(i, i + 50))).fired;
      for (const a of await repo.dueResumes(now, limit)) if (await resume(a.id, a.fence)) fired += 1;
      const stale = await repo.undelivered(
        new Date(now.getTime() - REDELIVER_AFTER_MS),
        new Date(now.getTime() - REDELIVER_FOR_MS),
        limit,
      );
      for (const { n, a } of stale) {
        const summaries = await repo.caseSummaries(a.caseId ? [a.caseId] : []);
        await deliver(a, [{ userId: n.userId!, step: n.step, round: n.round }], false, summaries);
      }
      return fired;
    },

    /** After a restart: every armed step and snooze gets its job back (a duplicate is fenced off). */
    async reconcile(): Promise<number> {
      const rows = await repo.armed();
      for (const a of rows) {
        const due = detailOf(a).nextDueAt;
        if (a.status === 'triggered' && due)
          scheduler.step(a.id, a.fence, a.step, a.round, new Date(due), a.priority);
        if (a.status === 'snoozed' && a.snoozedUntil) scheduler.resume(a.id, a.fence, a.snoozedUntil);
      }
      return rows.length;
    },

    acknowledge: (id: string, actor: Actor) => changeState(id, actor, 'acknowledge'),
    resolve: (id: string, actor: Actor) => changeState(id, actor, 'resolve'),
    snooze: (id: string, minutes: number, actor: Actor) => changeState(id, actor, 'snooze', minutes),

    async list(q: { status: 'open' | 'all'; limit: number }, actor: Actor): Promise<AlertView[]> {
      return views(await repo.list({ open: q.status === 'open', limit: q.limit }), actor);
    },

    async get(id: string, actor: Actor): Promise<AlertView> {
      const a = await repo.findById(id);
      if (!a) throw new AppError('NOT_FOUND');
      return (await views([a], actor))[0]!;
    },

    /**
     * For the workflow, in its transaction, when a case moves: a person acknowledging the case stops its
     * intake alert (acknowledged), and a case leaving the open states (closed, not urgent, duplicate,
     * withdrawn, declined) resolves all of its alerts. The transition itself is the timeline entry.
     */
    async caseProgressed(caseId: string, toStatus: string, actorId: string | null, tx: Executor) {
      await settle(caseId, toStatus, actorId, tx);
    },

    /**
     * The cause went away without anyone pressing a button: a missed check-in was followed by one, an
     * SOS was cancelled with the right PIN. Resolves the case's open alerts for those reasons.
     */
    async resolveFor(
      caseId: string,
      reasons: readonly EscalationReason[],
      via: string,
      actorId: string | null,
      tx: Executor,
    ): Promise<number> {
      const now = clock.now();
      const open = await repo.openForCase(caseId, [...reasons], tx);
      for (const a of open) {
        await repo.update(
          a.id,
          {
            status: 'resolved',
            resolvedAt: now,
            resolvedBy: actorId,
            snoozedUntil: null,
            detail: { ...detailOf(a), nextDueAt: null },
            updatedAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorId,
            actorLabel: actorId ? 'user' : 'system',
            action: 'alert.resolved',
            subjectType: 'alert',
            subjectId: a.id,
            meta: { caseId, reason: a.reason, via },
          },
          tx,
        );
        await publish(a.id, 'resolved', tx);
      }
      return open.length;
    },
  };

  async function settle(caseId: string, toStatus: string, actorId: string | null, tx: Executor) {
    {
      const resolving = caseEndStatuses.includes(toStatus);
      const reasons = resolving ? allReasons : toStatus === 'screening' ? ['new_urgent_report'] : [];
      const now = clock.now();
      for (const a of await repo.openForCase(caseId, reasons, tx)) {
        if (!resolving && a.status === 'acknowledged') continue;
        const set: AlertUpdate = resolving
          ? { status: 'resolved', resolvedAt: now, resolvedBy: actorId }
          : { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actorId };
        await repo.update(
          a.id,
          { ...set, snoozedUntil: null, detail: { ...detailOf(a), nextDueAt: null }, updatedAt: now },
          tx,
        );
        const event = resolving ? 'resolved' : 'acknowledged';
        await audit.record(
          {
            actorId,
            actorLabel: actorId ? 'user' : 'system',
            action: `alert.${event}`,
            subjectType: 'alert',
            subjectId: a.id,
            meta: { caseId, reason: a.reason, via: 'case', caseStatus: toStatus },
          },
          tx,
        );
        await publish(a.id, event, tx);
      }
    }
  }
}
export type AlertsService = ReturnType<typeof createAlertsService>;

/**
 * The `Escalations` the workflow, intake and clocks call, backed by alerts. `caseProgressed` is for the
 * workflow to call on each transition (see the service method).
 */
export function createAlertEscalations(
  alerts: Pick<AlertsService, 'request' | 'requestMany' | 'prepareNew' | 'caseProgressed'>,
  db: Db,
): Escalations & { caseProgressed: AlertsService['caseProgressed'] } {
  return {
    async request(req, tx) {
      if (tx) return alerts.request(req, tx);
      await db.transaction((t) => alerts.request(req, t));
    },
    requestMany: (reqs, tx) => alerts.requestMany(reqs, tx),
    prepareNew: (reqs) => alerts.prepareNew(reqs),
    caseProgressed: (caseId, toStatus, actorId, tx) => alerts.caseProgressed(caseId, toStatus, actorId, tx),
  };
}
