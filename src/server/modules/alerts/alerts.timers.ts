import type { AlertEngine } from './alerts.engine.js';
import { detailOf, publisher, snapshotOfAlert, type AlertDetail, type Position } from './alerts.model.js';
import type { AlertRow } from './alerts.repo.js';
import type { AlertJob, AlertsDeps } from './alerts.types.js';

/** How long a notification may sit unaccepted before the sweep hands it to the notifier again. */
const REDELIVER_AFTER_MS = 2 * 60_000;
const REDELIVER_FOR_MS = 30 * 60_000;
/** A job may race the commit of the transaction that scheduled it (PostgreSQL): look again briefly. */
const NOT_YET_VISIBLE_RETRIES = [100, 250, 500, 1000];
/** How far ahead of this server's clock a released job may be and still be waited for. */
const MAX_SKEW_WAIT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The alert timers: the handlers of the `alert.step` and `alert.resume` jobs, the end of a snooze, the
 * minute sweep behind the exact-time jobs, and the start-up reconcile that gives every armed alert its
 * job back. Each job carries the alert's fence; a stale or duplicate one is a no-op.
 */
export function createTimers(
  deps: Pick<AlertsDeps, 'db' | 'repo' | 'cases' | 'clock' | 'bus' | 'scheduler' | 'log'>,
  engine: AlertEngine,
) {
  const { db, repo, cases, clock, bus, scheduler, log } = deps;
  const { fire, fireMany, deliver } = engine;
  const publish = publisher(bus, clock);

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

  const runStep = (job: AlertJob) =>
    whenDue(
      job.alertId,
      job.fence,
      (a) => {
        const due = detailOf(a).nextDueAt;
        return due ? new Date(due) : null;
      },
      () => fire(job.alertId, job.fence),
    );

  const runResume = (job: AlertJob) =>
    whenDue(
      job.alertId,
      job.fence,
      (a) => a.snoozedUntil,
      () => resume(job.alertId, job.fence),
    );

  /** A batch of step jobs: fired together; what that did not fire goes through `runStep`. */
  async function runSteps(list: AlertJob[]): Promise<void> {
    const { rest } = await fireMany(list);
    for (const job of rest) await runStep(job);
  }

  /**
   * The minute sweep, behind the exact-time jobs: fire every step that is due, end every snooze that
   * is over, and hand the notifier again any page it never accepted. Returns how many steps fired.
   */
  async function sweep(limit = 500): Promise<number> {
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
  }

  /** After a restart: every armed step and snooze gets its job back (a duplicate is fenced off). */
  async function reconcile(): Promise<number> {
    const rows = await repo.armed();
    for (const a of rows) {
      const due = detailOf(a).nextDueAt;
      if (a.status === 'triggered' && due)
        scheduler.step(a.id, a.fence, a.step, a.round, new Date(due), a.priority);
      if (a.status === 'snoozed' && a.snoozedUntil) scheduler.resume(a.id, a.fence, a.snoozedUntil);
    }
    return rows.length;
  }

  return { resume, runStep, runSteps, runResume, sweep, reconcile };
}
