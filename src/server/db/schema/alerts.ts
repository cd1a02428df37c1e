import { sql } from 'drizzle-orm';
import {
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

/** Ordered escalation steps (DESIGN §2.2); edited by admins, snapshotted onto each alert. */
export const escalationPolicies = pgTable('escalation_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** [{ target: {kind:'rotation'|'users'|'role', id?|userIds?|role?}, waitMinutes }]; repeat below. */
  steps: jsonb('steps').notNull(),
  repeat: integer('repeat').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** On-call rotations: members take turns per period, with overrides. */
export const rotations = pgTable('rotations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  period: text('period').notNull().default('weekly'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  memberIds: uuid('member_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  /** [{ userId, from, to }] */
  overrides: jsonb('overrides')
    .notNull()
    .default(sql`'[]'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-user notification rules: which channel after how many minutes of an unacknowledged alert. */
export const notificationRules = pgTable(
  'notification_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    delayMinutes: integer('delay_minutes').notNull().default(0),
    /** Encrypted contact (phone, email) for this channel, under the user's key; blind index for lookups. */
    contactEnc: text('contact_enc'),
    contactBidx: text('contact_bidx'),
    dataKeyId: uuid('data_key_id'),
  },
  (t) => [index('notification_rules_user_idx').on(t.userId)],
);

/** An alert: raised by a trigger, escalated by its snapshotted policy until acknowledged or resolved. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short sequential number shown in the page SMS ("Reply ACK 123"). */
    number: serial('number').notNull(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** Grouping: repeated triggers with the same key join the open alert. */
    groupKey: text('group_key').notNull(),
    priority: text('priority').notNull().default('P2'),
    status: text('status').notNull().default('triggered'),
    policySnapshot: jsonb('policy_snapshot').notNull(),
    step: integer('step').notNull().default(0),
    round: integer('round').notNull().default(0),
    /** Bumped on every state change; a scheduled step carries the fence it was scheduled with. */
    fence: integer('fence').notNull().default(1),
    triggerCount: integer('trigger_count').notNull().default(1),
    /**
     * Surge grouping (DESIGN §2.7): the group alert this alert belongs to. A member never pages on its
     * own; its group (an alert with no case, `group_key` `area:<reason>:<county>:<ward>`) pages with the
     * count, and acknowledging the group acknowledges its members.
     */
    groupId: uuid('group_id'),
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('alerts_status_idx').on(t.status, t.createdAt),
    index('alerts_group_idx').on(t.groupKey, t.status),
    index('alerts_group_id_idx').on(t.groupId),
    uniqueIndex('alerts_number_idx').on(t.number),
  ],
);

/** Who an alert step notified, and how (the console shows it). */
export const alertNotifications = pgTable(
  'alert_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    step: integer('step').notNull(),
    round: integer('round').notNull(),
    messageId: uuid('message_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('alert_notifications_alert_idx').on(t.alertId),
    uniqueIndex('alert_notifications_once').on(t.alertId, t.userId, t.step, t.round),
  ],
);

/**
 * Every outbound and inbound message (SMS, email, in-app, outbox). Content is encrypted; the idempotency
 * key makes a retried send a no-op; gateway ids make repeated callbacks no-ops.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    idempotencyKey: text('idempotency_key'),
    gatewayId: text('gateway_id'),
    userId: uuid('user_id'),
    caseId: uuid('case_id'),
    /** E.164 / email encrypted under `dataKeyId`; blind index for matching replies. */
    addressEnc: text('address_enc'),
    addressBidx: text('address_bidx'),
    bodyEnc: text('body_enc'),
    dataKeyId: uuid('data_key_id'),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    fallbackOf: uuid('fallback_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('messages_gateway_id').on(t.direction, t.gatewayId),
    index('messages_address_idx').on(t.addressBidx),
    index('messages_created_idx').on(t.createdAt),
  ],
);

/**
 * USSD sessions: where each step's input starts in the gateway's `*`-joined text (so a `*` typed inside
 * a description stays in it), and the one write of a session (anti-replay). No input is stored: only
 * offsets, the text's length and its blind index (to tell a continuation from a different path).
 */
export const ussdSessions = pgTable('ussd_sessions', {
  sessionId: text('session_id').primaryKey(),
  phoneBidx: text('phone_bidx'),
  locale: text('locale'),
  caseId: uuid('case_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Start offset of each step's input in the text last seen. */
  cuts: integer('cuts')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  textLength: integer('text_length').notNull().default(0),
  textMac: text('text_mac'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  /** Set when the session's END was reached with a write; a later fresh start under this id resets it. */
  endedAt: timestamp('ended_at', { withTimezone: true }),
});
