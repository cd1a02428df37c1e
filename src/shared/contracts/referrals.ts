import { z } from 'zod';

/**
 * Referrals (DESIGN §2.3): a directory of service providers and referrals from a case to one of them.
 * Consent comes first (Kenya DPA: purpose, data shared, with whom, the right to withdraw); a referral
 * carries only the fields its need requires, and the partner sees that and nothing else.
 */
const trimmed = (max: number) => z.string().trim().max(max);
const uuid = z.string().uuid();

export const providerTypes = [
  'safe_house',
  'hospital',
  'counsellor',
  'rehabilitation',
  'pro_bono_lawyer',
  'humanitarian_agency',
  'shelter',
  'legal_aid_clinic',
] as const;

export const referralNeeds = ['safe_house_placement', 'counselling', 'medical', 'legal_aid'] as const;
export type ReferralNeed = (typeof referralNeeds)[number];

/** The only fields each need may carry to the provider (data minimisation). */
export const referralFieldsByNeed = {
  safe_house_placement: ['name', 'phone', 'pickUpPoint'],
  counselling: ['firstName', 'language'],
  medical: ['firstName', 'phone', 'language'],
  legal_aid: ['name', 'phone'],
} as const satisfies Record<ReferralNeed, readonly string[]>;

const field = trimmed(200).min(1);
/** One strict shape per need: a field the need does not require is refused, not silently dropped. */
export const referralFields = z.discriminatedUnion('need', [
  z.object({
    need: z.literal('safe_house_placement'),
    fields: z.strictObject({ name: field, phone: field, pickUpPoint: field }),
  }),
  z.object({
    need: z.literal('counselling'),
    fields: z.strictObject({ firstName: field, language: field }),
  }),
  z.object({
    need: z.literal('medical'),
    fields: z.strictObject({ firstName: field, phone: field, language: field }),
  }),
  z.object({ need: z.literal('legal_aid'), fields: z.strictObject({ name: field, phone: field }) }),
]);

export const referralStatuses = ['sent', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const consentMethods = ['in_person', 'sms_confirmation', 'guardian'] as const;

export const providerInput = z.object({
  name: trimmed(200).min(2),
  type: z.enum(providerTypes),
  services: z.array(z.enum(referralNeeds)).min(1),
  counties: z.array(trimmed(60).min(2)).min(1).max(47),
  languages: z.array(trimmed(30).min(2)).max(20).default([]),
  capacity: z.number().int().min(0).max(100_000).nullable().default(null),
  hours: trimmed(200).optional(),
  contacts: z
    .object({
      phone: trimmed(30).optional(),
      email: trimmed(200).optional(),
      address: trimmed(300).optional(),
    })
    .default({}),
});
export type ProviderInput = z.infer<typeof providerInput>;

export const providerSearch = z.object({
  need: z.enum(referralNeeds).optional(),
  county: trimmed(60).optional(),
});

export const providerView = z.object({
  id: uuid,
  name: z.string(),
  type: z.string(),
  services: z.array(z.string()),
  counties: z.array(z.string()),
  languages: z.array(z.string()),
  capacity: z.number().nullable(),
  hours: z.string().nullable(),
  contacts: z.object({
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
  }),
  verifiedBy: uuid.nullable(),
  verifiedAt: z.string().nullable(),
});
export type ProviderView = z.infer<typeof providerView>;

export const memberInput = z.object({ userId: uuid });
export const capacityInput = z.object({ capacity: z.number().int().min(0).max(100_000) });

export const referralInput = z.intersection(
  referralFields,
  z.object({
    providerId: uuid,
    consent: z.object({
      purpose: trimmed(500).min(3),
      method: z.enum(consentMethods),
      /** She was told she may withdraw at any time (the DPA's right to withdraw). */
      toldRightToWithdraw: z.literal(true),
    }),
  }),
);
export type ReferralInput = z.infer<typeof referralInput>;

/** The staff's view of a referral (on the case). */
export const referralView = z.object({
  id: uuid,
  number: z.string(),
  caseId: uuid,
  providerId: uuid,
  providerName: z.string(),
  need: z.string(),
  status: z.enum(referralStatuses),
  consent: z.object({
    purpose: z.string(),
    fields: z.array(z.string()),
    method: z.string(),
    recordedBy: uuid,
    recordedAt: z.string(),
  }),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: z.string(),
  /** The provider must answer by then (the response clock); null for referrals made before it. */
  responseDueAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** The survivor's satisfaction, recorded by staff at completion or follow-up. */
  satisfied: z.boolean().nullable(),
});
export type ReferralView = z.infer<typeof referralView>;

/** What a partner sees: the referral's need, state and shared fields; never the case. */
export const partnerReferralView = z.object({
  id: uuid,
  number: z.string(),
  need: z.string(),
  status: z.enum(referralStatuses),
  sentAt: z.string(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  /** Null once consent is withdrawn (the data was destroyed). */
  shared: z.record(z.string(), z.string()).nullable(),
});
export type PartnerReferralView = z.infer<typeof partnerReferralView>;

export const partnerHome = z.object({
  provider: z.object({ id: uuid, name: z.string(), capacity: z.number().nullable() }),
  referrals: z.array(partnerReferralView),
});

export const declineInput = z.object({ reason: trimmed(500).min(3) });
export const outcomeInput = z.object({ outcome: trimmed(1000).min(3) });
export const idParams = z.object({ id: uuid });

export const satisfactionInput = z.object({ satisfied: z.boolean() });

const minutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);
/** How long a provider has to answer a referral, per need (configurable; safe houses are urgent). */
export const referralSettings = z.object({
  responseMinutes: z.object({
    safe_house_placement: minutes,
    counselling: minutes,
    medical: minutes,
    legal_aid: minutes,
  }),
});
export type ReferralSettings = z.infer<typeof referralSettings>;
export const defaultReferralSettings: ReferralSettings = {
  responseMinutes: { safe_house_placement: 60, counselling: 240, medical: 240, legal_aid: 240 },
};

/**
 * The referral feedback indicator per provider: of its referrals (withdrawn ones left out), how many
 * were accepted within the response clock, how many accepted ones were completed, and of the survivors
 * asked, how many were satisfied. Rates are 0–1, null when there is nothing to divide by.
 */
export const providerIndicator = z.object({
  providerId: uuid,
  referrals: z.number().int(),
  acceptedInTime: z.number().int(),
  accepted: z.number().int(),
  completed: z.number().int(),
  asked: z.number().int(),
  satisfied: z.number().int(),
  acceptedInTimeRate: z.number().nullable(),
  completedRate: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
});
export type ProviderIndicator = z.infer<typeof providerIndicator>;
