import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Two-person rule: one person asks (lowering a case's sensitivity, a data-subject export), a different
 * person approves or refuses. Ids and codes only: a reason in words is a case timeline note, encrypted
 * under the case key. An approved export request is spent by the one export it allows (`used`).
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'case_sensitivity' | 'person_export' */
    kind: text('kind').notNull(),
    /** The case (sensitivity) or the person (export). */
    subjectId: uuid('subject_id').notNull(),
    /** Codes only, e.g. { from: 'sensitive', to: 'normal' } or { basis: 'subject_access_request' }. */
    payload: jsonb('payload').notNull(),
    /** 'pending' | 'approved' | 'refused' | 'used' */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('approval_requests_subject_idx').on(t.kind, t.subjectId, t.status),
    // The database itself refuses one person deciding their own request.
    check('approval_requests_two_people', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`),
  ],
);
export type ApprovalRequestRow = typeof approvalRequests.$inferSelect;
