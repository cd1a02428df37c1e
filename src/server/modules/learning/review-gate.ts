import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { LearningDeps } from './learning.deps.js';

const DAY = 86_400_000;
/** A scheduled review is due within this many days of the closure. */
export const MAX_REVIEW_DELAY_DAYS = 30;

/**
 * The review gate on closure (DESIGN §2.6): a case that was P1, or missed any clock, closes only with
 * its after-action review recorded, or with the review scheduled for a time within 30 days. A scheduled
 * review that is still missing when due raises a `review_due` alert (once), through the escalations.
 */
export function createReviewGate(deps: LearningDeps) {
  const { db, repo, clock, escalations } = deps;

  /** Called by the workflow inside the closing transaction; returns what the timeline event records. */
  async function beforeClose(
    c: CaseRow,
    reviewDueAt: Date | undefined,
    actor: Actor,
    now: Date,
    tx: Executor,
  ): Promise<Record<string, unknown>> {
    const required = c.priority === 'P1' || (await deps.anyBreached(c.id, tx));
    if (!required) return {};
    if (await repo.reviewIdOf(c.id, tx)) return { review: 'recorded' };
    if (!reviewDueAt) throw new AppError('REVIEW_REQUIRED_TO_CLOSE');
    const ahead = reviewDueAt.getTime() - now.getTime();
    if (ahead <= 0 || ahead > MAX_REVIEW_DELAY_DAYS * DAY)
      throw new AppError('REVIEW_DUE_INVALID', {
        fields: [{ path: 'closure.reviewDueAt', message: 'after now and within 30 days' }],
      });
    await repo.upsertSchedule(
      { caseId: c.id, dueAt: reviewDueAt, scheduledBy: actor.id, scheduledAt: now, remindedAt: null },
      tx,
    );
    return { review: 'scheduled', reviewDueAt: reviewDueAt.toISOString() };
  }

  /** The reminder: every scheduled review due and still missing raises one alert on its case. */
  async function remindDue(limit = 100): Promise<number> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const due = await repo.dueUnreminded(now, limit, tx);
      for (const s of due)
        await escalations.request(
          { caseId: s.caseId, reason: 'review_due', detail: { dueAt: s.dueAt.toISOString() } },
          tx,
        );
      await repo.markReminded(
        due.map((s) => s.id),
        now,
        tx,
      );
      return due.length;
    });
  }

  async function pending() {
    const now = clock.now().getTime();
    const rows = await repo.pendingSchedules(500);
    return {
      reviews: rows.map(({ s, reference }) => ({
        caseId: s.caseId,
        caseReference: reference,
        dueAt: s.dueAt.toISOString(),
        overdue: s.dueAt.getTime() < now,
        remindedAt: s.remindedAt?.toISOString() ?? null,
      })),
    };
  }

  return { beforeClose, remindDue, pending };
}
