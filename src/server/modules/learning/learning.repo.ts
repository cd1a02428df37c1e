import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  afterActionReviews,
  auditLog,
  caseClocks,
  cases,
  lessons,
  reviewSchedules,
  users,
} from '../../db/schema/index.js';

export type LessonRow = typeof lessons.$inferSelect;
export type ReviewScheduleRow = typeof reviewSchedules.$inferSelect;
export interface LessonFilter {
  status?: string;
  ownerId?: string;
  overdueAt?: Date;
}

const closedLesson = ['done', 'dropped'];

/** Every query of the learning module: lessons, scheduled reviews and the quarterly figures. */
export function createLearningRepo(db: Executor) {
  return {
    async insertLesson(row: typeof lessons.$inferInsert, tx: Executor = db): Promise<LessonRow> {
      const [r] = await tx.insert(lessons).values(row).returning();
      return r!;
    },
    async findLesson(id: string, tx: Executor = db): Promise<LessonRow | undefined> {
      const [r] = await tx.select().from(lessons).where(eq(lessons.id, id));
      return r;
    },
    /** Optimistic update: another version in between makes this return undefined. */
    async updateLesson(
      id: string,
      version: number,
      set: Partial<typeof lessons.$inferInsert>,
      tx: Executor = db,
    ): Promise<LessonRow | undefined> {
      const [r] = await tx
        .update(lessons)
        .set({ ...set, version: version + 1 })
        .where(and(eq(lessons.id, id), eq(lessons.version, version)))
        .returning();
      return r;
    },
    /** The register: soonest due first, with the owner's name and the case's reference. */
    async listLessons(f: LessonFilter, limit: number, tx: Executor = db) {
      const where = and(
        f.status ? eq(lessons.status, f.status) : undefined,
        f.ownerId ? eq(lessons.ownerId, f.ownerId) : undefined,
        f.overdueAt
          ? and(lt(lessons.dueAt, f.overdueAt), notInArray(lessons.status, closedLesson))
          : undefined,
      );
      return tx
        .select({ lesson: lessons, ownerName: users.displayName, caseReference: cases.reference })
        .from(lessons)
        .leftJoin(users, eq(users.id, lessons.ownerId))
        .leftJoin(cases, eq(cases.id, lessons.caseId))
        .where(where)
        .orderBy(asc(lessons.dueAt), asc(lessons.id))
        .limit(limit);
    },
    async userExists(id: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ id: users.id, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, id));
      return Boolean(r && !r.disabled);
    },
    /** The actions of the audit entries with these sequence numbers. */
    async auditActions(seqs: number[], tx: Executor = db): Promise<Map<number, string>> {
      if (seqs.length === 0) return new Map();
      const rows = await tx
        .select({ seq: auditLog.seq, action: auditLog.action })
        .from(auditLog)
        .where(inArray(auditLog.seq, seqs));
      return new Map(rows.map((r) => [r.seq, r.action]));
    },
    async reviewIdOf(caseId: string, tx: Executor = db): Promise<string | undefined> {
      const [r] = await tx
        .select({ id: afterActionReviews.id })
        .from(afterActionReviews)
        .where(eq(afterActionReviews.caseId, caseId))
        .orderBy(asc(afterActionReviews.at))
        .limit(1);
      return r?.id;
    },

    /** One schedule per case: closing again (after a reopen) moves the due time and re-arms the reminder. */
    async upsertSchedule(row: typeof reviewSchedules.$inferInsert, tx: Executor = db): Promise<void> {
      await tx
        .insert(reviewSchedules)
        .values(row)
        .onConflictDoUpdate({
          target: reviewSchedules.caseId,
          set: {
            dueAt: row.dueAt,
            scheduledBy: row.scheduledBy,
            scheduledAt: row.scheduledAt,
            remindedAt: null,
          },
        });
    },
    /** Scheduled reviews still missing (no review on the case), soonest first. */
    async pendingSchedules(limit: number, tx: Executor = db) {
      return tx
        .select({ s: reviewSchedules, reference: cases.reference })
        .from(reviewSchedules)
        .innerJoin(cases, eq(cases.id, reviewSchedules.caseId))
        .leftJoin(afterActionReviews, eq(afterActionReviews.caseId, reviewSchedules.caseId))
        .where(isNull(afterActionReviews.id))
        .orderBy(asc(reviewSchedules.dueAt))
        .limit(limit);
    },
    /** Due, still missing and not reminded yet: locked so two sweeps never remind twice. */
    async dueUnreminded(now: Date, limit: number, tx: Executor): Promise<ReviewScheduleRow[]> {
      return tx
        .select({ s: reviewSchedules })
        .from(reviewSchedules)
        .leftJoin(afterActionReviews, eq(afterActionReviews.caseId, reviewSchedules.caseId))
        .where(
          and(
            lte(reviewSchedules.dueAt, now),
            isNull(reviewSchedules.remindedAt),
            isNull(afterActionReviews.id),
          ),
        )
        .orderBy(asc(reviewSchedules.dueAt))
        .limit(limit)
        .for('update', { of: reviewSchedules, skipLocked: true })
        .then((rows) => rows.map((r) => r.s));
    },
    async markReminded(ids: string[], at: Date, tx: Executor): Promise<void> {
      if (ids.length)
        await tx.update(reviewSchedules).set({ remindedAt: at }).where(inArray(reviewSchedules.id, ids));
    },

    /** The quarter's figures: reviews owed and recorded for cases closed in [from, to), lessons. */
    async quarterFigures(from: Date, to: Date, now: Date, tx: Executor = db) {
      const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
      const breached = sql<boolean>`exists (select 1 from ${caseClocks} where ${caseClocks.caseId} = ${cases.id} and ${caseClocks.breached})`;
      const reviewed = sql<boolean>`exists (select 1 from ${afterActionReviews} where ${afterActionReviews.caseId} = ${cases.id})`;
      const [reviews] = await tx
        .select({
          required: sql<number>`count(*)::int`,
          recorded: sql<number>`count(*) filter (where ${reviewed})::int`,
        })
        .from(cases)
        .where(
          and(
            eq(cases.status, 'closed'),
            gte(cases.closedAt, from),
            lt(cases.closedAt, to),
            or(eq(cases.priority, 'P1'), breached),
          ),
        );
      const [scheduled] = await tx
        .select({
          pending: sql<number>`count(*)::int`,
          overdue: sql<number>`count(*) filter (where ${reviewSchedules.dueAt} < ${at(now)})::int`,
        })
        .from(reviewSchedules)
        .leftJoin(afterActionReviews, eq(afterActionReviews.caseId, reviewSchedules.caseId))
        .where(and(isNull(afterActionReviews.id), lt(reviewSchedules.scheduledAt, to)));
      const byStatus = await tx
        .select({ status: lessons.status, n: sql<number>`count(*)::int` })
        .from(lessons)
        .where(lt(lessons.createdAt, to))
        .groupBy(lessons.status);
      const [counts] = await tx
        .select({
          created: sql<number>`count(*) filter (where ${lessons.createdAt} >= ${at(from)})::int`,
          closed: sql<number>`count(*) filter (where ${lessons.closedAt} >= ${at(from)} and ${lessons.closedAt} < ${at(to)})::int`,
          overdue: sql<number>`count(*) filter (where ${lessons.dueAt} < ${at(now)} and ${lessons.status} not in ('done', 'dropped'))::int`,
        })
        .from(lessons)
        .where(lt(lessons.createdAt, to));
      const changes = await tx
        .select()
        .from(lessons)
        .where(
          and(
            isNotNull(lessons.changeKind),
            ne(lessons.status, 'dropped'),
            gte(lessons.updatedAt, from),
            lt(lessons.createdAt, to),
          ),
        )
        .orderBy(asc(lessons.createdAt));
      return { reviews: reviews!, scheduled: scheduled!, byStatus, counts: counts!, changes };
    },
  };
}
export type LearningRepo = ReturnType<typeof createLearningRepo>;
