import { z } from 'zod';

/**
 * Learning (DESIGN §2.6, "Learning and reflection"): after-action reviews feed a lessons register; each
 * lesson has an owner, a status and a due date, and may link the guideline, setting, rule or escalation
 * policy it changed with that change's audit entry. A quarterly learning report sums it up.
 */
const trimmed = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();

export const lessonStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export type LessonStatus = (typeof lessonStatuses)[number];
/** What a lesson changed. */
export const lessonChangeKinds = ['rule_set', 'setting', 'escalation_policy', 'guideline'] as const;
export type LessonChangeKind = (typeof lessonChangeKinds)[number];

const change = {
  changeKind: z.enum(lessonChangeKinds).optional(),
  /** Which one: `sla v4`, a policy's name, a guideline's title. */
  changeRef: trimmed(200).min(1).optional(),
  /** The audit entry (sequence number) of the change. */
  changeAuditSeq: z.number().int().min(1).optional(),
};

export const lessonCreateInput = z.object({
  /** The case whose after-action review taught it (the review is linked when it exists). */
  caseId: uuid.optional(),
  lesson: trimmed(2000).min(10),
  ownerId: uuid,
  dueAt: isoDate,
  ...change,
});
export type LessonCreateInput = z.infer<typeof lessonCreateInput>;

export const lessonUpdateInput = z.object({
  version: z.number().int().min(1),
  status: z.enum(lessonStatuses).optional(),
  ownerId: uuid.optional(),
  dueAt: isoDate.optional(),
  ...change,
});
export type LessonUpdateInput = z.infer<typeof lessonUpdateInput>;

export const lessonQuery = z.object({
  status: z.enum(lessonStatuses).optional(),
  ownerId: uuid.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type LessonQuery = z.infer<typeof lessonQuery>;

export const lessonView = z.object({
  id: uuid,
  caseId: uuid.nullable(),
  caseReference: z.string().nullable(),
  reviewId: uuid.nullable(),
  lesson: z.string(),
  ownerId: uuid,
  ownerName: z.string().nullable(),
  status: z.enum(lessonStatuses),
  dueAt: z.string(),
  overdue: z.boolean(),
  changeKind: z.enum(lessonChangeKinds).nullable(),
  changeRef: z.string().nullable(),
  changeAuditSeq: z.number().int().nullable(),
  /** The linked audit entry's action (`rules.changed` …), read from the audit log. */
  changeAction: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type LessonView = z.infer<typeof lessonView>;
export const lessonListView = z.object({ lessons: z.array(lessonView) });
export const lessonIdParams = z.object({ id: uuid });

/** Reviews promised at closure and not recorded yet (the reminder goes out at `dueAt`). */
export const scheduledReviewView = z.object({
  caseId: uuid,
  caseReference: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
});
export const scheduledReviewListView = z.object({ reviews: z.array(scheduledReviewView) });

export const quarterParams = z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/) });
/** The learning report as a PDF: which quarter, in which language. */
export const learningReportPdfQuery = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Use a quarter (2026-Q4) / Tumia robo mwaka (2026-Q4)'),
  lang: z.enum(['en', 'sw']).default('en'),
});

export const learningReportView = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  reviews: z.object({
    /** Cases closed in the quarter that needed a review (P1 or a breached clock). */
    required: z.number().int(),
    recorded: z.number().int(),
    /** Closed with the review scheduled, and still missing. */
    scheduledPending: z.number().int(),
    scheduledOverdue: z.number().int(),
  }),
  lessons: z.object({
    created: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    /** Lessons that changed a rule, setting, policy or guideline (with the audit entry). */
    withChange: z.number().int(),
  }),
  changes: z.array(
    z.object({
      lessonId: uuid,
      lesson: z.string(),
      changeKind: z.enum(lessonChangeKinds),
      changeRef: z.string().nullable(),
      changeAuditSeq: z.number().int().nullable(),
    }),
  ),
});
export type LearningReportView = z.infer<typeof learningReportView>;
