import { and, asc, eq, ne, sql } from 'drizzle-orm';
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
    async setRoles(id: string, roles: string[], tx: Executor = db): Promise<void> {
      await tx.update(users).set({ roles, updatedAt: new Date() }).where(eq(users.id, id));
    },
    async setDisabled(id: string, disabled: boolean, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, id));
    },
    async markSignedIn(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, id));
    },
    /** First run: hold off every other writer of users until this transaction ends (one first admin). */
    async lockForFirstRun(tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('dharura.first_run'))`);
    },
    async count(tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)` }).from(users);
      return Number(row?.n ?? 0);
    },
    /** Enabled administrators other than `exceptId` (the last one may not be demoted or disabled). */
    async countOtherActiveAdmins(exceptId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(and(ne(users.id, exceptId), eq(users.disabled, false), sql`'admin' = any(${users.roles})`));
      return Number(row?.n ?? 0);
    },
    async resetFailedLogins(id: string, tx: Executor = db): Promise<void> {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
