import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  cases,
  fundApprovals,
  fundPayments,
  fundRequests,
  journalEntries,
  journalLines,
  ledgerAccounts,
  type FundPaymentRow,
  type FundRequestRow,
  type JournalEntryRow,
  type LedgerAccountRow,
} from '../../db/schema/index.js';

export type { FundPaymentRow, FundRequestRow, JournalEntryRow, LedgerAccountRow };
export type NewLine = { accountId: string; amountCents: number };

/** Every query of the funds module: requests, approvals, payment attempts and the ledger. */
export function createFundsRepo(db: Executor) {
  return {
    /* ---------- requests ---------- */
    async insertRequest(row: typeof fundRequests.$inferInsert, tx: Executor = db): Promise<FundRequestRow> {
      const [r] = await tx.insert(fundRequests).values(row).returning();
      return r!;
    },
    async findRequest(id: string, tx: Executor = db): Promise<FundRequestRow | undefined> {
      const [r] = await tx.select().from(fundRequests).where(eq(fundRequests.id, id));
      return r;
    },
    /** The request row locked for the rest of the transaction (one decision or payment at a time). */
    async lockRequest(id: string, tx: Executor): Promise<FundRequestRow | undefined> {
      const [r] = await tx.select().from(fundRequests).where(eq(fundRequests.id, id)).for('update');
      return r;
    },
    async updateRequest(
      id: string,
      version: number,
      set: Partial<typeof fundRequests.$inferInsert>,
      tx: Executor = db,
    ): Promise<FundRequestRow | undefined> {
      const [r] = await tx
        .update(fundRequests)
        .set({ ...set, version: version + 1 })
        .where(and(eq(fundRequests.id, id), eq(fundRequests.version, version)))
        .returning();
      return r;
    },
    async requestsOfCase(caseId: string, tx: Executor = db): Promise<FundRequestRow[]> {
      return tx
        .select()
        .from(fundRequests)
        .where(eq(fundRequests.caseId, caseId))
        .orderBy(asc(fundRequests.requestedAt), asc(fundRequests.id));
    },
    /** Requests in these statuses (default: waiting for approval), with what need-to-know needs. */
    async pendingRequests(statuses: readonly string[] = ['requested'], tx: Executor = db) {
      return tx
        .select({
          request: fundRequests,
          reference: cases.reference,
          sensitivity: cases.sensitivity,
          caseStatus: cases.status,
        })
        .from(fundRequests)
        .innerJoin(cases, eq(cases.id, fundRequests.caseId))
        .where(inArray(fundRequests.status, [...statuses]))
        .orderBy(asc(fundRequests.requestedAt))
        .limit(500);
    },

    /* ---------- approvals ---------- */
    async approvalsOf(requestIds: string[], tx: Executor = db) {
      if (requestIds.length === 0) return [];
      return tx
        .select()
        .from(fundApprovals)
        .where(inArray(fundApprovals.requestId, requestIds))
        .orderBy(asc(fundApprovals.at));
    },
    async insertApproval(row: typeof fundApprovals.$inferInsert, tx: Executor = db): Promise<boolean> {
      const r = await tx.insert(fundApprovals).values(row).onConflictDoNothing().returning();
      return r.length === 1;
    },

    /* ---------- payment attempts ---------- */
    async insertPayment(row: typeof fundPayments.$inferInsert, tx: Executor = db): Promise<FundPaymentRow> {
      const [r] = await tx.insert(fundPayments).values(row).returning();
      return r!;
    },
    async paymentsOf(requestId: string, tx: Executor = db): Promise<FundPaymentRow[]> {
      return tx
        .select()
        .from(fundPayments)
        .where(eq(fundPayments.requestId, requestId))
        .orderBy(asc(fundPayments.attempt));
    },
    async paymentByOcid(ocid: string, tx: Executor = db): Promise<FundPaymentRow | undefined> {
      const [r] = await tx.select().from(fundPayments).where(eq(fundPayments.originatorConversationId, ocid));
      return r;
    },
    async findPayment(id: string, tx: Executor = db): Promise<FundPaymentRow | undefined> {
      const [r] = await tx.select().from(fundPayments).where(eq(fundPayments.id, id));
      return r;
    },
    /** Move an attempt on only from the status the caller saw: a second callback finds it moved. */
    async settlePayment(
      id: string,
      from: readonly string[],
      set: Partial<typeof fundPayments.$inferInsert>,
      tx: Executor = db,
    ): Promise<FundPaymentRow | undefined> {
      const [r] = await tx
        .update(fundPayments)
        .set(set)
        .where(and(eq(fundPayments.id, id), inArray(fundPayments.status, [...from])))
        .returning();
      return r;
    },
    /** Attempts still open whose last word (sent, or last status query) is older than `before`. */
    async unresolvedPayments(before: Date, limit: number, tx: Executor = db): Promise<FundPaymentRow[]> {
      return tx
        .select()
        .from(fundPayments)
        .where(
          and(
            inArray(fundPayments.status, ['submitting', 'submitted']),
            lt(
              sql`coalesce(${fundPayments.lastQueryAt}, ${fundPayments.submittedAt}, ${fundPayments.createdAt})`,
              before,
            ),
          ),
        )
        .orderBy(asc(fundPayments.createdAt))
        .limit(limit);
    },
    async markQueried(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(fundPayments)
        .set({ lastQueryAt: at, queryCount: sql`${fundPayments.queryCount} + 1` })
        .where(eq(fundPayments.id, id));
    },

    /* ---------- ledger ---------- */
    /** The account with this code, created on first use (concurrent creators get the same row). */
    async ensureAccount(
      a: { code: string; kind: string; name: string; caseId?: string | null },
      at: Date,
      tx: Executor = db,
    ): Promise<LedgerAccountRow> {
      await tx
        .insert(ledgerAccounts)
        .values({ ...a, caseId: a.caseId ?? null, createdAt: at })
        .onConflictDoNothing();
      const [r] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, a.code));
      return r!;
    },
    async insertAccount(a: typeof ledgerAccounts.$inferInsert, tx: Executor = db) {
      const r = await tx.insert(ledgerAccounts).values(a).onConflictDoNothing().returning();
      return r[0];
    },
    async findAccount(id: string, tx: Executor = db): Promise<LedgerAccountRow | undefined> {
      const [r] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id));
      return r;
    },
    async insertEntry(
      entry: typeof journalEntries.$inferInsert,
      lines: NewLine[],
      tx: Executor,
    ): Promise<JournalEntryRow> {
      const [e] = await tx.insert(journalEntries).values(entry).returning();
      await tx.insert(journalLines).values(lines.map((l) => ({ ...l, entryId: e!.id })));
      return e!;
    },
    async findEntry(id: string, tx: Executor = db): Promise<JournalEntryRow | undefined> {
      const [r] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id));
      return r;
    },
    async linesOf(entryIds: string[], tx: Executor = db) {
      if (entryIds.length === 0) return [];
      return tx
        .select({
          entryId: journalLines.entryId,
          accountId: journalLines.accountId,
          code: ledgerAccounts.code,
          amountCents: journalLines.amountCents,
        })
        .from(journalLines)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
        .where(inArray(journalLines.entryId, entryIds))
        .orderBy(asc(journalLines.entryId), desc(journalLines.amountCents));
    },
    /** Entries, newest first (optionally of one case), with the case reference where there is one. */
    async entries(f: { caseId?: string; limit: number }, tx: Executor = db) {
      return tx
        .select({ entry: journalEntries, reference: cases.reference })
        .from(journalEntries)
        .leftJoin(cases, eq(cases.id, journalEntries.caseId))
        .where(f.caseId ? eq(journalEntries.caseId, f.caseId) : undefined)
        .orderBy(desc(journalEntries.at), desc(journalEntries.id))
        .limit(f.limit);
    },
    /** Every account with its balance (debits minus credits). */
    async balances(f: { caseId?: string } = {}, tx: Executor = db) {
      const rows = await tx
        .select({
          account: ledgerAccounts,
          balance: sql<string>`coalesce(sum(${journalLines.amountCents}), 0)`,
        })
        .from(ledgerAccounts)
        .leftJoin(journalLines, eq(journalLines.accountId, ledgerAccounts.id))
        .where(f.caseId ? eq(ledgerAccounts.caseId, f.caseId) : undefined)
        .groupBy(ledgerAccounts.id)
        .orderBy(asc(ledgerAccounts.kind), asc(ledgerAccounts.code));
      return rows.map((r) => ({ account: r.account, balanceCents: Number(r.balance) }));
    },
    async caseReference(caseId: string, tx: Executor = db): Promise<string | undefined> {
      const [r] = await tx.select({ ref: cases.reference }).from(cases).where(eq(cases.id, caseId));
      return r?.ref;
    },
  };
}
export type FundsRepo = ReturnType<typeof createFundsRepo>;
