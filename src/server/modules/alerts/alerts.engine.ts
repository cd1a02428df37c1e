import type { Executor } from '../../db/client.js';
import type { NewCaseEvent } from '../cases/cases.repo.js';
import {
  advance,
  detailOf,
  publisher,
  snapshotOfAlert,
  type AlertDetail,
  type Page,
  type Position,
  currentPriority,
} from './alerts.model.js';
import { NO_MESSAGE_ID, type AlertRow, type CaseSummary } from './alerts.repo.js';
import { createTargetLookup } from './alerts.targets.js';
import { alertText, groupAlertText } from './alerts.text.js';
import type { AlertJob, AlertsDeps } from './alerts.types.js';

/** What firing a step did: the alert as updated, who to page, and when the next step is due. */
export interface Fired {
  alert: AlertRow;
  pages: Page[];
  nextDueAt: Date | null;
  firstPage: boolean;
}

/**
 * The escalation engine (DESIGN §2.2): each step is a durable job carrying the alert's fencing token. A
 * step locks the alert row, pages the step's people (one `alert_notifications` row each, unique per
 * alert/user/step/round, so a duplicate job inserts nothing and pages nobody), and arms the next step.
 * Acknowledge, resolve and snooze bump the fence, which turns every job scheduled before them into a no-op.
 */
export function createEngine(
  deps: Pick<
    AlertsDeps,
    'db' | 'repo' | 'cases' | 'clock' | 'notifier' | 'bus' | 'metrics' | 'scheduler' | 'log'
  >,
) {
  const { db, repo, cases, clock, notifier, bus, metrics, scheduler, log } = deps;
  const publish = publisher(bus, clock);
  const resolveTargets = createTargetLookup(repo);

  /** Hand the inserted notifications to the notifier, after the step's transaction committed. */
  async function deliver(
    a: AlertRow,
    pages: Page[],
    first: boolean,
    summaries: Map<string, CaseSummary>,
  ): Promise<void> {
    if (pages.length === 0) return;
    const c = a.caseId ? summaries.get(a.caseId) : undefined;
    const county = c && c.sensitivity !== 'restricted' ? c.county : null;
    if (first) metrics.firstNotification(a.reason, (clock.now().getTime() - a.createdAt.getTime()) / 1000);
    const area = detailOf(a).area;
    // A surge group pages with its count now (DESIGN §2.7), re-pages with the count at that step.
    const count = area ? ((await repo.memberCounts([a.id])).get(a.id) ?? 0) : 0;
    // A group of one pages like its one report (its reference; ACK the group's number, which
    // acknowledges the report): "1 new urgent report in Kibra" would hide what the page is about.
    const sole = area && count === 1 ? await repo.soleMemberCase(a.id) : null;
    await Promise.all(
      pages.map(async (p) => {
        const text = sole
          ? alertText({
              number: a.number,
              reference: sole.reference,
              reason: a.reason,
              priority: a.priority,
              county: sole.sensitivity !== 'restricted' ? sole.county : null,
              repeat: p.round > 0,
            })
          : area
            ? groupAlertText({ count, reason: a.reason, priority: a.priority, area, repeat: p.round > 0 })
            : alertText({
                number: a.number,
                reference: c?.reference ?? null,
                reason: a.reason,
                priority: currentPriority(a, c),
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
            priority: currentPriority(a, c),
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
    const pages: Page[] = [];
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
  async function fireMany(list: AlertJob[]): Promise<{ fired: number; rest: AlertJob[] }> {
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

  return { fire, fireMany, deliver };
}
export type AlertEngine = ReturnType<typeof createEngine>;
