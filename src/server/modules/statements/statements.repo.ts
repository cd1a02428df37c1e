import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { statementHits, statements, type StatementHitRow, type StatementRow } from '../../db/schema/index.js';

export type { StatementHitRow, StatementRow };

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
    async list(limit: number, tx: Executor = db): Promise<StatementRow[]> {
      return tx.select().from(statements).orderBy(desc(statements.updatedAt)).limit(limit);
    },
    /** Published and withdrawn statements: the public page and the feed (tombstones included). */
    async listPublic(limit: number, tx: Executor = db): Promise<StatementRow[]> {
      return tx
        .select()
        .from(statements)
        .where(inArray(statements.status, ['published', 'withdrawn']))
        .orderBy(desc(statements.publishedAt))
        .limit(limit);
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
