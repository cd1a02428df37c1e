import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * An event (HURIDOCS Events Standard Formats): what happened, where, when — one protest crackdown, one
 * eviction — grouping many cases and many victims (DESIGN §2.5, §2.7). The title is a staff-written
 * label that must not identify anyone; the description and the exact place are encrypted under the
 * event's own data key. Administrative areas stay in clear for grouping and anonymised statistics.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    title: text('title').notNull(),
    status: text('status').notNull().default('open'),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    descriptionEnc: text('description_enc'),
    placeEnc: text('place_enc'),
    county: text('county'),
    subCounty: text('sub_county'),
    ward: text('ward'),
    violationTypes: text('violation_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** ESF date with precision: `exact`, `day`, `month` or `year`. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    startedPrecision: text('started_precision'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedPrecision: text('ended_precision'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_status_started_idx').on(t.status, t.startedAt)],
);

/** Which cases belong to which event (a case may refer to more than one). */
export const eventCases = pgTable(
  'event_cases',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    attachedBy: uuid('attached_by').references(() => users.id),
    attachedAt: timestamp('attached_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.caseId] }), index('event_cases_case_idx').on(t.caseId)],
);

export type EventRow = typeof events.$inferSelect;
