import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { approvalRequests, type ApprovalRequestRow } from '../../db/schema/index.js';

export type ApprovalKind = 'case_sensitivity' | 'person_export' | 'mfa_reset';

/** The two-person rule's requests (lowering a case's sensitivity, data-subject exports). */
export function createApprovalsRepo(db: Executor) {
  return {
    async insert(
      row: {
        kind: ApprovalKind;
        subjectId: string;
        payload: Record<string, string>;
        requestedBy: string;
        requestedAt: Date;
      },
      tx: Executor = db,
    ): Promise<ApprovalRequestRow> {
      const [r] = await tx.insert(approvalRequests).values(row).returning();
      return r!;
    },
    async find(id: string, kind: ApprovalKind, tx: Executor = db): Promise<ApprovalRequestRow | undefined> {
      const [r] = await tx
        .select()
        .from(approvalRequests)
        .where(and(eq(approvalRequests.id, id), eq(approvalRequests.kind, kind)));
      return r;
    },
    async pending(kind: ApprovalKind, tx: Executor = db): Promise<ApprovalRequestRow[]> {
      return tx
        .select()
        .from(approvalRequests)
        .where(and(eq(approvalRequests.kind, kind), eq(approvalRequests.status, 'pending')))
        .limit(200);
    },
    /** One person's requests of a kind, newest first (any status). */
    async byRequester(
      kind: ApprovalKind,
      requestedBy: string,
      limit = 50,
      tx: Executor = db,
    ): Promise<ApprovalRequestRow[]> {
      return tx
        .select()
        .from(approvalRequests)
        .where(and(eq(approvalRequests.kind, kind), eq(approvalRequests.requestedBy, requestedBy)))
        .orderBy(desc(approvalRequests.requestedAt))
        .limit(limit);
    },
    /** Move a request on from `from` (compare-and-set): undefined when someone else moved it first. */
    async settle(
      id: string,
      from: string,
      set: Partial<Pick<ApprovalRequestRow, 'status' | 'decidedBy' | 'decidedAt' | 'usedAt'>>,
      tx: Executor = db,
    ): Promise<ApprovalRequestRow | undefined> {
      const [r] = await tx
        .update(approvalRequests)
        .set(set)
        .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, from)))
        .returning();
      return r;
    },
  };
}
export type ApprovalsRepo = ReturnType<typeof createApprovalsRepo>;
