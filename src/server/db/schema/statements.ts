import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { events } from './events.js';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * A public statement (DESIGN §2.6): drafted from a case or an event by communications, checked for
 * identifying details, approved by someone else, published, maybe withdrawn (a tombstone stays).
 * Title and body are meant for the public, so they are in clear; what the check found is not.
 */
export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    caseId: uuid('case_id').references(() => cases.id),
    eventId: uuid('event_id').references(() => events.id),
    /** `statement` (public) or `appeal` (an urgent appeal to a mechanism: never public, sent instead). */
    kind: text('kind').notNull().default('statement'),
    /** An appeal's recipient mechanism (see shared/contracts/appeals.ts). */
    mechanism: text('mechanism'),
    /** `draft → approved → published → withdrawn`; an edit sends an approved statement back to draft. */
    status: text('status').notNull().default('draft'),
    titleEn: text('title_en').notNull(),
    titleSw: text('title_sw').notNull(),
    bodyEn: text('body_en').notNull(),
    bodySw: text('body_sw').notNull(),
    /** Seals the reasons given for accepted check hits. */
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    version: integer('version').notNull().default(1),
    /** The version the identifying-details check last ran on (approval needs it to be current). */
    checkedVersion: integer('checked_version'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('statements_status_idx').on(t.status, t.publishedAt)],
);

/**
 * One finding of the identifying-details check: where (field, offset, length) and what kind — never
 * the matched value. `valueBidx` (a keyed blind index) only lets an accepted finding survive a re-check.
 */
export const statementHits = pgTable(
  'statement_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    offset: integer('offset').notNull(),
    length: integer('length').notNull(),
    kind: text('kind').notNull(),
    valueBidx: text('value_bidx').notNull(),
    /** `open` or `accepted` (removed findings disappear on the next check). */
    status: text('status').notNull().default('open'),
    reasonEnc: text('reason_enc'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('statement_hits_statement_idx').on(t.statementId)],
);

export type StatementRow = typeof statements.$inferSelect;
export type StatementHitRow = typeof statementHits.$inferSelect;
