import { z } from 'zod';
import { datePrecisions, violationTypeCodes } from '../vocabularies.js';
import { queueQuery } from './cases.js';

const trimmed = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();

export const eventParams = z.object({ id: uuid });
export const eventCaseParams = z.object({ id: uuid, caseId: uuid });

/* ---------- Events (HURIDOCS: what happened, where, when) ---------- */

/** A new event. The title is a label that must not identify anyone; description and place are sealed. */
export const eventInput = z.object({
  title: trimmed(200).min(3),
  description: trimmed(5000).optional(),
  /** The exact place (encrypted). */
  place: trimmed(500).optional(),
  county: trimmed(60).optional(),
  subCounty: trimmed(80).optional(),
  ward: trimmed(80).optional(),
  startedAt: isoDate.optional(),
  startedPrecision: z.enum(datePrecisions).default('exact'),
  violationTypes: z.array(z.enum(violationTypeCodes)).max(20).default([]),
});
export type EventInput = z.input<typeof eventInput>;
export type EventCreate = z.infer<typeof eventInput>;

export const eventStatuses = ['open', 'closed'] as const;

export const eventSummary = z.object({
  id: uuid,
  reference: z.string(),
  title: z.string(),
  status: z.enum(eventStatuses),
  county: z.string().nullable(),
  subCounty: z.string().nullable(),
  ward: z.string().nullable(),
  violationTypes: z.array(z.string()),
  startedAt: z.string().nullable(),
  startedPrecision: z.string().nullable(),
  caseCount: z.number().int(),
  createdAt: z.string(),
});
export type EventSummary = z.infer<typeof eventSummary>;

/** The counts of an event's page: cases, people and what happened to the detained. */
export const eventCounts = z.object({
  cases: z.number().int(),
  victims: z.number().int(),
  arrested: z.number().int(),
  released: z.number().int(),
  producedInCourt: z.number().int(),
  /** Still held, with the 24-hour clock run out and not produced in court. */
  heldOverdue: z.number().int(),
  missing: z.number().int(),
  injured: z.number().int(),
  killed: z.number().int(),
});

export const eventCaseLine = z.object({
  id: uuid,
  reference: z.string(),
  status: z.string(),
  priority: z.string().nullable(),
  county: z.string().nullable(),
  ward: z.string().nullable(),
  receivedAt: z.string(),
  redacted: z.boolean(),
  attachedAt: z.string(),
});

export const eventArrestLine = z.object({
  id: uuid,
  caseId: uuid.nullable(),
  caseReference: z.string().nullable(),
  policeStation: z.string(),
  obNumber: z.string().nullable(),
  arrestedAt: z.string(),
  /** 24 hours after the arrest (Article 49(1)(f) of the Constitution). */
  dueAt: z.string(),
  releasedAt: z.string().nullable(),
  producedInCourtAt: z.string().nullable(),
  /** Not found where she was said to be held, since then (counts as missing). */
  missingSince: z.string().nullable(),
  overdue: z.boolean(),
});

export const eventDetail = eventSummary.extend({
  description: z.string().nullable(),
  place: z.string().nullable(),
  version: z.number().int(),
  counts: eventCounts,
  cases: z.array(eventCaseLine),
  arrests: z.array(eventArrestLine),
});
export type EventDetail = z.infer<typeof eventDetail>;

export const eventListQuery = z.object({
  status: z.enum(eventStatuses).optional(),
  q: trimmed(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Attach cases to an event (from the queue's selection or the case page). */
export const attachInput = z.object({ caseIds: z.array(uuid).min(1).max(1000) });

/** Cases that look like they belong to the event: same county/ward, close in time, shared words. */
export const eventSuggestion = z.object({
  id: uuid,
  reference: z.string(),
  status: z.string(),
  county: z.string().nullable(),
  ward: z.string().nullable(),
  receivedAt: z.string(),
  reasons: z.array(z.enum(['same_ward', 'same_county', 'time_window', 'shared_words'])),
  score: z.number(),
});

/* ---------- Bulk actions from the queue ---------- */

export const bulkActions = [
  'acknowledge',
  'attach_event',
  'assign_lead',
  'mark_duplicate',
  'set_place',
  'add_tag',
] as const;
export type BulkAction = (typeof bulkActions)[number];

/** The most cases one bulk action touches ("select all matching" beyond that is refused, not cut). */
export const BULK_MAX = 1000;

export const bulkInput = z
  .object({
    action: z.enum(bulkActions),
    /** The cases selected one by one … */
    caseIds: z.array(uuid).min(1).max(BULK_MAX).optional(),
    /** … or every case matching the queue's filter and search ("select all matching"). */
    filter: queueQuery.omit({ limit: true, page: true }).optional(),
    eventId: uuid.optional(),
    userId: uuid.optional(),
    /** mark_duplicate: the case the others duplicate (it is left as it is). */
    originalId: uuid.optional(),
    reason: trimmed(2000).optional(),
    county: trimmed(60).optional(),
    subCounty: trimmed(80).optional(),
    ward: trimmed(80).optional(),
    tag: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u)
      .optional(),
  })
  .refine((b) => Boolean(b.caseIds) !== Boolean(b.filter), {
    message: 'caseIds or filter, one of them',
    path: ['caseIds'],
  });
export type BulkInput = z.input<typeof bulkInput>;

export const bulkOutcome = z.object({
  caseId: uuid,
  reference: z.string().nullable(),
  ok: z.boolean(),
  /** Nothing changed on this case (already done). */
  unchanged: z.boolean(),
  /** The stable error code when it failed (NOT_FOUND, TRANSITION_NOT_ALLOWED, CONFLICT …). */
  error: z.string().nullable(),
  message: z.string().nullable(),
});

export const bulkResult = z.object({
  action: z.enum(bulkActions),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(bulkOutcome),
});
export type BulkResult = z.infer<typeof bulkResult>;

/* ---------- Mass-arrest register ---------- */

/** One detainee added to an event's register: on an existing case of the event, or a new case. */
export const detaineeInput = z.object({
  /** The detainee's name as known (encrypted, on the new case's victim). */
  name: trimmed(120).min(1).optional(),
  /** A description when the name is not known ("young man in a red shirt"): encrypted. */
  description: trimmed(1000).min(1).optional(),
  policeStation: trimmed(200).min(1),
  arrestedAt: isoDate,
  obNumber: trimmed(60).min(1).optional(),
  /** An existing case (attached to the event, or attached now); otherwise a new case is opened. */
  caseId: uuid.optional(),
});

export const registerInput = z.object({ detainees: z.array(detaineeInput).min(1).max(100) });
export type RegisterInput = z.input<typeof registerInput>;

export const registerResult = z.object({
  results: z.array(
    z.object({
      ok: z.boolean(),
      caseId: uuid.nullable(),
      caseReference: z.string().nullable(),
      arrestId: uuid.nullable(),
      error: z.string().nullable(),
    }),
  ),
});
