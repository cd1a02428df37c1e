import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { userInvites, type UserInviteRow } from '../../db/schema/index.js';

/** `user_invites`: one-time invitation links (only the token's hash). */
export function createInvitesRepo(db: Executor) {
  return {
    async insert(row: typeof userInvites.$inferInsert, tx: Executor = db): Promise<UserInviteRow> {
      const [r] = await tx.insert(userInvites).values(row).returning();
      return r!;
    },
    /** An invite that is still open at `now` (not spent, not revoked, not expired). */
    async findOpenByHash(
      tokenHash: string,
      now: Date,
      tx: Executor = db,
    ): Promise<UserInviteRow | undefined> {
      const [r] = await tx
        .select()
        .from(userInvites)
        .where(
          and(
            eq(userInvites.tokenHash, tokenHash),
            isNull(userInvites.usedAt),
            isNull(userInvites.revokedAt),
            gt(userInvites.expiresAt, now),
          ),
        );
      return r;
    },
    async listOpen(now: Date, tx: Executor = db): Promise<UserInviteRow[]> {
      return tx
        .select()
        .from(userInvites)
        .where(and(isNull(userInvites.usedAt), isNull(userInvites.revokedAt), gt(userInvites.expiresAt, now)))
        .orderBy(asc(userInvites.createdAt))
        .limit(500);
    },
    /** Spend an open invite (compare-and-set): false when it was spent or revoked first. */
    async spend(id: string, userId: string, at: Date, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .update(userInvites)
        .set({ usedAt: at, userId })
        .where(and(eq(userInvites.id, id), isNull(userInvites.usedAt), isNull(userInvites.revokedAt)))
        .returning({ id: userInvites.id });
      return r.length > 0;
    },
    async revoke(id: string, at: Date, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .update(userInvites)
        .set({ revokedAt: at })
        .where(and(eq(userInvites.id, id), isNull(userInvites.usedAt), isNull(userInvites.revokedAt)))
        .returning({ id: userInvites.id });
      return r.length > 0;
    },
  };
}
export type InvitesRepo = ReturnType<typeof createInvitesRepo>;
