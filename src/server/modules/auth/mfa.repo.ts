import { and, asc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { loginChallenges, userMfa, webauthnCredentials } from '../../db/schema/index.js';

export type UserMfaRow = typeof userMfa.$inferSelect;
export type LoginChallengeRow = typeof loginChallenges.$inferSelect;
export type WebauthnCredentialRow = typeof webauthnCredentials.$inferSelect;

/** What a login challenge lets its holder do next. */
export type ChallengePurpose = 'mfa' | 'enroll' | 'webauthn_register';

export function createMfaRepo(db: Executor) {
  return {
    // --- login challenges -------------------------------------------------------------------------
    async insertChallenge(row: typeof loginChallenges.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(loginChallenges).values(row);
    },
    async findChallenge(id: string, tx: Executor = db): Promise<LoginChallengeRow | undefined> {
      const [row] = await tx.select().from(loginChallenges).where(eq(loginChallenges.id, id));
      return row;
    },
    async setWebauthnChallenge(id: string, challenge: string | null, tx: Executor = db): Promise<void> {
      await tx
        .update(loginChallenges)
        .set({ webauthnChallenge: challenge })
        .where(eq(loginChallenges.id, id));
    },
    /** Take the stored WebAuthn challenge so it can be answered only once (compare-and-clear). */
    async takeWebauthnChallenge(id: string, tx: Executor = db): Promise<string | null> {
      const [before] = await tx
        .select({ c: loginChallenges.webauthnChallenge })
        .from(loginChallenges)
        .where(eq(loginChallenges.id, id));
      if (!before?.c) return null;
      const r = await tx
        .update(loginChallenges)
        .set({ webauthnChallenge: null })
        .where(and(eq(loginChallenges.id, id), eq(loginChallenges.webauthnChallenge, before.c)))
        .returning({ id: loginChallenges.id });
      return r.length > 0 ? before.c : null;
    },
    async deleteChallenge(id: string, tx: Executor = db): Promise<void> {
      await tx.delete(loginChallenges).where(eq(loginChallenges.id, id));
    },
    async purgeExpiredChallenges(now: Date, tx: Executor = db): Promise<number> {
      const r = await tx
        .delete(loginChallenges)
        .where(lt(loginChallenges.expiresAt, now))
        .returning({ id: loginChallenges.id });
      return r.length;
    },

    // --- TOTP and recovery codes -------------------------------------------------------------------
    async findMfa(userId: string, tx: Executor = db): Promise<UserMfaRow | undefined> {
      const [row] = await tx.select().from(userMfa).where(eq(userMfa.userId, userId));
      return row;
    },
    /** Start (or restart) an unconfirmed enrolment; a confirmed one is never overwritten. */
    async upsertPendingMfa(
      userId: string,
      dataKeyId: string,
      totpSecretEnc: string,
      tx: Executor = db,
    ): Promise<boolean> {
      const r = await tx
        .insert(userMfa)
        .values({ userId, dataKeyId, totpSecretEnc })
        .onConflictDoUpdate({
          target: userMfa.userId,
          set: { dataKeyId, totpSecretEnc, failedCodes: 0, lastUsedStep: null, recoveryCodeHashes: [] },
          setWhere: isNull(userMfa.confirmedAt),
        })
        .returning({ userId: userMfa.userId });
      return r.length > 0;
    },
    async insertConfirmedMfa(row: typeof userMfa.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(userMfa).values(row);
    },
    async confirmMfa(
      userId: string,
      at: Date,
      step: number,
      recoveryCodeHashes: string[],
      tx: Executor = db,
    ): Promise<boolean> {
      const r = await tx
        .update(userMfa)
        .set({ confirmedAt: at, lastUsedStep: step, failedCodes: 0, recoveryCodeHashes })
        .where(and(eq(userMfa.userId, userId), isNull(userMfa.confirmedAt)))
        .returning({ userId: userMfa.userId });
      return r.length > 0;
    },
    /**
     * Record a used TOTP step, atomically: false when that step (or a later one) was already used, so
     * two requests racing with the same code cannot both win.
     */
    async useTotpStep(userId: string, step: number, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .update(userMfa)
        .set({ lastUsedStep: step, failedCodes: 0 })
        .where(
          and(eq(userMfa.userId, userId), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step))),
        )
        .returning({ userId: userMfa.userId });
      return r.length > 0;
    },
    /** Remove one recovery code hash, atomically; false when it was not (or no longer) there. */
    async useRecoveryCode(userId: string, hash: string, tx: Executor = db): Promise<number | null> {
      const r = await tx
        .update(userMfa)
        .set({
          recoveryCodeHashes: sql`array_remove(${userMfa.recoveryCodeHashes}, ${hash})`,
          failedCodes: 0,
        })
        .where(and(eq(userMfa.userId, userId), sql`${hash} = any(${userMfa.recoveryCodeHashes})`))
        .returning({ left: sql<number>`cardinality(${userMfa.recoveryCodeHashes})` });
      return r.length > 0 ? Number(r[0]!.left) : null;
    },
    async setRecoveryCodes(userId: string, hashes: string[], tx: Executor = db): Promise<void> {
      await tx.update(userMfa).set({ recoveryCodeHashes: hashes }).where(eq(userMfa.userId, userId));
    },
    async resetFailedCodes(userId: string, tx: Executor = db): Promise<void> {
      await tx.update(userMfa).set({ failedCodes: 0 }).where(eq(userMfa.userId, userId));
    },
    /** Count one wrong second-factor code; returns the running total. */
    async recordFailedCode(userId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .update(userMfa)
        .set({ failedCodes: sql`${userMfa.failedCodes} + 1` })
        .where(eq(userMfa.userId, userId))
        .returning({ failedCodes: userMfa.failedCodes });
      return row?.failedCodes ?? 0;
    },

    // --- WebAuthn credentials ----------------------------------------------------------------------
    async listCredentials(userId: string, tx: Executor = db): Promise<WebauthnCredentialRow[]> {
      return tx
        .select()
        .from(webauthnCredentials)
        .where(eq(webauthnCredentials.userId, userId))
        .orderBy(asc(webauthnCredentials.createdAt));
    },
    async countCredentials(userId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(webauthnCredentials)
        .where(eq(webauthnCredentials.userId, userId));
      return Number(row?.n ?? 0);
    },
    async findCredential(
      userId: string,
      id: string,
      tx: Executor = db,
    ): Promise<WebauthnCredentialRow | undefined> {
      const [row] = await tx
        .select()
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)));
      return row;
    },
    async insertCredential(row: typeof webauthnCredentials.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(webauthnCredentials).values(row);
    },
    async credentialUsed(id: string, counter: number, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(webauthnCredentials)
        .set({ counter, lastUsedAt: at })
        .where(eq(webauthnCredentials.id, id));
    },
    async deleteCredential(userId: string, id: string, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .delete(webauthnCredentials)
        .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)))
        .returning({ id: webauthnCredentials.id });
      return r.length > 0;
    },
    /** A second-factor reset (approved by a second administrator): every factor, every open challenge. */
    async deleteAllFactors(userId: string, tx: Executor = db): Promise<void> {
      await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
      await tx.delete(userMfa).where(eq(userMfa.userId, userId));
      await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    },
    /** The users with a confirmed second factor. */
    async enrolledUserIds(tx: Executor = db): Promise<Set<string>> {
      const rows = await tx
        .select({ userId: userMfa.userId })
        .from(userMfa)
        .where(isNotNull(userMfa.confirmedAt));
      return new Set(rows.map((r) => r.userId));
    },
  };
}
export type MfaRepo = ReturnType<typeof createMfaRepo>;
