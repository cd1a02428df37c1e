import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ussdSessions } from '../../db/schema/index.js';

export type UssdSessionRow = typeof ussdSessions.$inferSelect;

/** `ussd_sessions`: where each step's input starts, and the session's one write (once). */
export function createUssdSessionsRepo(db: Executor) {
  return {
    async find(sessionId: string, tx: Executor = db): Promise<UssdSessionRow | undefined> {
      const [r] = await tx.select().from(ussdSessions).where(eq(ussdSessions.sessionId, sessionId));
      return r;
    },
    /** Remember where the inputs of the text just seen start; `fresh` starts the session over. */
    async save(
      row: {
        sessionId: string;
        phoneBidx: string | null;
        cuts: number[];
        textLength: number;
        textMac: string;
        now: Date;
        fresh: boolean;
      },
      tx: Executor = db,
    ): Promise<void> {
      const set = {
        cuts: row.cuts,
        textLength: row.textLength,
        textMac: row.textMac,
        updatedAt: row.now,
        ...(row.fresh ? { caseId: null, endedAt: null, createdAt: row.now, locale: null } : {}),
      };
      await tx
        .insert(ussdSessions)
        .values({ sessionId: row.sessionId, phoneBidx: row.phoneBidx, createdAt: row.now, ...set })
        .onConflictDoUpdate({ target: ussdSessions.sessionId, set });
    },
    /** Take the session's one write; false when it was taken (a repeated request). */
    async claim(sessionId: string, locale: string, now: Date, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .update(ussdSessions)
        .set({ endedAt: now, locale })
        .where(and(eq(ussdSessions.sessionId, sessionId), isNull(ussdSessions.endedAt)))
        .returning({ sessionId: ussdSessions.sessionId });
      return Boolean(r);
    },
    async setCase(sessionId: string, caseId: string | null, tx: Executor = db): Promise<void> {
      await tx.update(ussdSessions).set({ caseId }).where(eq(ussdSessions.sessionId, sessionId));
    },
    /** Give the write back (it failed): the gateway or the person may try again. */
    async release(sessionId: string, tx: Executor = db): Promise<void> {
      await tx
        .update(ussdSessions)
        .set({ endedAt: null, caseId: null })
        .where(eq(ussdSessions.sessionId, sessionId));
    },
  };
}
export type UssdSessionsRepo = ReturnType<typeof createUssdSessionsRepo>;
