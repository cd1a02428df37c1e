import { z } from 'zod';
import { violationTypeCodes } from '../vocabularies.js';

/**
 * Dashboards (DESIGN §2.6): aggregates for analysts, leadership and the duty officer. Counts, medians and
 * shares only — never a case, a person or a free-text field. Small counts are shown to staff as they are
 * (this is not the public tracker), but nothing here identifies anyone.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD / Tumia tarehe kama YYYY-MM-DD');

/** The filters: cases received in [from, to] (whole days, East Africa Time), one county, type, event. */
export const dashboardQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    county: z.string().trim().min(1).max(60).optional(),
    violationType: z.enum(violationTypeCodes).optional(),
    eventId: z.string().uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '"From" must not be after "to" / "Kuanzia" isiwe baada ya "hadi"',
    path: ['to'],
  });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const timingMeasures = ['acknowledge', 'decide', 'first_action'] as const;
export type TimingMeasure = (typeof timingMeasures)[number];

/** Minutes from receipt to the measure, per month of receipt (EAT) and priority ('none' when unset). */
export const timingRow = z.object({
  month: z.string(),
  priority: z.string(),
  measure: z.enum(timingMeasures),
  count: z.number().int(),
  medianMinutes: z.number(),
  p90Minutes: z.number(),
});

export const dashboardSummary = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** Cases received in the period with the filters applied. */
  totalCases: z.number().int(),
  timings: z.array(timingRow),
  /** Clocks on those cases, per kind: how many ran out (breached) of how many. */
  slaBreaches: z.array(z.object({ kind: z.string(), total: z.number().int(), breached: z.number().int() })),
  /** Cases open now (any time of receipt within the period), by priority. */
  openByPriority: z.array(z.object({ priority: z.string(), count: z.number().int() })),
  /** The failure report: interactions with police and state agencies, by agency and station. */
  institutional: z.array(
    z.object({
      agency: z.string(),
      station: z.string(),
      total: z.number().int(),
      recorded: z.number().int(),
      refused: z.number().int(),
      ignored: z.number().int(),
      hostile: z.number().int(),
      /** Referred elsewhere or complied. */
      other: z.number().int(),
      obNumbers: z.number().int(),
    }),
  ),
  impacts: z.array(z.object({ scope: z.string(), code: z.string(), count: z.number().int() })),
  feedback: z.object({
    responses: z.number().int(),
    /** Mean satisfaction (1–5), null with no response. */
    averageSatisfaction: z.number().nullable(),
    /** Responses of 4 or 5. */
    satisfied: z.number().int(),
    confidentialityRespected: z.number().int(),
    decidedNextSteps: z.number().int(),
  }),
  byCounty: z.array(z.object({ county: z.string(), count: z.number().int() })),
  /** Clocks still running on open cases, by kind; overdue = breached or past due. */
  openClocks: z.array(z.object({ kind: z.string(), running: z.number().int(), overdue: z.number().int() })),
  /** Referrals, by need; "in time" = accepted within REFERRAL_ANSWER_HOURS (24 h) of sending. */
  referrals: z.array(
    z.object({
      need: z.string(),
      sent: z.number().int(),
      accepted: z.number().int(),
      acceptedInTime: z.number().int(),
      declined: z.number().int(),
      completed: z.number().int(),
    }),
  ),
  /** Emergency funds, by purpose: amounts in KES cents; minutes from request to payment. */
  funds: z.array(
    z.object({
      purpose: z.string(),
      requested: z.number().int(),
      requestedCents: z.number().int(),
      paid: z.number().int(),
      paidCents: z.number().int(),
      medianMinutesToPay: z.number().nullable(),
      p90MinutesToPay: z.number().nullable(),
    }),
  ),
  /** Responders' wellbeing in aggregate: only for roles holding `network:wellbeing`, else absent. */
  wellbeing: z
    .object({
      checks: z.number().int(),
      responders: z.number().int(),
      averageScore: z.number().nullable(),
      /** Answers of 1 or 2. */
      lowScores: z.number().int(),
    })
    .optional(),
  /** Responders' load in aggregate (missions started in the period): with `wellbeing`, same roles. */
  responderLoad: z
    .object({
      missions: z.number().int(),
      responders: z.number().int(),
      missionsPerResponder: z.number().nullable(),
      stillActive: z.number().int(),
    })
    .optional(),
});
export type DashboardSummary = z.infer<typeof dashboardSummary>;
