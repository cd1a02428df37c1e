import { z } from 'zod';
import {
  dispatchStatuses,
  exposureKindCodes,
  missionStatuses,
  missionTypeCodes,
  offerStatuses,
  responderSkillCodes,
} from '../network.js';

const trimmed = (max: number) => z.string().trim().max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

export const area = z.object({
  county: trimmed(60).min(2),
  subCounty: trimmed(80).optional(),
  ward: trimmed(80).optional(),
});
export type Area = z.infer<typeof area>;

/** A responder's fields, without defaults: a PATCH must leave whatever it does not name unchanged. */
const responderFields = z.object({
  name: trimmed(120).min(2),
  phone: trimmed(30).min(7),
  locale: z.enum(['en', 'sw']),
  userId: z.string().uuid().nullable().optional(),
  areas: z.array(area).min(1).max(10),
  skills: z.array(z.enum(responderSkillCodes)).max(6),
  languages: z.array(trimmed(20)).max(8),
  available: z.boolean(),
  availableFrom: hhmm.nullable().optional(),
  availableTo: hhmm.nullable().optional(),
  homeCentre: trimmed(120).nullable().optional(),
  caseloadLimit: z.number().int().min(1).max(20),
  /** People to call if this responder raises SOS, in their words ("sister Wanjiru 07…"). */
  emergencyContacts: trimmed(500).nullable().optional(),
  cancelPin: pin.optional(),
  duressPin: pin.optional(),
});

export const responderInput = responderFields.extend({
  locale: responderFields.shape.locale.default('sw'),
  skills: responderFields.shape.skills.default([]),
  languages: responderFields.shape.languages.default([]),
  available: responderFields.shape.available.default(true),
  caseloadLimit: responderFields.shape.caseloadLimit.default(2),
});
export type ResponderInput = z.input<typeof responderInput>;

// Zod 4 applies a default even inside .partial(): built from the fields without defaults, so
// `{ available: false }` does not also reset skills, languages, locale and the caseload limit.
export const responderPatch = responderFields
  .omit({ name: true, phone: true, userId: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export type ResponderPatch = z.input<typeof responderPatch>;

export const responderQuery = z.object({
  county: trimmed(60).optional(),
  ward: trimmed(80).optional(),
  skill: z.enum(responderSkillCodes).optional(),
  available: z.enum(['true', 'false']).optional(),
});
export type ResponderQuery = z.input<typeof responderQuery>;

export const responderView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** Last three digits only: enough to tell two people apart on a call. */
  phoneMasked: z.string(),
  locale: z.enum(['en', 'sw']),
  hasAccount: z.boolean(),
  areas: z.array(area),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  available: z.boolean(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  homeCentre: z.string().nullable(),
  caseloadLimit: z.number(),
  activeMissions: z.number(),
  hasCancelPin: z.boolean(),
  active: z.boolean(),
});
export type ResponderView = z.infer<typeof responderView>;
export const responderList = z.object({ responders: z.array(responderView) });

export const proposalQuery = z.object({
  missionType: z.enum(missionTypeCodes).default('escort'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const candidateView = z.object({
  responderId: z.string().uuid(),
  name: z.string(),
  homeCentre: z.string().nullable(),
  /** 3 same ward, 2 same sub-county, 1 same county, 0 elsewhere. */
  areaMatch: z.number(),
  load: z.number(),
  caseloadLimit: z.number(),
  skills: z.array(z.string()),
});
export type CandidateView = z.infer<typeof candidateView>;
/** Why a responder was not proposed. */
export const skipReasons = [
  'caseload_limit',
  'unavailable',
  'off_hours',
  'missing_skill',
  'already_asked',
] as const;
export type SkipReason = (typeof skipReasons)[number];
export const skippedView = z.object({
  responderId: z.string().uuid(),
  name: z.string(),
  reason: z.enum(skipReasons),
});
export const proposalsView = z.object({
  candidates: z.array(candidateView),
  skipped: z.array(skippedView),
});
export type ProposalsView = z.infer<typeof proposalsView>;

export const dispatchInput = z.object({
  missionType: z.enum(missionTypeCodes),
  /** How many responders must accept. */
  needed: z.number().int().min(1).max(10).default(1),
  /** How many to ask at once (the nearest first). */
  batchSize: z.number().int().min(1).max(20).default(3),
  /** Ask exactly these (from the proposals); otherwise the top of the ranking. */
  responderIds: z.array(z.string().uuid()).max(20).optional(),
  checkInMinutes: z.number().int().min(5).max(720).default(30),
  replyMinutes: z.number().int().min(1).max(120).default(10),
  exposures: z.array(z.enum(exposureKindCodes)).max(2).optional(),
});
export type DispatchInput = z.input<typeof dispatchInput>;
export const dispatchCreated = z.object({ id: z.string().uuid(), number: z.number(), offered: z.number() });

export const offerView = z.object({
  responderId: z.string().uuid(),
  name: z.string(),
  status: z.enum(offerStatuses),
  rank: z.number(),
  offeredAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type OfferView = z.infer<typeof offerView>;
export const missionView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  reference: z.string().optional(),
  number: z.number(),
  responderId: z.string().uuid(),
  responderName: z.string(),
  type: z.enum(missionTypeCodes),
  status: z.enum(missionStatuses),
  checkInMinutes: z.number(),
  startedAt: z.string(),
  lastCheckInAt: z.string().nullable(),
  nextCheckInDue: z.string().nullable(),
  overdue: z.boolean(),
  endedAt: z.string().nullable(),
  exposures: z.array(z.string()),
});
export type MissionView = z.infer<typeof missionView>;
export const missionList = z.object({ missions: z.array(missionView) });
/** A responder's own active mission, with where it is (the case's administrative areas, in clear). */
export const myMissionView = missionView.extend({
  place: z.object({
    county: z.string().nullable(),
    subCounty: z.string().nullable(),
    ward: z.string().nullable(),
  }),
});
export type MyMissionView = z.infer<typeof myMissionView>;
export const myMissionList = z.object({ missions: z.array(myMissionView) });
export const dispatchView = z.object({
  id: z.string().uuid(),
  number: z.number(),
  missionType: z.enum(missionTypeCodes),
  status: z.enum(dispatchStatuses),
  needed: z.number(),
  accepted: z.number(),
  level: z.number(),
  replyDueAt: z.string(),
  createdAt: z.string(),
  offers: z.array(offerView),
});
export type DispatchView = z.infer<typeof dispatchView>;
export const caseNetworkView = z.object({
  dispatches: z.array(dispatchView),
  missions: z.array(missionView),
});
export type CaseNetworkView = z.infer<typeof caseNetworkView>;

export const checkInInput = z.object({
  /** Where the responder is, if safe to say: encrypted on the timeline. */
  location: trimmed(300).optional(),
  done: z.boolean().default(false),
  exposures: z.array(z.enum(exposureKindCodes)).max(2).optional(),
});
export type CheckInInput = z.input<typeof checkInInput>;

export const sosInput = z.object({ location: trimmed(300).optional(), detail: trimmed(500).optional() });
export const sosCancelInput = z.object({ pin });
export type SosInput = z.input<typeof sosInput>;
export const sosView = z.object({ reference: z.string(), caseId: z.string().uuid(), joined: z.boolean() });
export const sosCancelView = z.object({ cancelled: z.boolean() });

export const wellbeingInput = z.object({
  score: z.number().int().min(1).max(5),
  note: trimmed(1000).optional(),
});

/** Why a supervisor may want to call a responder (the wellbeing view's `concerns`). */
export const wellbeingConcerns = ['low_score', 'exposures', 'busy', 'at_limit', 'no_debrief'] as const;
export type WellbeingConcern = (typeof wellbeingConcerns)[number];

export const wellbeingRow = z.object({
  responderId: z.string().uuid(),
  name: z.string(),
  homeCentre: z.string().nullable(),
  activeMissions: z.number(),
  caseloadLimit: z.number(),
  missions30d: z.number(),
  missions7d: z.number(),
  exposures90d: z.object({ death: z.number(), sexual_violence: z.number() }),
  lastScore: z.number().nullable(),
  lastScoreAt: z.string().nullable(),
  averageScore30d: z.number().nullable(),
  debriefsPending: z.number(),
  /** Why a supervisor may want to call: low_score, exposures, busy, at_limit, no_debrief. */
  concerns: z.array(z.string()),
});
export type WellbeingRowView = z.infer<typeof wellbeingRow>;
export const wellbeingList = z.object({ responders: z.array(wellbeingRow) });

export const idParams = z.object({ id: z.string().uuid() });
