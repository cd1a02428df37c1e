import { and, asc, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  appealDispatches,
  statementHits,
  statements,
  type StatementHitRow,
  type StatementRow,
} from '../../db/schema/index.js';

export type { StatementHitRow, StatementRow };
export type DispatchRow = typeof appealDispatches.$inferSelect;

/** Every query of the statements module. */
export function createStatementsRepo(db: Executor) {
  return {
    async insert(row: typeof statements.$inferInsert, tx: Executor = db): Promise<StatementRow> {
      const [r] = await tx.insert(statements).values(row).returning();
      return r!;
    },
    async findById(id: string, tx: Executor = db): Promise<StatementRow | undefined> {
      const [r] = await tx.select().from(statements).where(eq(statements.id, id));
      return r;
    },
    async findBySlug(slug: string, tx: Executor = db): Promise<StatementRow | undefined> {
      const [r] = await tx.select().from(statements).where(eq(statements.slug, slug));
      return r;
    },
    /** Lock one statement for the rest of the transaction (edits, checks and decisions are serialised). */
    async lock(id: string, tx: Executor): Promise<StatementRow | undefined> {
      const [r] = await tx.select().from(statements).where(eq(statements.id, id)).for('update');
      return r;
    },
    async update(
      id: string,
      patch: Partial<typeof statements.$inferInsert>,
      tx: Executor = db,
    ): Promise<StatementRow> {
      const [r] = await tx.update(statements).set(patch).where(eq(statements.id, id)).returning();
      return r!;
    },
    /** Statements or appeals, newest change first. */
    async list(
      limit: number,
      kind: 'statement' | 'appeal' = 'statement',
      tx: Executor = db,
    ): Promise<StatementRow[]> {
      return tx
        .select()
        .from(statements)
        .where(eq(statements.kind, kind))
        .orderBy(desc(statements.updatedAt))
        .limit(limit);
    },
    /** Published and withdrawn statements: the public page and the feed (tombstones included). */
    async listPublic(limit: number, tx: Executor = db): Promise<StatementRow[]> {
      return tx
        .select()
        .from(statements)
        .where(and(eq(statements.kind, 'statement'), inArray(statements.status, ['published', 'withdrawn'])))
        .orderBy(desc(statements.publishedAt))
        .limit(limit);
    },
    async insertDispatch(row: typeof appealDispatches.$inferInsert, tx: Executor = db): Promise<DispatchRow> {
      const [r] = await tx.insert(appealDispatches).values(row).returning();
      return r!;
    },
    async dispatchOf(statementId: string, tx: Executor = db): Promise<DispatchRow | undefined> {
      const [r] = await tx
        .select()
        .from(appealDispatches)
        .where(eq(appealDispatches.statementId, statementId));
      return r;
    },
    async dispatchesOf(ids: string[], tx: Executor = db): Promise<DispatchRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(appealDispatches).where(inArray(appealDispatches.statementId, ids));
    },
    async updateDispatch(
      id: string,
      patch: Partial<typeof appealDispatches.$inferInsert>,
      tx: Executor = db,
    ): Promise<DispatchRow> {
      const [r] = await tx.update(appealDispatches).set(patch).where(eq(appealDispatches.id, id)).returning();
      return r!;
    },
    /** Sent, no response, past due and not reminded: locked so two sweeps never remind twice. */
    async dueDispatches(now: Date, limit: number, tx: Executor) {
      return tx
        .select({ d: appealDispatches, caseId: statements.caseId })
        .from(appealDispatches)
        .innerJoin(statements, eq(statements.id, appealDispatches.statementId))
        .where(
          and(
            lte(appealDispatches.responseDueAt, now),
            isNull(appealDispatches.response),
            isNull(appealDispatches.remindedAt),
          ),
        )
        .orderBy(asc(appealDispatches.responseDueAt))
        .limit(limit)
        .for('update', { of: appealDispatches, skipLocked: true });
    },
    async hitsOf(statementId: string, tx: Executor = db): Promise<StatementHitRow[]> {
      return tx
        .select()
        .from(statementHits)
        .where(eq(statementHits.statementId, statementId))
        .orderBy(statementHits.field, statementHits.offset);
    },
    async replaceHits(
      statementId: string,
      rows: (typeof statementHits.$inferInsert)[],
      tx: Executor = db,
    ): Promise<void> {
      await tx.delete(statementHits).where(eq(statementHits.statementId, statementId));
      if (rows.length > 0) await tx.insert(statementHits).values(rows);
    },
    async acceptHit(
      statementId: string,
      hitId: string,
      patch: { reasonEnc: string; decidedBy: string; decidedAt: Date },
      tx: Executor = db,
    ): Promise<StatementHitRow | undefined> {
      const [r] = await tx
        .update(statementHits)
        .set({ ...patch, status: 'accepted' })
        .where(
          and(
            eq(statementHits.id, hitId),
            eq(statementHits.statementId, statementId),
            eq(statementHits.status, 'open'),
          ),
        )
        .returning();
      return r;
    },
  };
}
export type StatementsRepo = ReturnType<typeof createStatementsRepo>;
