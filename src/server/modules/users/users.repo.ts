import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users, type UserRow } from '../../db/schema/index.js';

export type NewUser = typeof users.$inferInsert;

export function createUsersRepo(db: Executor) {
  return {
    async findByEmail(email: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },
    async findById(id: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row;
    },
    async insert(user: NewUser, tx: Executor = db): Promise<UserRow> {
      const [row] = await tx
        .insert(users)
        .values({ ...user, email: user.email.toLowerCase() })
        .returning();
      return row!;
    },
    async list(tx: Executor = db): Promise<UserRow[]> {
      return tx.select().from(users).orderBy(asc(users.displayName));
    },
    async setLocale(id: string, locale: string, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, id));
    },
    async recordFailedLogin(id: string, lockUntil: Date | null, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1`, lockedUntil: lockUntil ?? users.lockedUntil })
        .where(eq(users.id, id))
        .returning({ failedLogins: users.failedLogins });
      return row?.failedLogins ?? 0;
    },
    async lockUntil(id: string, until: Date, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, id));
    },
    async resetFailedLogins(id: string, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
