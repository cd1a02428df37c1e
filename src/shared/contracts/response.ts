import { z } from 'zod';
import {
  actionRoleCodes,
  actionStatusCodes,
  actionTypeCodes,
  actionTypes,
  agencyCodes,
  feedbackChannelCodes,
  impactScopeCodes,
  impactTypeCodes,
  impactTypes,
  institutionalRequestCodes,
  institutionalResponseCodes,
} from '../vocabularies.js';

const trimmed = (max: number) => z.string().trim().max(max);
/** An ISO 8601 date-time with a zone (`2026-03-01T08:30:00Z`, `2026-03-01T11:30:00+03:00`). */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();

export const idParams = z.object({ id: uuid });
export const actionParams = z.object({ id: uuid, actionId: uuid });
export const arrestParams = z.object({ id: uuid, arrestId: uuid });

/* ---------- Actions ---------- */

/** Court details of a legal action: public-record facts only, no names. */
export const legalDetailsInput = z.object({
  court: trimmed(200).min(1).optional(),
  caseNumber: trimmed(100).min(1).optional(),
  hearingDates: z.array(isoDate).max(50).default([]),
});

export const actionCreateInput = z
  .object({
    role: z.enum(actionRoleCodes),
    type: z.enum(actionTypeCodes),
    /** The user who owns the action; they are added to the case team. */
    ownerUserId: uuid.optional(),
    deadline: isoDate.optional(),
    /** Encrypted. */
    notes: trimmed(5000).optional(),
    /** Legal actions only. */
    details: legalDetailsInput.optional(),
  })
  .superRefine((v, ctx) => {
    const term = actionTypes.find((t) => t.code === v.type);
    if (term && term.role !== v.role)
      ctx.addIssue({ code: 'custom', path: ['type'], message: `not a ${v.role} action` });
    if (v.details && v.role !== 'legal')
      ctx.addIssue({ code: 'custom', path: ['details'], message: 'only legal actions have court details' });
  });
export type ActionCreateInput = z.infer<typeof actionCreateInput>;

export const actionPatchInput = z
  .object({
    /** The action's `version` as last read; a different current version is a CONFLICT. */
    expectedVersion: z.number().int(),
    status: z.enum(actionStatusCodes).optional(),
    /** Required (here or already on the action) to mark it done. Short and non-identifying. */
    outcome: trimmed(500).min(1).optional(),
    ownerUserId: uuid.nullable().optional(),
    deadline: isoDate.nullable().optional(),
    /** Replaces the notes (encrypted); null or "" clears them. */
    notes: trimmed(5000).nullable().optional(),
    /** Legal actions only; replaces the court details. */
    details: legalDetailsInput.optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'expectedVersion'), {
    message: 'nothing to change',
    path: ['status'],
  });
export type ActionPatchInput = z.infer<typeof actionPatchInput>;

export const legalDetailsView = z.object({
  court: z.string().nullable(),
  caseNumber: z.string().nullable(),
  hearingDates: z.array(z.string()),
});

export const actionView = z.object({
  id: z.string(),
  caseId: z.string(),
  role: z.enum(actionRoleCodes),
  type: z.enum(actionTypeCodes),
  status: z.enum(actionStatusCodes),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  deadline: z.string().nullable(),
  /** Deadline passed while the action is still open or in progress. */
  overdue: z.boolean(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  /** Court details for legal actions; null for other roles. */
  details: legalDetailsView.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number(),
});
export type ActionView = z.infer<typeof actionView>;

/* ---------- Arrests ---------- */

export const arrestCreateInput = z.object({
  arrestedAt: isoDate,
  policeStation: trimmed(200).min(1),
  /** Occurrence Book number. */
  obNumber: trimmed(60).min(1).optional(),
  /** The arrested person, if already on the case. */
  personId: uuid.optional(),
});
export type ArrestCreateInput = z.infer<typeof arrestCreateInput>;

export const arrestPatchInput = z
  .object({
    producedInCourtAt: isoDate.optional(),
    releasedAt: isoDate.optional(),
    obNumber: trimmed(60).min(1).optional(),
    /** Not found at the station since then (a time), or found again (null). */
    missingSince: isoDate.nullable().optional(),
  })
  .refine((v) => v.producedInCourtAt || v.releasedAt || v.obNumber || v.missingSince !== undefined, {
    message: 'nothing to change',
    path: ['producedInCourtAt'],
  });
export type ArrestPatchInput = z.infer<typeof arrestPatchInput>;

export const arrestView = z.object({
  id: z.string(),
  caseId: z.string(),
  personId: z.string().nullable(),
  arrestedAt: z.string(),
  policeStation: z.string(),
  obNumber: z.string().nullable(),
  producedInCourtAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  /** Missing: not found where she was said to be held, since then. */
  missingSince: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** arrestedAt + 24 h (Constitution of Kenya, Art. 49(1)(f)). */
  deadline: z.string(),
  /** arrestedAt + 18 h. */
  warningAt: z.string(),
  /** Neither produced in court nor released yet: the clock is running. */
  running: z.boolean(),
  /** Milliseconds to the deadline from the server's now (negative once breached); null once stopped. */
  msLeft: z.number().nullable(),
  /** Running and at least 18 h have passed. */
  warning: z.boolean(),
  /** Running at or past the deadline, or produced/released at or after it. */
  breached: z.boolean(),
});
export type ArrestView = z.infer<typeof arrestView>;

/* ---------- Institutional response log ---------- */

export const institutionalResponseInput = z
  .object({
    agency: z.enum(agencyCodes),
    station: trimmed(200).min(1).optional(),
    /** Encrypted. */
    officer: trimmed(200).min(1).optional(),
    request: z.enum(institutionalRequestCodes),
    response: z.enum(institutionalResponseCodes),
    obNumber: trimmed(60).min(1).optional(),
    /** When it happened; defaults to now. */
    at: isoDate.optional(),
    /** Encrypted. */
    notes: trimmed(5000).optional(),
  })
  .refine((v) => v.response !== 'recorded_with_ob' || Boolean(v.obNumber), {
    message: 'required when the report was recorded with an OB number',
    path: ['obNumber'],
  });
export type InstitutionalResponseInput = z.infer<typeof institutionalResponseInput>;

export const institutionalResponseView = z.object({
  id: z.string(),
  caseId: z.string(),
  agency: z.enum(agencyCodes),
  station: z.string().nullable(),
  officer: z.string().nullable(),
  request: z.enum(institutionalRequestCodes),
  response: z.enum(institutionalResponseCodes),
  obNumber: z.string().nullable(),
  at: z.string(),
  notes: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type InstitutionalResponseView = z.infer<typeof institutionalResponseView>;

/* ---------- Follow-up ---------- */

export const feedbackInput = z.object({
  channel: z.enum(feedbackChannelCodes),
  satisfaction: z.number().int().min(1).max(5),
  confidentialityRespected: z.boolean(),
  decidedNextSteps: z.boolean(),
  /** Encrypted. */
  unmetNeeds: trimmed(2000).optional(),
  at: isoDate.optional(),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const feedbackView = z.object({
  id: z.string(),
  caseId: z.string(),
  channel: z.enum(feedbackChannelCodes),
  satisfaction: z.number(),
  confidentialityRespected: z.boolean().nullable(),
  decidedNextSteps: z.boolean().nullable(),
  unmetNeeds: z.string().nullable(),
  at: z.string(),
  recordedBy: z.string().nullable(),
});
export type FeedbackView = z.infer<typeof feedbackView>;

export const impactInput = z
  .object({
    scope: z.enum(impactScopeCodes),
    code: z.enum(impactTypeCodes),
    /** Encrypted. */
    note: trimmed(2000).optional(),
    at: isoDate.optional(),
  })
  .refine((v) => impactTypes.find((t) => t.code === v.code)?.scope === v.scope, {
    message: 'not an impact of this scope',
    path: ['code'],
  });
export type ImpactInput = z.infer<typeof impactInput>;

export const impactView = z.object({
  id: z.string(),
  caseId: z.string(),
  scope: z.enum(impactScopeCodes),
  code: z.enum(impactTypeCodes),
  note: z.string().nullable(),
  at: z.string(),
  recordedBy: z.string().nullable(),
});
export type ImpactView = z.infer<typeof impactView>;

export const reviewInput = z.object({
  whatWorked: trimmed(10_000).min(1),
  challenges: trimmed(10_000).min(1),
  lessons: trimmed(10_000).min(1),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const reviewView = z.object({
  id: z.string(),
  caseId: z.string(),
  whatWorked: z.string(),
  challenges: z.string(),
  lessons: z.string(),
  reviewedBy: z.string().nullable(),
  at: z.string(),
});
export type ReviewView = z.infer<typeof reviewView>;

export const reviewState = z.object({
  review: reviewView.nullable(),
  /** P1, or any breached clock, and no review yet. */
  required: z.boolean(),
});

export const responseSummary = z.object({
  actions: z.array(actionView),
  arrests: z.array(arrestView),
  institutionalResponses: z.array(institutionalResponseView),
  feedback: z.array(feedbackView),
  impacts: z.array(impactView),
  afterActionReview: reviewView.nullable(),
  aarRequired: z.boolean(),
});

/** "My actions": actions assigned to the signed-in user on the cases they may read, by due date. */
export const myActionsView = z.object({
  actions: z.array(actionView.extend({ caseReference: z.string() })),
});
