import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Rules as data (DESIGN §8): one row per version of a kind of rule (priority matrix, SLA clocks,
 * segregation of duties, vocabularies, escalation routing). Append-only; the current rule is the
 * latest version, version 0 being the shipped default (never stored). Bodies are checked by the
 * kind's Zod contract (src/shared/contracts/rules.ts) on the way in and out.
 */
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason').notNull(),
  },
  (t) => [
    uniqueIndex('rule_sets_kind_version_idx').on(t.kind, t.version),
    index('rule_sets_kind_idx').on(t.kind),
  ],
);
export type RuleSetRow = typeof ruleSets.$inferSelect;
