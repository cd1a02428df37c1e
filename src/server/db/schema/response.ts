import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, persons } from './cases.js';
import { users } from './users.js';

/** Actions typed by role (DESIGN §2.3): legal, research, communications, finance, protection, medical. */
export const caseActions = pgTable(
  'case_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    type: text('type').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    deadline: timestamp('deadline', { withTimezone: true }),
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    /** Non-identifying structured fields: court, case number, hearing dates. */
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    notesEnc: text('notes_enc'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_actions_case_idx').on(t.caseId),
    index('case_actions_owner_idx').on(t.ownerUserId, t.status),
  ],
);

/** An arrest and its constitutional 24-hour clock (Art. 49(1)(f)). */
export const arrests = pgTable(
  'arrests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    arrestedAt: timestamp('arrested_at', { withTimezone: true }).notNull(),
    policeStation: text('police_station').notNull(),
    obNumber: text('ob_number'),
    producedInCourtAt: timestamp('produced_in_court_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** Not found where the police said she was held (the lawyers went to the station): since when. */
    missingSince: timestamp('missing_since', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('arrests_case_idx').on(t.caseId)],
);

/** Every interaction with police and state agencies, and how they responded. */
export const institutionalResponses = pgTable(
  'institutional_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    agency: text('agency').notNull(),
    station: text('station'),
    officerEnc: text('officer_enc'),
    request: text('request').notNull(),
    response: text('response').notNull(),
    obNumber: text('ob_number'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    notesEnc: text('notes_enc'),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('institutional_responses_case_idx').on(t.caseId),
    index('institutional_responses_agency_idx').on(t.agency),
  ],
);

/**
 * A clock on a case (SLA or domain): due at a time, met or breached. Each is a job on the durable queue;
 * `fence` is bumped whenever the clock is re-armed or stopped, so a stale job finds a different fence
 * and does nothing.
 */
export const caseClocks = pgTable(
  'case_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    metAt: timestamp('met_at', { withTimezone: true }),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    breached: boolean('breached').notNull().default(false),
    fence: integer('fence').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('case_clocks_case_idx').on(t.caseId, t.kind),
    index('case_clocks_due_idx').on(t.dueAt),
    /** Dashboards: a clock is never created before its case is received, so a period bounds its clocks.
     *  Covering (INCLUDE case_id, kind, breached, met_at, due_at) in migration 0020, hand-written. */
    index('case_clocks_created_idx').on(t.createdAt),
  ],
);

export const victimFeedback = pgTable('victim_feedback', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  channel: text('channel').notNull(),
  satisfaction: integer('satisfaction').notNull(),
  confidentialityRespected: boolean('confidentiality_respected'),
  decidedNextSteps: boolean('decided_next_steps'),
  unmetNeedsEnc: text('unmet_needs_enc'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by'),
});

export const caseImpacts = pgTable('case_impacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  scope: text('scope').notNull(),
  code: text('code').notNull(),
  noteEnc: text('note_enc'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by'),
});

export const afterActionReviews = pgTable('after_action_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  whatWorkedEnc: text('what_worked_enc').notNull(),
  challengesEnc: text('challenges_enc').notNull(),
  lessonsEnc: text('lessons_enc').notNull(),
  reviewedBy: uuid('reviewed_by'),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

/** Organisation settings (SLA clocks, segregation of duties …) as validated JSON per key. */
export const orgSettings = pgTable('org_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
