import { and, arrayOverlaps, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseMembers, cases, users } from '../../db/schema/index.js';

/** `case_members` with names for the team panel, and the people an action may be assigned to. */
export function createCaseTeamRepo(db: Executor) {
  return {
    async team(caseId: string, tx: Executor = db) {
      return tx
        .select({
          userId: caseMembers.userId,
          roleInCase: caseMembers.roleInCase,
          addedAt: caseMembers.addedAt,
          displayName: users.displayName,
          roles: users.roles,
          disabled: users.disabled,
        })
        .from(caseMembers)
        .innerJoin(users, eq(users.id, caseMembers.userId))
        .where(eq(caseMembers.caseId, caseId))
        .orderBy(asc(caseMembers.addedAt), asc(users.displayName));
    },
    /** Add, or change the role of, one member (one row per user and case). */
    async setMember(caseId: string, userId: string, roleInCase: string, tx: Executor = db): Promise<void> {
      await tx
        .insert(caseMembers)
        .values({ caseId, userId, roleInCase })
        .onConflictDoUpdate({ target: [caseMembers.caseId, caseMembers.userId], set: { roleInCase } });
    },
    async removeMember(caseId: string, userId: string, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .delete(caseMembers)
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
        .returning({ u: caseMembers.userId });
      return r.length > 0;
    },
    async setLead(caseId: string, userId: string | null, tx: Executor = db): Promise<void> {
      await tx
        .update(cases)
        .set({ leadUserId: userId, version: sql`${cases.version} + 1`, updatedAt: new Date() })
        .where(eq(cases.id, caseId));
    },
    async user(id: string, tx: Executor = db) {
      const [r] = await tx
        .select({
          id: users.id,
          displayName: users.displayName,
          roles: users.roles,
          disabled: users.disabled,
        })
        .from(users)
        .where(eq(users.id, id));
      return r;
    },
    /** Active users holding any of these roles (assignment candidates beyond the team). */
    async activeWithRoles(roles: readonly string[], tx: Executor = db) {
      if (roles.length === 0) return [];
      return tx
        .select({ id: users.id, displayName: users.displayName, roles: users.roles })
        .from(users)
        .where(and(eq(users.disabled, false), arrayOverlaps(users.roles, [...roles])))
        .orderBy(asc(users.displayName))
        .limit(200);
    },
  };
}
export type CaseTeamRepo = ReturnType<typeof createCaseTeamRepo>;
