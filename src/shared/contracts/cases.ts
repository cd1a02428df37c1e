import { z } from 'zod';
import {
  channels,
  datePrecisions,
  sensitivities,
  violationTypeCodes,
  caseFlags,
  priorities,
} from '../vocabularies.js';
import { caseStatuses, transitionActions } from '../workflow.js';

const trimmed = (max: number) => z.string().trim().max(max);

/** One intake shape for every channel (web form, staff console, SMS, USSD). */
export const intakeInput = z.object({
  channel: z.enum(channels),
  narrative: trimmed(5000).min(3),
  violationTypes: z.array(z.enum(violationTypeCodes)).max(6).default([]),
  county: trimmed(60).optional(),
  subCounty: trimmed(80).optional(),
  ward: trimmed(80).optional(),
  /** Exact place (street, landmark, coordinates): encrypted. */
  place: trimmed(300).optional(),
  inDangerNow: z.boolean().default(false),
  incidentAt: z.coerce.date().optional(),
  incidentPrecision: z.enum(datePrecisions).optional(),
  /** The floor: the sensitivity rule (shared/sensitivity.ts) may raise it at intake, never lower it. */
  sensitivity: z.enum(sensitivities).default('normal'),
  /** A defender's or reporter's SOS (sensitive by rule). */
  sos: z.boolean().default(false),
  reporter: z
    .object({
      anonymous: z.boolean().default(false),
      name: trimmed(120).optional(),
      phone: trimmed(30).optional(),
      /** A safe way to reach the reporter, in their words ("call after 6pm", "via my sister"). */
      safeContact: trimmed(300).optional(),
      locale: z.enum(['en', 'sw']).default('en'),
    })
    .default({ anonymous: true, locale: 'en' }),
  victim: z
    .object({
      name: trimmed(120).optional(),
      phone: trimmed(30).optional(),
      sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
      ageGroup: z.enum(['child', 'youth', 'adult', 'older', 'unknown']).optional(),
    })
    .optional(),
});
export type IntakeInput = z.input<typeof intakeInput>;

export const queueQuery = z.object({
  status: z.enum(caseStatuses).optional(),
  priority: z.enum(priorities).optional(),
  county: trimmed(60).optional(),
  violationType: z.enum(violationTypeCodes).optional(),
  assignee: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const queueLine = z.object({
  /** The next clock to run out (acknowledge, decision, first action, arrest …), if any. */
  nextDueAt: z.string().nullable(),
  clockBreached: z.boolean(),
  id: z.string().uuid(),
  reference: z.string(),
  status: z.enum(caseStatuses),
  priority: z.enum(priorities).nullable(),
  sensitivity: z.enum(sensitivities),
  redacted: z.boolean(),
  county: z.string().nullable(),
  ward: z.string().nullable(),
  violationTypes: z.array(z.string()),
  inDangerNow: z.boolean(),
  channel: z.string(),
  receivedAt: z.string(),
  leadUserId: z.string().nullable(),
});

export const assessmentInput = z.object({
  severity: z.number().int().min(0).max(3),
  immediacy: z.number().int().min(0).max(3),
  feasibility: z.number().int().min(0).max(3),
  justifications: z.object({
    severity: trimmed(1000).min(1),
    immediacy: trimmed(1000).min(1),
    feasibility: trimmed(1000).min(1),
  }),
  risks: z
    .object({
      victim: z.number().int().min(0).max(3),
      informant: z.number().int().min(0).max(3),
      responders: z.number().int().min(0).max(3),
    })
    .optional(),
  vulnerable: z.array(z.enum(['minor', 'disability', 'pregnancy', 'older_person'])).default([]),
  resourcesNeeded: trimmed(1000).optional(),
  violationTypes: z.array(z.enum(violationTypeCodes)).max(6).optional(),
  overridePriority: z.enum(priorities).optional(),
  overrideReason: trimmed(1000).optional(),
  flags: z.array(z.enum(caseFlags)).optional(),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

export const transitionBody = z.object({
  reason: trimmed(2000).optional(),
  expectedVersion: z.number().int().optional(),
  assessment: assessmentInput.optional(),
  duplicateOf: z.string().uuid().optional(),
  closure: z.object({ reason: trimmed(500).min(1), outcome: trimmed(200).min(1) }).optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const transitionParams = z.object({ id: z.string().uuid(), action: z.enum(transitionActions) });
