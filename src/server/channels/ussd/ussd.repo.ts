import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ussdSessions } from '../../db/schema/index.js';

export type UssdSessionRow = typeof ussdSessions.$inferSelect;

/** `ussd_sessions`: one row per gateway session, so its one write happens once. */
export function createUssdSessionsRepo(db: Executor) {
  return {
    /** Insert the session's row; false when it exists (a repeated request). */
    async claim(
      row: { sessionId: string; phoneBidx: string | null; locale: string; createdAt: Date },
      tx: Executor = db,
    ): Promise<boolean> {
      const [inserted] = await tx.insert(ussdSessions).values(row).onConflictDoNothing().returning();
      return Boolean(inserted);
    },
    async find(sessionId: string, tx: Executor = db): Promise<UssdSessionRow | undefined> {
      const [r] = await tx.select().from(ussdSessions).where(eq(ussdSessions.sessionId, sessionId));
      return r;
    },
    async setCase(sessionId: string, caseId: string | null, tx: Executor = db): Promise<void> {
      await tx.update(ussdSessions).set({ caseId }).where(eq(ussdSessions.sessionId, sessionId));
    },
    async release(sessionId: string, tx: Executor = db): Promise<void> {
      await tx.delete(ussdSessions).where(eq(ussdSessions.sessionId, sessionId));
    },
  };
}
export type UssdSessionsRepo = ReturnType<typeof createUssdSessionsRepo>;
