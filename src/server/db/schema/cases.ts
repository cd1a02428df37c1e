import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * A case. Columns ending in `_enc` are AES-256-GCM ciphertext under the case's data key; `_bidx` are
 * HMAC blind indexes for exact matching. Administrative areas (county, sub-county, ward) stay in clear
 * for routing, duplicates and anonymised statistics; exact places are encrypted.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    status: text('status').notNull(),
    priority: text('priority'),
    sensitivity: text('sensitivity').notNull().default('normal'),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    channel: text('channel').notNull(),
    violationTypes: text('violation_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    county: text('county'),
    subCounty: text('sub_county'),
    ward: text('ward'),
    placeEnc: text('place_enc'),
    inDangerNow: boolean('in_danger_now').notNull().default(false),
    incidentAt: timestamp('incident_at', { withTimezone: true }),
    incidentPrecision: text('incident_precision'),
    narrativeEnc: text('narrative_enc'),
    reporterContactEnc: text('reporter_contact_enc'),
    reporterPhoneBidx: text('reporter_phone_bidx'),
    reporterLocale: text('reporter_locale').notNull().default('en'),
    /**
     * Blind index (HMAC) of the reference with the reporter's secret suffix (`UA-2026-00123-K7PX`): the
     * public status check needs both. Null for cases made before suffixes existed: not findable publicly.
     */
    statusCheck: text('status_check'),
    anonymous: boolean('anonymous').notNull().default(false),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    leadUserId: uuid('lead_user_id').references(() => users.id),
    duplicateOf: uuid('duplicate_of'),
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    detailsEnc: text('details_enc'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    firstActionAt: timestamp('first_action_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    retainUntil: timestamp('retain_until', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_status_priority_idx').on(t.status, t.priority, t.receivedAt),
    index('cases_phone_bidx_idx').on(t.reporterPhoneBidx),
    index('cases_ward_day_idx').on(t.ward, t.receivedAt),
    /** Dashboards, reports and the tracker filter by period, and by county within a period. Covering
     *  (INCLUDE the columns the dashboards count) in migration 0020, hand-written. */
    index('cases_received_idx').on(t.receivedAt),
    index('cases_county_received_idx').on(t.county, t.receivedAt),
  ],
);

/** Per-year counters for references like UA-2026-00123; incremented with UPDATE … RETURNING. */
export const referenceCounters = pgTable('reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * Public form tokens already used (single use): the token's SHA-256 and the case it made, so a replay
 * answers with the same reference instead of creating a second case. Rows older than the token's
 * lifetime (2 h) serve no purpose.
 */
export const formTokenUses = pgTable('form_token_uses', {
  tokenHash: text('token_hash').primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
});

/** Need-to-know: who is on a case's team. */
export const caseMembers = pgTable(
  'case_members',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleInCase: text('role_in_case').notNull().default('member'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_members_user_idx').on(t.userId)],
);

/** The case timeline: every transition and step, with actor and time. Free text is encrypted. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    noteEnc: text('note_enc'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** One table for victims, witnesses, reporters, defenders and perpetrators (HURIDOCS); role comes from links. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    kind: text('kind').notNull().default('individual'),
    nameEnc: text('name_enc'),
    phoneEnc: text('phone_enc'),
    phoneBidx: text('phone_bidx'),
    detailsEnc: text('details_enc'),
    sex: text('sex'),
    ageGroup: text('age_group'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retainUntil: timestamp('retain_until', { withTimezone: true }),
  },
  (t) => [index('persons_phone_bidx_idx').on(t.phoneBidx)],
);

export const casePersons = pgTable(
  'case_persons',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.personId, t.role] }),
    index('case_persons_person_idx').on(t.personId),
  ],
);

/**
 * One person across reports: each intake makes a new person row, so two rows with the same phone blind
 * index are *proposed* as the same person, and a staff member confirms (or rejects) the link. The pair
 * is stored with the smaller id first. The data-subject export follows confirmed links only.
 */
export const personLinks = pgTable(
  'person_links',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    otherPersonId: uuid('other_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.otherPersonId] }),
    index('person_links_other_idx').on(t.otherPersonId),
  ],
);

/** Testimonies and statements, encrypted under the case key. */
export const testimonies = pgTable('testimonies', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  /** The statement (or, for a recording, a summary); null when the recording stands alone. */
  textEnc: text('text_enc'),
  /** Who took it (staff). */
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  /** `text`, `audio` or `video`; a recording is an evidence item of the same case (FK in the evidence migration). */
  medium: text('medium').notNull().default('text'),
  evidenceId: uuid('evidence_id'),
  /** BCP-47-ish code of the language it was given in (`sw`, `en`, `luo` …). */
  language: text('language'),
  /** Consent to use: `internal`, `court` or `public_redacted`. */
  consent: text('consent').notNull().default('internal'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CaseRow = typeof cases.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
