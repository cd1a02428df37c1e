import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * An invitation to join: a one-time link (only the SHA-256 of its token is stored), expiring, spent once
 * when the invitee sets a password (then enrols a second factor as on any first sign-in).
 */
export const userInvites = pgTable(
  'user_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().notNull(),
    locale: text('locale').notNull().default('en'),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when spent (accepted) or revoked; a spent invite never opens again. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('user_invites_email_idx').on(t.email)],
);

/**
 * A staff member's own phone (on-call SMS, "ACK by SMS"): encrypted under the user's data key, a blind
 * index to recognise a sender, trusted only once verified by a code sent to it by SMS (hash stored).
 */
export const userPhones = pgTable(
  'user_phones',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    phoneEnc: text('phone_enc').notNull(),
    phoneBidx: text('phone_bidx').notNull(),
    dataKeyId: uuid('data_key_id').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('user_phones_bidx_idx').on(t.phoneBidx)],
);

export type UserInviteRow = typeof userInvites.$inferSelect;
export type UserPhoneRow = typeof userPhones.$inferSelect;
