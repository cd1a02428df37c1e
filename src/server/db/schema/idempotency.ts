import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dataKeys } from './security.js';

/**
 * Idempotency keys of staff writes (`Idempotency-Key`, DESIGN §9): written in the same transaction as
 * the change, so a retried request — the field outbox's replay after a lost answer — is answered with
 * the first answer instead of being done twice. The answer is encrypted under the row's own data key
 * (it may carry a case's details); rows and their keys are deleted after 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: uuid('key').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    /** SHA-256 of method, route, parameters and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    dataKeyId: uuid('data_key_id').references(() => dataKeys.id, { onDelete: 'set null' }),
    responseEnc: text('response_enc'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
