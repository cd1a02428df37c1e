import type { LearningReportView } from '../../../shared/contracts/learning.js';
import type { LearningDeps } from './learning.deps.js';

/** The first instant of a quarter (`2026-Q3`) and of the next one, in UTC. */
export function quarterBounds(quarter: string): { from: Date; to: Date } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return { from: new Date(Date.UTC(year, (q - 1) * 3, 1)), to: new Date(Date.UTC(year, q * 3, 1)) };
}

/** The quarter a time falls in. */
export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/**
 * The quarterly learning report: reviews owed and recorded for the cases closed in the quarter, reviews
 * scheduled and still missing, lessons opened, closed and overdue, and the changes lessons made (with
 * their audit entries). Aggregates and lesson texts only: nothing from a case's sealed fields.
 */
export function createLearningReport(deps: Pick<LearningDeps, 'repo' | 'clock'>) {
  return async function report(quarter: string): Promise<LearningReportView> {
    const { from, to } = quarterBounds(quarter);
    const now = deps.clock.now();
    const f = await deps.repo.quarterFigures(from, to, now);
    return {
      quarter,
      from: from.toISOString(),
      to: to.toISOString(),
      reviews: {
        required: f.reviews.required,
        recorded: f.reviews.recorded,
        scheduledPending: f.scheduled.pending,
        scheduledOverdue: f.scheduled.overdue,
      },
      lessons: {
        created: f.counts.created,
        closed: f.counts.closed,
        overdue: f.counts.overdue,
        byStatus: Object.fromEntries(f.byStatus.map((r) => [r.status, r.n])),
        withChange: f.changes.length,
      },
      changes: f.changes.map((l) => ({
        lessonId: l.id,
        lesson: l.lesson,
        changeKind: l.changeKind as LearningReportView['changes'][number]['changeKind'],
        changeRef: l.changeRef,
        changeAuditSeq: l.changeAuditSeq,
      })),
    };
  };
}
