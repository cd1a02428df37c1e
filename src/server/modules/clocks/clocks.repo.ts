import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import { endedStatuses } from '../../../shared/workflow.js';
import { caseClocks, cases } from '../../db/schema/index.js';

export type ClockRow = typeof caseClocks.$inferSelect;

export function createClocksRepo(db: Executor) {
  return {
    /** The armed clock of a kind on a case; with `subjectId`, the one for that arrest or mission. */
    async open(
      caseId: string,
      kind: string,
      tx: Executor = db,
      subjectId?: string,
    ): Promise<ClockRow | undefined> {
      const [r] = await tx
        .select()
        .from(caseClocks)
        .where(
          and(
            eq(caseClocks.caseId, caseId),
            eq(caseClocks.kind, kind),
            subjectId ? eq(caseClocks.subjectId, subjectId) : undefined,
            isNull(caseClocks.metAt),
            isNull(caseClocks.firedAt),
          ),
        );
      return r;
    },
    async meetSubject(subjectId: string, kind: string, at: Date, tx: Executor = db): Promise<number> {
      const r = await tx
        .update(caseClocks)
        .set({ metAt: at, fence: sql`${caseClocks.fence} + 1` })
        .where(and(eq(caseClocks.subjectId, subjectId), eq(caseClocks.kind, kind), isNull(caseClocks.metAt)))
        .returning({ id: caseClocks.id });
      return r.length;
    },
    async insert(row: typeof caseClocks.$inferInsert, tx: Executor = db): Promise<ClockRow> {
      const [r] = await tx.insert(caseClocks).values(row).returning();
      return r!;
    },
    /** Many new clocks, written with the rest of `batch` (one statement). */
    insertMany(rows: (typeof caseClocks.$inferInsert)[], batch: InsertBatch): void {
      batch.insert(caseClocks, rows);
    },
    async rearm(id: string, dueAt: Date, tx: Executor = db): Promise<ClockRow> {
      const [r] = await tx
        .update(caseClocks)
        .set({ dueAt, fence: sql`${caseClocks.fence} + 1` })
        .where(eq(caseClocks.id, id))
        .returning();
      return r!;
    },
    async meet(caseId: string, kind: string, at: Date, tx: Executor = db): Promise<number> {
      const r = await tx
        .update(caseClocks)
        .set({ metAt: at, fence: sql`${caseClocks.fence} + 1` })
        .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.kind, kind), isNull(caseClocks.metAt)))
        .returning({ id: caseClocks.id });
      return r.length;
    },
    async lockForFire(id: string, tx: Executor): Promise<ClockRow | undefined> {
      const [r] = await tx.select().from(caseClocks).where(eq(caseClocks.id, id)).for('update');
      return r;
    },
    /** Lock many clocks at once, in id order (two batches that share clocks cannot deadlock). */
    async lockManyForFire(ids: string[], tx: Executor): Promise<ClockRow[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(caseClocks)
        .where(inArray(caseClocks.id, ids))
        .orderBy(asc(caseClocks.id))
        .for('update');
    },
    async markManyFired(ids: string[], at: Date, breached: boolean, tx: Executor): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(caseClocks).set({ firedAt: at, breached }).where(inArray(caseClocks.id, ids));
    },
    async markFired(id: string, at: Date, breached: boolean, tx: Executor): Promise<void> {
      await tx.update(caseClocks).set({ firedAt: at, breached }).where(eq(caseClocks.id, id));
    },
    async due(now: Date, limit: number, tx: Executor = db): Promise<ClockRow[]> {
      return tx
        .select()
        .from(caseClocks)
        .where(and(isNull(caseClocks.metAt), isNull(caseClocks.firedAt), lte(caseClocks.dueAt, now)))
        .orderBy(asc(caseClocks.dueAt))
        .limit(limit);
    },
    async pending(tx: Executor = db): Promise<ClockRow[]> {
      return tx
        .select()
        .from(caseClocks)
        .where(and(isNull(caseClocks.metAt), isNull(caseClocks.firedAt)));
    },
    async forCase(caseId: string, tx: Executor = db): Promise<ClockRow[]> {
      return tx.select().from(caseClocks).where(eq(caseClocks.caseId, caseId)).orderBy(asc(caseClocks.dueAt));
    },
    /** The case's clocks that fired and were not met since (their alerts still have no answer). */
    async firedUnmet(caseId: string, tx: Executor = db): Promise<ClockRow[]> {
      return tx
        .select()
        .from(caseClocks)
        .where(and(eq(caseClocks.caseId, caseId), isNotNull(caseClocks.firedAt), isNull(caseClocks.metAt)));
    },
    /** Which of these cases have ended (closed or set aside). */
    async endedCases(caseIds: string[], tx: Executor = db): Promise<Set<string>> {
      if (caseIds.length === 0) return new Set();
      const rows = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(inArray(cases.id, caseIds), inArray(cases.status, [...endedStatuses])));
      return new Set(rows.map((r) => r.id));
    },
    async anyBreached(caseId: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ id: caseClocks.id })
        .from(caseClocks)
        .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.breached, true)))
        .limit(1);
      return Boolean(r);
    },
  };
}
export type ClocksRepo = ReturnType<typeof createClocksRepo>;
