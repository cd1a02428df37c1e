import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { dataKeys } from './security.js';
import { users } from './users.js';

/**
 * Referrals (DESIGN §2.3): a directory of service providers, the partner users who act for a provider,
 * and referrals from a case to a provider. A referral copies only the fields its need requires, sealed
 * under the referral's own data key: withdrawing consent shreds that key, and with it the shared data.
 */
export const referralProviders = pgTable(
  'referral_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** safe_house | hospital | counsellor | rehabilitation | pro_bono_lawyer | humanitarian_agency | … */
    type: text('type').notNull(),
    services: text('services').array().notNull(),
    counties: text('counties').array().notNull(),
    languages: text('languages').array().notNull(),
    /** Free places (beds, appointments); null when not counted. */
    capacity: integer('capacity'),
    hours: text('hours'),
    /** Sealed JSON of the provider's contacts (phone, email, address) under dataKeyId. */
    contactsEnc: text('contacts_enc'),
    /** Blind index of the provider's SMS phone: `YES R12` from it answers its referrals. */
    phoneBidx: text('phone_bidx'),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('referral_providers_phone_idx').on(t.phoneBidx)],
);

/** Partner users belong to a provider: they see that provider's referrals and nothing else. */
export const referralProviderMembers = pgTable(
  'referral_provider_members',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => referralProviders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.userId] }), index('referral_members_user_idx').on(t.userId)],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The short number partners answer with by SMS: `YES R12`. */
    number: serial('number').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => referralProviders.id),
    /** safe_house_placement | counselling | medical | legal_aid */
    need: text('need').notNull(),
    /** sent | accepted | declined | completed | withdrawn */
    status: text('status').notNull().default('sent'),
    /** The shared fields (JSON), sealed under this referral's own data key; null once withdrawn. */
    fieldsEnc: text('fields_enc'),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => dataKeys.id),
    consentPurpose: text('consent_purpose').notNull(),
    /** The field names shared, as told to the survivor. */
    consentFields: text('consent_fields').array().notNull(),
    /** in_person | sms_confirmation | guardian */
    consentMethod: text('consent_method').notNull(),
    consentRecordedBy: uuid('consent_recorded_by')
      .notNull()
      .references(() => users.id),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }).notNull(),
    declineReason: text('decline_reason'),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The provider must answer (accept or decline) by then: the response clock's due time. */
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    /** The survivor's answer at completion or follow-up: was she satisfied with the service? */
    satisfied: boolean('satisfied'),
    satisfactionAt: timestamp('satisfaction_at', { withTimezone: true }),
    satisfactionBy: uuid('satisfaction_by').references(() => users.id),
  },
  (t) => [index('referrals_case_idx').on(t.caseId), index('referrals_provider_idx').on(t.providerId)],
);

export type ReferralProviderRow = typeof referralProviders.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
