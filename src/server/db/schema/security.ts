import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Append-only, hash-chained audit log. `hash` = SHA-256 over the previous row's hash and this row's
 * canonical content; triggers refuse UPDATE and DELETE. Never holds plaintext personal data: only ids,
 * actions and non-identifying metadata.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    meta: jsonb('meta')
      .notNull()
      .default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_actor_idx').on(t.actorId)],
);

/**
 * Key-encryption key generations, by id only (the keys themselves are in the key state file, never in
 * the database — ADR 0007). A shred sets `retiredAt` before it destroys a KEK; a trigger (migration
 * 0008) refuses data keys wrapped under a retired generation and holds the generation's row FOR SHARE
 * while a data key is written, so retiring waits for writers already under way.
 */
export const kekGenerations = pgTable('kek_generations', {
  id: text('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/**
 * Per-case (or per-person) data keys, each wrapped by a key-encryption key (`kekId`; before ADR 0007 by
 * a master key, `masterKeyId`). A shred destroys the row's key material and the KEK it was wrapped under,
 * which crypto-shreds everything encrypted under it.
 */
export const dataKeys = pgTable('data_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  scope: text('scope').notNull(),
  kekId: text('kek_id').references(() => kekGenerations.id),
  masterKeyId: text('master_key_id'),
  wrappedKey: text('wrapped_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
  destroyReason: text('destroy_reason'),
});

/** TOTP second factor and recovery codes; the secret is encrypted under the user's data key. */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  dataKeyId: uuid('data_key_id')
    .notNull()
    .references(() => dataKeys.id),
  totpSecretEnc: text('totp_secret_enc').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  failedCodes: integer('failed_codes').notNull().default(0),
  /** SHA-256 hashes of unused recovery codes. */
  recoveryCodeHashes: text('recovery_code_hashes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const webauthnCredentials = pgTable('webauthn_credentials', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  publicKey: text('public_key').notNull(),
  counter: bigint('counter', { mode: 'number' }).notNull().default(0),
  transports: text('transports').array(),
  label: text('label'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/**
 * A password that checked out but no second factor yet: a short-lived challenge, never a session.
 * Only the SHA-256 of the challenge token is stored.
 */
export const loginChallenges = pgTable('login_challenges', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  webauthnChallenge: text('webauthn_challenge'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Failed sign-ins, counted per key: `pair:` HMAC of (email, address) for the growing delay, `account:`
 * the user id for the burst alert. Shared by every instance; no email or address in clear.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }).notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  alertedAt: timestamp('alerted_at', { withTimezone: true }),
});

/** Kenya Data Protection Act 2019: consent given by (or for) a person, and its withdrawal. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    caseId: uuid('case_id'),
    /** Before issue 12 the purpose was kept in clear; new rows keep it encrypted only (`purposeEnc`). */
    purpose: text('purpose'),
    /** The purpose, free text, encrypted under the case's data key (AAD `consents.purpose:<id>`). */
    purposeEnc: text('purpose_enc'),
    dataCategories: text('data_categories').array().notNull(),
    sharedWith: text('shared_with').array().notNull(),
    method: text('method').notNull(),
    recordedBy: uuid('recorded_by'),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('consents_person_idx').on(t.personId)],
);

/** Breach register: the 72-hour duty to notify the ODPC runs from `discoveredAt`. */
export const breaches = pgTable('breaches', {
  id: uuid('id').primaryKey().defaultRandom(),
  summary: text('summary').notNull(),
  dataCategories: text('data_categories').array().notNull(),
  affectedCount: integer('affected_count'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }),
  discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
  notifiedOdpcAt: timestamp('notified_odpc_at', { withTimezone: true }),
  notifiedSubjectsAt: timestamp('notified_subjects_at', { withTimezone: true }),
  measures: text('measures'),
  /** The last deadline warning sent (hours left: 48, then 12); null before the first. */
  warnedAtHoursLeft: integer('warned_at_hours_left'),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Sequence source for audit seq, kept separate so the chain order is explicit. */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_head_singleton').on(t.id)],
);
