import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { afterActionReviews } from './response.js';
import { statements } from './statements.js';
import { users } from './users.js';

/**
 * The lessons register (DESIGN §2.6, "Learning and reflection"): what an after-action review taught,
 * who owns acting on it, by when, and which guideline, setting or rule it changed (with the audit entry
 * of that change). A lesson is organisational text: the review's own free text stays sealed on the case.
 */
export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    reviewId: uuid('review_id').references(() => afterActionReviews.id, { onDelete: 'set null' }),
    lesson: text('lesson').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** `open → in_progress → done`, or `dropped`. */
    status: text('status').notNull().default('open'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** What it changed: `rule_set`, `setting`, `escalation_policy` or `guideline`. */
    changeKind: text('change_kind'),
    /** Which one: a rule kind and version (`sla v4`), a policy name, a guideline's title. */
    changeRef: text('change_ref'),
    /** The audit entry (its sequence number) of that change, checked to exist when linked. */
    changeAuditSeq: bigint('change_audit_seq', { mode: 'number' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('lessons_status_due_idx').on(t.status, t.dueAt), index('lessons_owner_idx').on(t.ownerId)],
);

/**
 * A review promised when a P1 or breached case was closed without one: due at a time, with a reminder
 * (an alert) when that time comes and the review is still missing.
 */
export const reviewSchedules = pgTable(
  'review_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    scheduledBy: uuid('scheduled_by').references(() => users.id),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('review_schedules_case_idx').on(t.caseId),
    index('review_schedules_due_idx').on(t.dueAt),
  ],
);

/**
 * An urgent appeal's dispatch (DESIGN §2.6): how, when and to whom it was sent, when a response is due,
 * and the response (the institutional response codes). From a case, the response is also written to the
 * case's institutional response log (`institutionalResponseId`), so the failure report counts it.
 */
export const appealDispatches = pgTable(
  'appeal_dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    sentVia: text('sent_via').notNull(),
    sentTo: text('sent_to').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }).notNull(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    response: text('response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    responseRecordedBy: uuid('response_recorded_by').references(() => users.id),
    institutionalResponseId: uuid('institutional_response_id'),
  },
  (t) => [
    uniqueIndex('appeal_dispatches_statement_idx').on(t.statementId),
    index('appeal_dispatches_due_idx').on(t.responseDueAt),
  ],
);
