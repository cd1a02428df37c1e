import { and, eq, isNull, lt, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { pushAckTokens, pushSubscriptions } from '../../db/schema/index.js';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Web Push subscriptions and the notifications' one-time acknowledge tokens. */
export function createPushRepo(db: Executor) {
  return {
    async byEndpoint(endpointBidx: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpointBidx, endpointBidx));
      return row ?? null;
    },
    /** Whether the user has any subscribed browser (one indexed probe, on every page's hot path). */
    async hasAny(userId: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId))
        .limit(1);
      return rows.length > 0;
    },
    async forUser(userId: string, tx: Executor = db) {
      return tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
    },
    async insert(row: typeof pushSubscriptions.$inferInsert, tx: Executor = db) {
      await tx.insert(pushSubscriptions).values(row);
    },
    /** A browser that subscribes again (perhaps for another person on a shared phone) moves to them. */
    async reassign(id: string, userId: string, label: string | null, tx: Executor = db) {
      await tx
        .update(pushSubscriptions)
        .set({ userId, label, failures: 0 })
        .where(eq(pushSubscriptions.id, id));
    },
    async remove(id: string, tx: Executor = db) {
      await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
    },
    async removeForUser(userId: string, endpointBidx: string, tx: Executor = db) {
      const rows = await tx
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpointBidx, endpointBidx)))
        .returning({ id: pushSubscriptions.id });
      return rows.length;
    },
    async markSent(id: string, at: Date, tx: Executor = db) {
      await tx
        .update(pushSubscriptions)
        .set({ lastSentAt: at, failures: 0 })
        .where(eq(pushSubscriptions.id, id));
    },
    async markFailed(id: string, tx: Executor = db) {
      await tx
        .update(pushSubscriptions)
        .set({ failures: sql`${pushSubscriptions.failures} + 1` })
        .where(eq(pushSubscriptions.id, id));
    },
    async insertAckToken(row: typeof pushAckTokens.$inferInsert, tx: Executor = db) {
      await tx.insert(pushAckTokens).values(row);
    },
    /** Spend a token: the row when it was valid (unused, unexpired), null otherwise. Single use. */
    async useAckToken(tokenHash: string, now: Date, tx: Executor = db) {
      const [row] = await tx
        .update(pushAckTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(pushAckTokens.tokenHash, tokenHash),
            isNull(pushAckTokens.usedAt),
            gt(pushAckTokens.expiresAt, now),
          ),
        )
        .returning();
      return row ?? null;
    },
    async purgeAckTokens(now: Date, tx: Executor = db) {
      await tx.delete(pushAckTokens).where(lt(pushAckTokens.expiresAt, now));
    },
  };
}
export type PushRepo = ReturnType<typeof createPushRepo>;
