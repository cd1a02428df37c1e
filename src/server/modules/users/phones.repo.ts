import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { userPhones, type UserPhoneRow } from '../../db/schema/index.js';

/** `user_phones`: each staff member's own phone (encrypted) and its verification state. */
export function createPhonesRepo(db: Executor) {
  return {
    async find(userId: string, tx: Executor = db): Promise<UserPhoneRow | undefined> {
      const [r] = await tx.select().from(userPhones).where(eq(userPhones.userId, userId));
      return r;
    },
    /** A new (unverified) phone with a fresh code: replaces whatever was there. */
    async upsert(row: typeof userPhones.$inferInsert, tx: Executor = db): Promise<void> {
      const { userId, ...set } = row;
      await tx
        .insert(userPhones)
        .values(row)
        .onConflictDoUpdate({ target: userPhones.userId, set: { ...set, userId } });
    },
    async recordWrongCode(userId: string, tx: Executor = db): Promise<number> {
      const [r] = await tx
        .update(userPhones)
        .set({ attempts: sql`${userPhones.attempts} + 1` })
        .where(eq(userPhones.userId, userId))
        .returning({ attempts: userPhones.attempts });
      return r?.attempts ?? 0;
    },
    async markVerified(userId: string, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(userPhones)
        .set({ verifiedAt: at, codeHash: null, codeExpiresAt: null, attempts: 0, updatedAt: at })
        .where(eq(userPhones.userId, userId));
    },
    async verifiedUserIds(tx: Executor = db): Promise<Set<string>> {
      const rows = await tx
        .select({ userId: userPhones.userId })
        .from(userPhones)
        .where(isNotNull(userPhones.verifiedAt));
      return new Set(rows.map((r) => r.userId));
    },
    /** The user whose verified phone has this blind index (an SMS sender the system may trust). */
    async findVerifiedByBidx(bidx: string, tx: Executor = db): Promise<UserPhoneRow | undefined> {
      const [r] = await tx
        .select()
        .from(userPhones)
        .where(and(eq(userPhones.phoneBidx, bidx), isNotNull(userPhones.verifiedAt)));
      return r;
    },
  };
}
export type PhonesRepo = ReturnType<typeof createPhonesRepo>;
