import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alerts } from './alerts.js';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * Web Push subscriptions (DESIGN §9, alerts that wake you): one row per browser a staff member allowed.
 * The endpoint is a capability URL and the keys decrypt the payload, so all three are sealed under the
 * row's own data key; the blind index finds a browser that subscribes again. Push goes alongside the
 * notification rules (SMS stays), never instead of them.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpointBidx: text('endpoint_bidx').notNull(),
    dataKeyId: uuid('data_key_id').references(() => dataKeys.id, { onDelete: 'set null' }),
    endpointEnc: text('endpoint_enc').notNull(),
    keysEnc: text('keys_enc').notNull(),
    /** A short, non-identifying label the browser gave ("Chrome on Android"). */
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpointBidx),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

/**
 * One-time tokens that let a notification's "Acknowledge" button acknowledge its alert without the
 * console open: the token travels only inside the end-to-end encrypted push payload; stored hashed,
 * valid for a few hours, single use.
 */
export const pushAckTokens = pgTable(
  'push_ack_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('push_ack_tokens_expires_idx').on(t.expiresAt)],
);
