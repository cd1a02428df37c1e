import { z } from 'zod';
import {
  channels,
  datePrecisions,
  sensitivities,
  violationTypeCodes,
  caseFlags,
  priorities,
} from '../vocabularies.js';
import { caseStatuses, clockKinds, transitionActions } from '../workflow.js';

const termCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const trimmed = (max: number) => z.string().trim().max(max);

/** One intake shape for every channel (web form, staff console, SMS, USSD). */
export const intakeInput = z.object({
  channel: z.enum(channels),
  narrative: trimmed(5000).min(3),
  violationTypes: z.array(termCode).max(6).default([]),
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

/** A case's place corrected after intake; null clears a level (and the levels below it must be null). */
export const placeBody = z.object({
  county: trimmed(60).nullable(),
  subCounty: trimmed(80).nullable().default(null),
  ward: trimmed(80).nullable().default(null),
  expectedVersion: z.number().int().optional(),
});
export type PlaceBody = z.infer<typeof placeBody>;
export const placeResult = z.object({
  id: z.string().uuid(),
  county: z.string().nullable(),
  subCounty: z.string().nullable(),
  ward: z.string().nullable(),
  version: z.number().int(),
});

export const queueQuery = z.object({
  status: z.enum(caseStatuses).optional(),
  priority: z.enum(priorities).optional(),
  county: trimmed(60).optional(),
  violationType: z.enum(violationTypeCodes).optional(),
  assignee: z.string().uuid().optional(),
  ward: trimmed(60).optional(),
  /** A staff tag (lower case). */
  tag: trimmed(40).optional(),
  /** Cases attached to this event. */
  eventId: z.string().uuid().optional(),
  /** The search box: a reference, a reporter's phone, a county/sub-county/ward, a tag or an event. */
  q: trimmed(100).optional(),
  /** The page size. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const queueLine = z.object({
  /** The next clock to run out (acknowledge, decision, first action, arrest …), if any. */
  nextDueAt: z.string().nullable(),
  clockBreached: z.boolean(),
  /** Another report from the same phone within a day: the case page suggests merging them. */
  duplicateSuggested: z.boolean(),
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

/** One page of the queue, and how many match: nothing is silently hidden. */
export const queuePage = z.object({
  cases: z.array(queueLine),
  /** Every case matching the filters and search (the caller may see), on all pages. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts beside each filter: per status and per (effective) priority with that filter lifted. */
  counts: z.object({
    byStatus: z.record(z.string(), z.number().int()),
    byPriority: z.record(z.string(), z.number().int()),
  }),
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
  violationTypes: z.array(termCode).max(6).optional(),
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
  closure: z
    .object({
      reason: trimmed(500).min(1),
      outcome: trimmed(200).min(1),
      /**
       * A P1 or breached case closes only with its after-action review recorded, or with the review
       * scheduled for this time (a reminder goes out when it is due and still missing).
       */
      reviewDueAt: z.iso
        .datetime({ offset: true })
        .transform((s) => new Date(s))
        .optional(),
    })
    .optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

/** Screening sets the sensitivity: raising applies at once; lowering needs a reason and a second person. */
export const sensitivityBody = z.object({
  sensitivity: z.enum(sensitivities),
  reason: trimmed(2000).optional(),
});
export type SensitivityBody = z.infer<typeof sensitivityBody>;

export const transitionParams = z.object({ id: z.string().uuid(), action: z.enum(transitionActions) });

// ---- Views: what the case routes answer (the console infers its types from these). ----

export const caseCreated = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  status: z.enum(caseStatuses),
});

export const transitionResult = z.object({
  id: z.string(),
  status: z.enum(caseStatuses),
  priority: z.string().nullable(),
  version: z.number(),
});

export const revealedPerson = z.object({
  id: z.string(),
  role: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
});

export const sensitivityResult = z.object({
  status: z.enum(['applied', 'pending', 'refused']),
  sensitivity: z.enum(sensitivities),
  requestId: z.string().uuid().nullable(),
});

/** The assessment as stored on the case (scores, the derived and final priority). */
export const assessmentView = z.object({
  severity: z.number(),
  immediacy: z.number(),
  feasibility: z.number(),
  derivedPriority: z.string(),
  priority: z.string(),
  activate: z.boolean(),
  assessorId: z.string(),
  at: z.string(),
  risks: z
    .object({
      victim: z.number().optional(),
      informant: z.number().optional(),
      responders: z.number().optional(),
    })
    .optional(),
  vulnerable: z.array(z.string()).optional(),
  overridden: z.boolean().optional(),
});

/** The assessor's words (encrypted at rest), shown to the case team. */
export const assessmentNotesView = z.object({
  justifications: z
    .object({
      severity: z.string().optional(),
      immediacy: z.string().optional(),
      feasibility: z.string().optional(),
    })
    .optional(),
  resourcesNeeded: z.string().optional(),
  overrideReason: z.string().optional(),
});

export const timelineEventView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  type: z.string(),
  fromStatus: z.enum(caseStatuses).nullable(),
  toStatus: z.enum(caseStatuses).nullable(),
  data: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
});

export const casePersonView = z.object({
  id: z.string(),
  role: z.string(),
  kind: z.string(),
  /** '•••' when there is a name to reveal, null when none was given. */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  sex: z.string().nullable(),
  ageGroup: z.string().nullable(),
});

/** GET /api/cases/:id for the case team: everything the case page shows. */
export const caseDetailView = queueLine.extend({
  access: z.literal('full'),
  /** A pending request to lower the sensitivity, waiting for a second person. */
  sensitivityRequest: z
    .object({ id: z.string(), to: z.enum(sensitivities), requestedBy: z.string(), requestedAt: z.string() })
    .nullable(),
  version: z.number(),
  narrative: z.string().nullable(),
  place: z.string().nullable(),
  subCounty: z.string().nullable(),
  incidentAt: z.string().nullable(),
  incidentPrecision: z.enum(datePrecisions).nullable(),
  anonymous: z.boolean(),
  flags: z.array(z.string()),
  details: z.object({
    assessment: assessmentView.optional(),
    decision: z
      .object({
        by: z.string(),
        at: z.string(),
        fastPath: z.boolean(),
        retrospectiveReviewDue: z.string().optional(),
        retrospectiveReview: z.object({ by: z.string(), at: z.string() }).optional(),
      })
      .optional(),
    closure: z.object({ outcome: z.string(), at: z.string() }).optional(),
    duplicateOf: z.string().optional(),
  }),
  assessmentNotes: assessmentNotesView.nullable(),
  allowedActions: z.array(z.enum(transitionActions)),
  timeline: z.array(timelineEventView),
  people: z.array(casePersonView),
  members: z.array(z.object({ userId: z.string(), roleInCase: z.string() })),
  /** The clocks not met yet, soonest first (breached: already run out). */
  clocks: z.array(z.object({ kind: z.enum(clockKinds), dueAt: z.string(), breached: z.boolean() })),
});

/** GET /api/cases/:id for a dispatched responder: the victim, the place and the mission, nothing more. */
export const missionCaseView = z.object({
  access: z.literal('mission'),
  id: z.string().uuid(),
  reference: z.string(),
  status: z.enum(caseStatuses),
  sensitivity: z.enum(sensitivities),
  county: z.string().nullable(),
  subCounty: z.string().nullable(),
  ward: z.string().nullable(),
  place: z.string().nullable(),
  inDangerNow: z.boolean(),
  people: z.array(casePersonView),
});

/** POST /api/cases/:id/retrospective-review: an approver reviews a P1 the duty officer approved alone. */
export const retrospectiveReviewBody = z.object({ note: z.string().trim().max(2000).optional() });
export const retrospectiveReviewResult = z.object({ by: z.string(), at: z.string() });

/** A note on a case's timeline (append-only; sealed under the case's key). */
export const caseNoteBody = z.object({ note: trimmed(5000).min(1) });
export type CaseNoteBody = z.infer<typeof caseNoteBody>;
export const caseNoteResult = z.object({ caseId: z.string(), at: z.string() });
