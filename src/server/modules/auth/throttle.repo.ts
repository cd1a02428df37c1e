import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { loginThrottles } from '../../db/schema/index.js';

/** Counters of failed sign-ins by opaque key (HMACs of email and address; never either in clear). */
export function createThrottleRepo(db: Executor) {
  return {
    async get(key: string, tx: Executor = db) {
      const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key));
      return row;
    },
    /** Count one failure; a count whose last failure is older than `resetBefore` starts again at one. */
    async bump(key: string, now: Date, resetBefore: Date, tx: Executor = db) {
      const stale = sql`${loginThrottles.lastFailureAt} < ${resetBefore}`;
      const [row] = await tx
        .insert(loginThrottles)
        .values({ key, failures: 1, firstFailureAt: now, lastFailureAt: now })
        .onConflictDoUpdate({
          target: loginThrottles.key,
          set: {
            failures: sql`case when ${stale} then 1 else ${loginThrottles.failures} + 1 end`,
            firstFailureAt: sql`case when ${stale} then ${now} else ${loginThrottles.firstFailureAt} end`,
            alertedAt: sql`case when ${stale} then null else ${loginThrottles.alertedAt} end`,
            blockedUntil: sql`case when ${stale} then null else ${loginThrottles.blockedUntil} end`,
            lastFailureAt: now,
          },
        })
        .returning();
      return row!;
    },
    async block(key: string, until: Date, tx: Executor = db) {
      await tx.update(loginThrottles).set({ blockedUntil: until }).where(eq(loginThrottles.key, key));
    },
    /** Mark a burst as told; true only for the one caller that marked it. */
    async claimAlert(key: string, now: Date, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .update(loginThrottles)
        .set({ alertedAt: now })
        .where(and(eq(loginThrottles.key, key), isNull(loginThrottles.alertedAt)))
        .returning({ key: loginThrottles.key });
      return rows.length > 0;
    },
    /** Forget counts with no failure since `before`. */
    async purge(before: Date, tx: Executor = db): Promise<void> {
      await tx.delete(loginThrottles).where(lt(loginThrottles.lastFailureAt, before));
    },
    async clear(key: string, tx: Executor = db) {
      await tx.delete(loginThrottles).where(eq(loginThrottles.key, key));
    },
  };
}
export type ThrottleRepo = ReturnType<typeof createThrottleRepo>;
