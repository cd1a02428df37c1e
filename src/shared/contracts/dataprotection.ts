import { z } from 'zod';

export const dataCategories = [
  'identity',
  'contact',
  'location',
  'testimony',
  'medical',
  'legal',
  'photos_media',
  'financial',
] as const;

/**
 * How consent was given. `in_person`, `sms`, `ussd` and `guardian` (a parent or guardian for a child or
 * a person who cannot consent) are offered in the console; the older codes stay valid for old rows.
 */
export const consentMethods = ['in_person', 'sms', 'ussd', 'guardian', 'verbal', 'written', 'web'] as const;
export const consoleConsentMethods = ['in_person', 'sms', 'ussd', 'guardian'] as const;

export const consentInput = z.object({
  personId: z.string().uuid(),
  purpose: z.string().trim().min(3).max(300),
  dataCategories: z.array(z.enum(dataCategories)).min(1),
  sharedWith: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
  method: z.enum(consentMethods),
});

export const consentView = z.object({
  id: z.string().uuid(),
  personId: z.string().uuid(),
  /** Null once the case was crypto-shredded. */
  purpose: z.string().nullable(),
  dataCategories: z.array(z.string()),
  sharedWith: z.array(z.string()),
  method: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const breachInput = z.object({
  summary: z.string().trim().min(3).max(2000),
  dataCategories: z.array(z.enum(dataCategories)).min(1),
  affectedCount: z.number().int().min(0).optional(),
  occurredAt: z.coerce.date().optional(),
  discoveredAt: z.coerce.date(),
  measures: z.string().trim().max(2000).optional(),
});

export const breachView = z.object({
  id: z.string().uuid(),
  summary: z.string(),
  dataCategories: z.array(z.string()),
  affectedCount: z.number().nullable(),
  occurredAt: z.string().nullable(),
  discoveredAt: z.string(),
  notifiedOdpcAt: z.string().nullable(),
  notifiedSubjectsAt: z.string().nullable(),
  measures: z.string().nullable(),
  /** The ODPC must be told within 72 hours of discovery. */
  notifyBy: z.string(),
  hoursLeft: z.number(),
  overdue: z.boolean(),
});

/** Retention per record type (days after the case reached that status). */
export const personLinksView = z.object({
  links: z.array(
    z.object({
      personId: z.string().uuid(),
      status: z.enum(['proposed', 'confirmed', 'rejected']),
      decidedAt: z.string().nullable(),
      cases: z.array(
        z.object({
          caseId: z.string().uuid(),
          reference: z.string(),
          role: z.string(),
          receivedAt: z.string(),
        }),
      ),
    }),
  ),
});

export const personLinkDecision = z.object({
  otherPersonId: z.string().uuid(),
  decision: z.enum(['confirmed', 'rejected']),
});

export const personLinkDecided = z.object({
  personId: z.string().uuid(),
  otherPersonId: z.string().uuid(),
  status: z.enum(['confirmed', 'rejected']),
});

export const retentionStatuses = ['closed', 'withdrawn', 'not_urgent', 'declined', 'duplicate'] as const;
export interface RetentionRule {
  status: (typeof retentionStatuses)[number];
  days: number;
}
export const defaultRetention: RetentionRule[] = [
  { status: 'closed', days: 7 * 365 },
  { status: 'withdrawn', days: 30 },
  { status: 'not_urgent', days: 365 },
  { status: 'declined', days: 365 },
  { status: 'duplicate', days: 90 },
];

/** GET /api/persons/search?phone=…: person rows found through the phone blind index (never in clear). */
export const personSearchQuery = z.object({ phone: z.string().trim().min(9).max(20) });
export const personSearchView = z.object({
  persons: z.array(
    z.object({
      personId: z.string().uuid(),
      kind: z.string(),
      createdAt: z.string(),
      /** True once the person's identifying data was erased. */
      erased: z.boolean(),
      cases: z.array(
        z.object({
          caseId: z.string().uuid(),
          reference: z.string(),
          role: z.string(),
          status: z.string(),
          receivedAt: z.string(),
        }),
      ),
    }),
  ),
});
export type PersonSearchView = z.infer<typeof personSearchView>;

/** Why a person's data is erased before its retention period ends (codes only, never words). */
export const erasureReasons = ['subject_request', 'consent_withdrawn', 'unlawful', 'court_order'] as const;
export const erasureInput = z.object({ reason: z.enum(erasureReasons) });
export const erasureView = z.object({
  personId: z.string().uuid(),
  /** Person rows erased: this one and those confirmed as the same person. */
  persons: z.number().int(),
  cases: z.number().int(),
  erasedAt: z.string(),
});

/** Breach warnings: hours left on the 72-hour clock at which the managers are told, largest first. */
export const breachWarningHours = [48, 12] as const;
