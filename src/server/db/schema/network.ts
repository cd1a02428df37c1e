import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';

/**
 * Responders (DESIGN §3): staff with an account or community members reached only by SMS. Name, phone,
 * exact last location and emergency contacts are encrypted under the responder's own data key; the phone
 * has a blind index so replies can be matched. Areas of operation stay in clear like a case's county,
 * sub-county and ward, so dispatch can rank by them.
 */
export const responders = pgTable(
  'responders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    dataKeyId: uuid('data_key_id').notNull(),
    nameEnc: text('name_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneBidx: text('phone_bidx').notNull(),
    locale: text('locale').notNull().default('sw'),
    /** [{ county, subCounty?, ward? }] */
    areas: jsonb('areas')
      .notNull()
      .default(sql`'[]'::jsonb`),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    available: boolean('available').notNull().default(true),
    /** Hours of availability in East Africa Time, "HH:MM"; both null = any time. */
    availableFrom: text('available_from'),
    availableTo: text('available_to'),
    homeCentre: text('home_centre'),
    caseloadLimit: integer('caseload_limit').notNull().default(2),
    emergencyContactsEnc: text('emergency_contacts_enc'),
    lastLocationEnc: text('last_location_enc'),
    lastLocationAt: timestamp('last_location_at', { withTimezone: true }),
    /** argon2id hashes: the PIN that cancels a false SOS, and the duress PIN that only seems to. */
    cancelPinHash: text('cancel_pin_hash'),
    duressPinHash: text('duress_pin_hash'),
    active: boolean('active').notNull().default(true),
    wellbeingPromptedAt: timestamp('wellbeing_prompted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('responders_phone_bidx').on(t.phoneBidx),
    uniqueIndex('responders_user_idx').on(t.userId),
  ],
);

/**
 * A call for responders on a case. `number` is what the SMS says ("Reply YES 123"); `level` is how wide
 * the search has gone (3 ward, 2 sub-county, 1 county, 0 anywhere); `fence` makes a stale reply-deadline
 * job a no-op once the dispatch was filled or widened.
 */
export const dispatches = pgTable(
  'dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: serial('number').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    missionType: text('mission_type').notNull(),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    needed: integer('needed').notNull().default(1),
    batchSize: integer('batch_size').notNull().default(3),
    checkInMinutes: integer('check_in_minutes').notNull(),
    replyMinutes: integer('reply_minutes').notNull(),
    /** Places said in the SMS (ward or sub-county name): never the exact address. */
    area: jsonb('area')
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('open'),
    level: integer('level').notNull().default(3),
    fence: integer('fence').notNull().default(1),
    replyDueAt: timestamp('reply_due_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    filledAt: timestamp('filled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('dispatches_number_idx').on(t.number), index('dispatches_case_idx').on(t.caseId)],
);

export const dispatchOffers = pgTable(
  'dispatch_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => dispatches.id, { onDelete: 'cascade' }),
    responderId: uuid('responder_id')
      .notNull()
      .references(() => responders.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    /** offered | accepted | declined | not_needed */
    status: text('status').notNull().default('offered'),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('dispatch_offers_once').on(t.dispatchId, t.responderId)],
);

/** A responder on the ground for a case, with a check-in clock (`case_clocks` kind mission_check_in). */
export const missions = pgTable(
  'missions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    dispatchId: uuid('dispatch_id').references(() => dispatches.id, { onDelete: 'set null' }),
    /** The dispatch number the responder uses in `OK 123` / `DONE 123`. */
    number: integer('number').notNull(),
    responderId: uuid('responder_id')
      .notNull()
      .references(() => responders.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** active | done | aborted */
    status: text('status').notNull().default('active'),
    checkInMinutes: integer('check_in_minutes').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastCheckInAt: timestamp('last_check_in_at', { withTimezone: true }),
    nextCheckInDue: timestamp('next_check_in_due', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** What the responder was exposed to (death, sexual_violence): wellbeing counts, never analytics. */
    exposures: text('exposures')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index('missions_responder_idx').on(t.responderId, t.status),
    index('missions_case_idx').on(t.caseId),
    uniqueIndex('missions_number_responder').on(t.number, t.responderId),
  ],
);

/** Wellbeing answers ("how are you, 1–5") and debriefs; the note is encrypted under the responder's key. */
export const wellbeingChecks = pgTable(
  'wellbeing_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responderId: uuid('responder_id')
      .notNull()
      .references(() => responders.id, { onDelete: 'cascade' }),
    missionId: uuid('mission_id').references(() => missions.id, { onDelete: 'set null' }),
    score: integer('score').notNull(),
    noteEnc: text('note_enc'),
    /** sms | console */
    source: text('source').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wellbeing_responder_idx').on(t.responderId, t.at)],
);

/** A defender's SOS: one open alarm per person, so repeated SOS join it. */
export const sosAlarms = pgTable(
  'sos_alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responderId: uuid('responder_id').references(() => responders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** active | cancelled | duress (looks cancelled to the sender; keeps escalating) */
    status: text('status').notNull().default('active'),
    channel: text('channel').notNull(),
    triggerCount: integer('trigger_count').notNull().default(1),
    wrongPins: integer('wrong_pins').notNull().default(0),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('sos_alarms_responder_idx').on(t.responderId, t.status),
    index('sos_alarms_user_idx').on(t.userId, t.status),
  ],
);
