import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  afterActionReviews,
  arrests,
  caseActions,
  caseImpacts,
  institutionalResponses,
  users,
  victimFeedback,
} from '../../db/schema/index.js';

export type ActionRow = typeof caseActions.$inferSelect;
export type ArrestRow = typeof arrests.$inferSelect;
export type InstitutionalResponseRow = typeof institutionalResponses.$inferSelect;
export type FeedbackRow = typeof victimFeedback.$inferSelect;
export type ImpactRow = typeof caseImpacts.$inferSelect;
export type AfterActionReviewRow = typeof afterActionReviews.$inferSelect;

/** The response phase of a case: actions, arrests, the institutional response log, follow-up, reviews. */
export function createResponseRepo(db: Executor) {
  return {
    /** A user who may own an action: exists and is not disabled. */
    async activeUser(id: string, tx: Executor = db) {
      const [r] = await tx
        .select({ id: users.id, roles: users.roles, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, id));
      return r && !r.disabled ? r : undefined;
    },
    async displayName(userId: string | null, tx: Executor = db): Promise<string | null> {
      if (!userId) return null;
      const [r] = await tx.select({ n: users.displayName }).from(users).where(eq(users.id, userId));
      return r?.n ?? null;
    },

    /** The cases where this user owns an action (need-to-know is the caller's). */
    async casesWithActionsOf(userId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .selectDistinct({ caseId: caseActions.caseId })
        .from(caseActions)
        .where(eq(caseActions.ownerUserId, userId));
      return rows.map((r) => r.caseId);
    },
    async insertAction(row: typeof caseActions.$inferInsert, tx: Executor = db): Promise<ActionRow> {
      const [r] = await tx.insert(caseActions).values(row).returning();
      return r!;
    },
    async findAction(caseId: string, id: string, tx: Executor = db): Promise<ActionRow | undefined> {
      const [r] = await tx
        .select()
        .from(caseActions)
        .where(and(eq(caseActions.caseId, caseId), eq(caseActions.id, id)));
      return r;
    },
    /** Optimistic update: a concurrent change (another version) makes this return undefined. */
    async updateAction(
      id: string,
      version: number,
      set: Partial<typeof caseActions.$inferInsert>,
      tx: Executor = db,
    ): Promise<ActionRow | undefined> {
      const [r] = await tx
        .update(caseActions)
        .set({ ...set, version: version + 1 })
        .where(and(eq(caseActions.id, id), eq(caseActions.version, version)))
        .returning();
      return r;
    },
    async actionsOf(caseId: string, tx: Executor = db) {
      return tx
        .select({ action: caseActions, ownerName: users.displayName })
        .from(caseActions)
        .leftJoin(users, eq(users.id, caseActions.ownerUserId))
        .where(eq(caseActions.caseId, caseId))
        .orderBy(asc(caseActions.createdAt), asc(caseActions.id));
    },

    async insertArrest(row: typeof arrests.$inferInsert, tx: Executor = db): Promise<ArrestRow> {
      const [r] = await tx.insert(arrests).values(row).returning();
      return r!;
    },
    async findArrest(caseId: string, id: string, tx: Executor = db): Promise<ArrestRow | undefined> {
      const [r] = await tx
        .select()
        .from(arrests)
        .where(and(eq(arrests.caseId, caseId), eq(arrests.id, id)));
      return r;
    },
    async updateArrest(
      id: string,
      set: Partial<typeof arrests.$inferInsert>,
      tx: Executor = db,
    ): Promise<ArrestRow> {
      const [r] = await tx.update(arrests).set(set).where(eq(arrests.id, id)).returning();
      return r!;
    },
    async arrestsOf(caseId: string, tx: Executor = db): Promise<ArrestRow[]> {
      return tx
        .select()
        .from(arrests)
        .where(eq(arrests.caseId, caseId))
        .orderBy(asc(arrests.arrestedAt), asc(arrests.id));
    },

    async insertInstitutionalResponse(
      row: typeof institutionalResponses.$inferInsert,
      tx: Executor = db,
    ): Promise<InstitutionalResponseRow> {
      const [r] = await tx.insert(institutionalResponses).values(row).returning();
      return r!;
    },
    async institutionalResponsesOf(caseId: string, tx: Executor = db): Promise<InstitutionalResponseRow[]> {
      return tx
        .select()
        .from(institutionalResponses)
        .where(eq(institutionalResponses.caseId, caseId))
        .orderBy(asc(institutionalResponses.at), asc(institutionalResponses.id));
    },

    async insertFeedback(row: typeof victimFeedback.$inferInsert, tx: Executor = db): Promise<FeedbackRow> {
      const [r] = await tx.insert(victimFeedback).values(row).returning();
      return r!;
    },
    async feedbackOf(caseId: string, tx: Executor = db): Promise<FeedbackRow[]> {
      return tx
        .select()
        .from(victimFeedback)
        .where(eq(victimFeedback.caseId, caseId))
        .orderBy(asc(victimFeedback.at), asc(victimFeedback.id));
    },

    async insertImpact(row: typeof caseImpacts.$inferInsert, tx: Executor = db): Promise<ImpactRow> {
      const [r] = await tx.insert(caseImpacts).values(row).returning();
      return r!;
    },
    async impactsOf(caseId: string, tx: Executor = db): Promise<ImpactRow[]> {
      return tx
        .select()
        .from(caseImpacts)
        .where(eq(caseImpacts.caseId, caseId))
        .orderBy(asc(caseImpacts.at), asc(caseImpacts.id));
    },

    async insertReview(
      row: typeof afterActionReviews.$inferInsert,
      tx: Executor = db,
    ): Promise<AfterActionReviewRow> {
      const [r] = await tx.insert(afterActionReviews).values(row).returning();
      return r!;
    },
    async reviewOf(caseId: string, tx: Executor = db): Promise<AfterActionReviewRow | undefined> {
      const [r] = await tx
        .select()
        .from(afterActionReviews)
        .where(eq(afterActionReviews.caseId, caseId))
        .orderBy(asc(afterActionReviews.at))
        .limit(1);
      return r;
    },
  };
}
export type ResponseRepo = ReturnType<typeof createResponseRepo>;
