import { and, eq, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions, type SessionRow } from '../../db/schema/index.js';

export function createSessionsRepo(db: Executor) {
  return {
    async insert(row: typeof sessions.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(sessions).values(row);
    },
    async find(id: string, tx: Executor = db): Promise<SessionRow | undefined> {
      const [row] = await tx.select().from(sessions).where(eq(sessions.id, id));
      return row;
    },
    async touch(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async delete(id: string, tx: Executor = db): Promise<void> {
      await tx.delete(sessions).where(eq(sessions.id, id));
    },
    async listForUser(userId: string, tx: Executor = db): Promise<SessionRow[]> {
      return tx.select().from(sessions).where(eq(sessions.userId, userId));
    },
    async deleteForUser(userId: string, id: string, tx: Executor = db): Promise<number> {
      const r = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
        .returning({ id: sessions.id });
      return r.length;
    },
    async deleteAllForUser(userId: string, tx: Executor = db): Promise<number> {
      const r = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
      return r.length;
    },
    async markReauthenticated(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx.update(sessions).set({ reauthenticatedAt: at, lastSeenAt: at }).where(eq(sessions.id, id));
    },
    /** Remove sessions past their absolute expiry or idle longer than `idleBefore`. */
    async purgeExpired(now: Date, idleBefore: Date, tx: Executor = db): Promise<number> {
      const r = await tx
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
        .returning({ id: sessions.id });
      return r.length;
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
