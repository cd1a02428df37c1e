import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, persons } from './cases.js';
import { events } from './events.js';
import { arrests } from './response.js';
import { users } from './users.js';

/**
 * Documentation in the shape of the HURIDOCS Events Standard Formats (DESIGN §2.5), as OpenEvSys keeps
 * it: one table per format, acts with 1:1 subtype tables. Every record belongs to an event and to the
 * case it was documented on (need-to-know is the case's); free text that could identify anyone is
 * sealed under the case's data key (AAD from security/aad.ts). Codes come from shared/esf.ts.
 */

/** An act: one victim (a person), one type of act, when (with precision), where, and what followed. */
export const acts = pgTable(
  'acts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    victimPersonId: uuid('victim_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    actType: text('act_type').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    startedPrecision: text('started_precision'),
    county: text('county'),
    placeEnc: text('place_enc'),
    consequencesEnc: text('consequences_enc'),
    victimStatus: text('victim_status').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('acts_case_idx').on(t.caseId), index('acts_event_idx').on(t.eventId)],
);

/** Arrest detail: the arrest row whose 24-hour clock the response module runs. */
export const actArrests = pgTable('act_arrests', {
  actId: uuid('act_id')
    .primaryKey()
    .references(() => acts.id, { onDelete: 'cascade' }),
  arrestId: uuid('arrest_id').references(() => arrests.id, { onDelete: 'set null' }),
});

/** Killing detail: autopsy and death certificate. */
export const actKillings = pgTable('act_killings', {
  actId: uuid('act_id')
    .primaryKey()
    .references(() => acts.id, { onDelete: 'cascade' }),
  autopsyPerformed: boolean('autopsy_performed').notNull().default(false),
  autopsyAt: timestamp('autopsy_at', { withTimezone: true }),
  pathologistEnc: text('pathologist_enc'),
  autopsyFindingsEnc: text('autopsy_findings_enc'),
  causeOfDeath: text('cause_of_death'),
  deathCertificateNo: text('death_certificate_no'),
});

/** Torture detail: the medical examination per the Istanbul Protocol. */
export const actTortures = pgTable('act_tortures', {
  actId: uuid('act_id')
    .primaryKey()
    .references(() => acts.id, { onDelete: 'cascade' }),
  examinerEnc: text('examiner_enc'),
  examinedAt: timestamp('examined_at', { withTimezone: true }),
  findingsEnc: text('findings_enc'),
  consistency: text('consistency'),
});

/** Sexual violence detail: the P3 and PRC forms and when the survivor was examined. */
export const actSexualViolence = pgTable('act_sexual_violence', {
  actId: uuid('act_id')
    .primaryKey()
    .references(() => acts.id, { onDelete: 'cascade' }),
  p3FormRef: text('p3_form_ref'),
  prcFormRef: text('prc_form_ref'),
  examinedAt: timestamp('examined_at', { withTimezone: true }),
});

/** Forced eviction detail: what was lost. */
export const actEvictions = pgTable('act_evictions', {
  actId: uuid('act_id')
    .primaryKey()
    .references(() => acts.id, { onDelete: 'cascade' }),
  households: integer('households'),
  propertyLostEnc: text('property_lost_enc'),
});

/** Involvement: act → perpetrator (a person, group or institution), degree, perpetrator type. */
export const involvements = pgTable(
  'involvements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    perpetratorPersonId: uuid('perpetrator_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    degree: text('degree').notNull(),
    perpetratorType: text('perpetrator_type').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('involvements_act_idx').on(t.actId), index('involvements_case_idx').on(t.caseId)],
);

/** Information: a source (a person) → an event, how reliable, what material, how confidential. */
export const eventInformation = pgTable(
  'event_information',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    sourcePersonId: uuid('source_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    reliability: text('reliability').notNull(),
    materialType: text('material_type').notNull(),
    confidentiality: text('confidentiality').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    remarksEnc: text('remarks_enc'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('event_information_case_idx').on(t.caseId)],
);

/**
 * Manual interventions (ESF "Intervention"): the case's own actions and institutional responses are
 * interventions too, derived at read time from the response module's rows, never copied here.
 */
export const interventions = pgTable(
  'interventions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    interventionType: text('intervention_type').notNull(),
    byParty: text('by_party').notNull(),
    toParty: text('to_party'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    response: text('response'),
    impactEnc: text('impact_enc'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('interventions_case_idx').on(t.caseId)],
);

export type ActRow = typeof acts.$inferSelect;
export type InvolvementRow = typeof involvements.$inferSelect;
export type InformationRow = typeof eventInformation.$inferSelect;
export type InterventionRow = typeof interventions.$inferSelect;
