import { and, arrayContains, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { escalationPolicies, rotations, users } from '../../db/schema/index.js';

export type PolicyRow = typeof escalationPolicies.$inferSelect;
export type RotationRow = typeof rotations.$inferSelect;

/** Escalation policies and on-call rotations, and the people they name (read only). */
export function createOncallRepo(db: Executor) {
  return {
    /* ---------- policies and rotations ---------- */

    async policies(tx: Executor = db): Promise<PolicyRow[]> {
      return tx.select().from(escalationPolicies).orderBy(asc(escalationPolicies.name));
    },
    async policyById(id: string, tx: Executor = db): Promise<PolicyRow | undefined> {
      const [r] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, id));
      return r;
    },
    async policyByName(name: string, tx: Executor = db): Promise<PolicyRow | undefined> {
      const [r] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.name, name));
      return r;
    },
    async insertPolicy(row: typeof escalationPolicies.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(escalationPolicies).values(row).onConflictDoNothing().returning();
      return r;
    },
    async updatePolicy(
      id: string,
      set: Partial<typeof escalationPolicies.$inferInsert>,
      tx: Executor = db,
    ): Promise<PolicyRow | undefined> {
      const [r] = await tx
        .update(escalationPolicies)
        .set(set)
        .where(eq(escalationPolicies.id, id))
        .returning();
      return r;
    },
    async countPolicies(tx: Executor = db): Promise<number> {
      const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(escalationPolicies);
      return r?.n ?? 0;
    },

    async rotations(tx: Executor = db): Promise<RotationRow[]> {
      return tx.select().from(rotations).orderBy(asc(rotations.name));
    },
    async rotationById(id: string, tx: Executor = db): Promise<RotationRow | undefined> {
      const [r] = await tx.select().from(rotations).where(eq(rotations.id, id));
      return r;
    },
    async rotationByName(name: string, tx: Executor = db): Promise<RotationRow | undefined> {
      const [r] = await tx.select().from(rotations).where(eq(rotations.name, name));
      return r;
    },
    async rotationsByIds(ids: string[], tx: Executor = db): Promise<RotationRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(rotations).where(inArray(rotations.id, ids));
    },
    async insertRotation(row: typeof rotations.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(rotations).values(row).onConflictDoNothing().returning();
      return r;
    },
    async updateRotation(id: string, set: Partial<typeof rotations.$inferInsert>, tx: Executor = db) {
      const [r] = await tx.update(rotations).set(set).where(eq(rotations.id, id)).returning();
      return r;
    },

    /* ---------- people ---------- */

    /** Active users among these ids (disabled accounts are never paged). */
    async activeUsers(ids: string[], tx: Executor = db): Promise<{ id: string; displayName: string }[]> {
      if (ids.length === 0) return [];
      return tx
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.disabled, false)));
    },
    async activeUsersWithRole(role: string, tx: Executor = db): Promise<{ id: string }[]> {
      return tx
        .select({ id: users.id })
        .from(users)
        .where(and(arrayContains(users.roles, [role]), eq(users.disabled, false)))
        .orderBy(asc(users.createdAt));
    },
    async userNames(ids: string[], tx: Executor = db): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await tx
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },
  };
}
export type OncallRepo = ReturnType<typeof createOncallRepo>;
