import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';

/**
 * Emergency funds (DESIGN §2.3): requests on a case, their approvals and payment attempts, and a
 * double-entry ledger. The ledger is append-only and every entry balances — both enforced in SQL by the
 * hand-written block of the funds migration (a deferred constraint trigger and update/delete triggers).
 * Ledger rows carry no foreign key to cases: the books outlive a case deleted under retention rules.
 */
export const fundRequests = pgTable(
  'fund_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
    /** bail | bond | medical | transport | relocation | rent | burial */
    purpose: text('purpose').notNull(),
    /** mpesa | bank | cash */
    method: text('method').notNull(),
    /** requested | approved | paying | paid | failed | cancelled */
    status: text('status').notNull().default('requested'),
    beneficiaryNameEnc: text('beneficiary_name_enc').notNull(),
    beneficiaryPhoneEnc: text('beneficiary_phone_enc'),
    fundAccountId: uuid('fund_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    requiredApprovals: integer('required_approvals').notNull(),
    notifyBeneficiary: boolean('notify_beneficiary').notNull().default(false),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** A code and the gateway's short description; never personal data. */
    failureReason: text('failure_reason'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('fund_requests_case_idx').on(t.caseId),
    index('fund_requests_status_idx').on(t.status),
    check('fund_requests_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

/** One row per approver; the database refuses a second approval by the same person. */
export const fundApprovals = pgTable(
  'fund_approvals',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => fundRequests.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] })],
);

/**
 * One attempt to pay a request by M-Pesa B2C. The OriginatorConversationID is derived from the request
 * id and the attempt number, unique: the same attempt can never be sent as two payments.
 */
export const fundPayments = pgTable(
  'fund_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => fundRequests.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    originatorConversationId: text('originator_conversation_id').notNull(),
    conversationId: text('conversation_id'),
    /** submitting | submitted | completed | failed */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    resultAt: timestamp('result_at', { withTimezone: true }),
    resultCode: text('result_code'),
    resultDesc: text('result_desc'),
    transactionId: text('transaction_id'),
    lastQueryAt: timestamp('last_query_at', { withTimezone: true }),
    queryCount: integer('query_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('fund_payments_ocid_uq').on(t.originatorConversationId),
    uniqueIndex('fund_payments_attempt_uq').on(t.requestId, t.attempt),
    index('fund_payments_status_idx').on(t.status),
  ],
);

/** Ledger accounts: funds (grants), floats (M-Pesa, bank, cash), per-case expense, grant income. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    /** fund | float | case_expense | income */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    caseId: uuid('case_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ledger_accounts_code_uq').on(t.code)],
);

/** A journal entry: its lines balance (SQL-enforced); never edited — corrected by a reversal. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** disbursement | receipt | reversal */
    kind: text('kind').notNull(),
    requestId: uuid('request_id'),
    caseId: uuid('case_id'),
    /** M-Pesa transaction code, bank reference or receipt number. */
    reference: text('reference'),
    reversesEntryId: uuid('reverses_entry_id'),
    reason: text('reason'),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('journal_entries_at_idx').on(t.at),
    index('journal_entries_case_idx').on(t.caseId),
    // A request is paid once in the books; an entry is reversed once.
    uniqueIndex('journal_entries_disbursement_uq')
      .on(t.requestId)
      .where(sql`${t.kind} = 'disbursement'`),
    uniqueIndex('journal_entries_reverses_uq').on(t.reversesEntryId),
  ],
);

/** Debits positive, credits negative; the lines of one entry sum to zero. */
export const journalLines = pgTable(
  'journal_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('journal_lines_entry_idx').on(t.entryId),
    index('journal_lines_account_idx').on(t.accountId),
    check('journal_lines_nonzero', sql`${t.amountCents} <> 0`),
  ],
);

export type FundRequestRow = typeof fundRequests.$inferSelect;
export type FundPaymentRow = typeof fundPayments.$inferSelect;
export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type JournalEntryRow = typeof journalEntries.$inferSelect;
