import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';

/**
 * Staff tags on a case ("kayole-night", "teargas"): short labels for grouping and searching the queue
 * in a surge (DESIGN §2.7). A tag is a lower-case word written by staff, never a person's detail.
 */
export const caseTags = pgTable(
  'case_tags',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.tag] }), index('case_tags_tag_idx').on(t.tag)],
);
