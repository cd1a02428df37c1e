import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, testimonies } from './cases.js';
import { events } from './events.js';
import { evidenceItems } from './evidence.js';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * Fact-finding missions: the research role's site visits (issue #16). A mission gathers the cases it
 * visited, the testimonies and evidence it took, and its findings (sealed under the mission's own data
 * key, AAD from security/aad.ts). Links are by id; need-to-know on each linked row stays its case's.
 */
export const factFindingMissions = pgTable('fact_finding_missions', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  purpose: text('purpose').notNull(),
  county: text('county').notNull(),
  ward: text('ward'),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
  /** `planned`, `in_field`, `reporting` or `closed`. */
  status: text('status').notNull().default('planned'),
  dataKeyId: uuid('data_key_id')
    .notNull()
    .references(() => dataKeys.id),
  findingsEnc: text('findings_enc'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The mission's team (staff user ids). */
export const factFindingTeam = pgTable(
  'fact_finding_team',
  {
    missionId: uuid('mission_id')
      .notNull()
      .references(() => factFindingMissions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.userId] })],
);

/** A case, testimony or evidence item the mission visited or gathered (exactly one id is set). */
export const factFindingLinks = pgTable(
  'fact_finding_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => factFindingMissions.id, { onDelete: 'cascade' }),
    /** `case`, `testimony` or `evidence`. */
    kind: text('kind').notNull(),
    /** The case the linked row belongs to (need-to-know is checked on it at every read). */
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    testimonyId: uuid('testimony_id').references(() => testimonies.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id, { onDelete: 'cascade' }),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fact_finding_links_mission_idx').on(t.missionId)],
);

export type FactFindingMissionRow = typeof factFindingMissions.$inferSelect;
export type FactFindingLinkRow = typeof factFindingLinks.$inferSelect;
