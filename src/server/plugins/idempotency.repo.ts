import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { InsertBatch } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { dataKeys, idempotencyKeys } from '../db/schema/index.js';

type KeyRow = { userId: string; key: string; method: string; route: string; requestHash: string };
const keyRow = ({ userId, key, method, route, requestHash }: KeyRow): KeyRow => ({
  userId,
  key,
  method,
  route,
  requestHash,
});

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** The idempotency keys' queries (the plugin in idempotency.ts is their only user). */
export function createIdempotencyRepo(db: Executor) {
  return {
    async find(userId: string, key: string, tx: Executor = db): Promise<IdempotencyRow | undefined> {
      const [row] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      return row;
    },

    /** Claim a key; false when another request holds it already (the caller's change must not happen). */
    async claim(
      row: { userId: string; key: string; method: string; route: string; requestHash: string },
      tx: Executor = db,
    ): Promise<boolean> {
      const inserted = await tx
        .insert(idempotencyKeys)
        .values(keyRow(row))
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return inserted.length === 1;
    },

    /**
     * Claim a key as one more part of a one-statement batch: a plain insert, so a key another request
     * holds fails the whole statement (and nothing of the change is written).
     */
    claimIn(
      batch: InsertBatch,
      row: { userId: string; key: string; method: string; route: string; requestHash: string },
    ): void {
      batch.insert(idempotencyKeys, [keyRow(row)]);
    },

    async saveAnswer(
      userId: string,
      key: string,
      answer: { statusCode: number; dataKeyId: string; responseEnc: string },
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .update(idempotencyKeys)
        .set(answer)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    },

    /** Forget keys older than `before`, and their data keys with them (the answers become unreadable). */
    async purgeBefore(before: Date, tx: Executor = db): Promise<number> {
      return tx.transaction(async (t) => {
        const gone = await t
          .delete(idempotencyKeys)
          .where(lt(idempotencyKeys.createdAt, before))
          .returning({ dataKeyId: idempotencyKeys.dataKeyId });
        const ids = gone.map((g) => g.dataKeyId).filter((id): id is string => id !== null);
        if (ids.length) await t.delete(dataKeys).where(inArray(dataKeys.id, ids));
        return gone.length;
      });
    },

    /** How many keys a user holds (tests). */
    async count(userId: string, tx: Executor = db): Promise<number> {
      const [r] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(idempotencyKeys)
        .where(eq(idempotencyKeys.userId, userId));
      return r?.n ?? 0;
    },
  };
}
