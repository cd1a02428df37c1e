import { z } from 'zod';
import { roles } from '../permissions.js';

/** An ISO 8601 date-time with a zone (`2026-03-01T08:30:00Z`, `2026-03-01T11:30:00+03:00`). */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
/** Times in responses: ISO 8601 strings in UTC. */
const isoOut = z.string();

/** Who a step pages: the on-call of a rotation, named users, or everyone holding a role. */
export const stepTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rotation'), rotationId: z.string().uuid() }),
  z.object({ kind: z.literal('users'), userIds: z.array(z.string().uuid()).min(1).max(50) }),
  z.object({ kind: z.literal('role'), role: z.enum(roles) }),
]);
export type StepTarget = z.infer<typeof stepTarget>;

/** Minutes may be fractional (0.5 = 30 s) so drills and tests can run fast; at most a day. */
export const policyStep = z.object({
  target: stepTarget,
  waitMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
});
export type PolicyStep = z.infer<typeof policyStep>;

export const policyInput = z.object({
  name: z.string().trim().min(1).max(80),
  steps: z.array(policyStep).min(1).max(10),
  /** How many more times the whole list runs after the first pass (PagerDuty's "repeat"). */
  repeat: z.number().int().min(0).max(10).default(0),
});
export type PolicyInput = z.infer<typeof policyInput>;

/** What an alert keeps: the policy as it was when the alert started. */
export const policySnapshot = z.object({
  id: z.string().uuid().nullable(),
  name: z.string(),
  steps: z.array(policyStep).min(1),
  repeat: z.number().int().min(0),
});
export type PolicySnapshot = z.infer<typeof policySnapshot>;

export const policyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  steps: z.array(policyStep),
  repeat: z.number().int(),
  createdAt: isoOut,
  updatedAt: isoOut,
});
export type PolicyView = z.infer<typeof policyView>;
export const policyList = z.object({ policies: z.array(policyView) });

export const rotationPeriods = ['daily', 'weekly'] as const;
export type RotationPeriod = (typeof rotationPeriods)[number];

export const rotationOverride = z
  .object({ userId: z.string().uuid(), from: isoDate, to: isoDate })
  .refine((o) => o.to.getTime() > o.from.getTime(), { message: 'must end after it starts', path: ['to'] });
export type RotationOverride = z.infer<typeof rotationOverride>;

export const rotationInput = z.object({
  name: z.string().trim().min(1).max(80),
  period: z.enum(rotationPeriods).default('weekly'),
  /** The first shift starts here (UTC instant); member 0 takes it, then 1, … in turn. */
  startsAt: isoDate,
  memberIds: z.array(z.string().uuid()).max(100),
  overrides: z.array(rotationOverride).max(200).default([]),
});
export type RotationInput = z.infer<typeof rotationInput>;

export const rotationView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  period: z.enum(rotationPeriods),
  startsAt: isoOut,
  memberIds: z.array(z.string().uuid()),
  overrides: z.array(z.object({ userId: z.string().uuid(), from: isoOut, to: isoOut })),
  createdAt: isoOut,
});
export type RotationView = z.infer<typeof rotationView>;
export const rotationList = z.object({ rotations: z.array(rotationView) });

const personRef = z.object({ id: z.string().uuid(), displayName: z.string() });

export const onCallView = z.object({
  rotationId: z.string().uuid(),
  rotationName: z.string(),
  period: z.enum(rotationPeriods),
  /** Null when the rotation has no members (and no override covers now). */
  onCall: personRef.nullable(),
  source: z.enum(['rotation', 'override']).nullable(),
  /** When the current shift (or override) started and ends. */
  shiftStart: isoOut.nullable(),
  shiftEnd: isoOut.nullable(),
  next: personRef.nullable(),
});
export type OnCallView = z.infer<typeof onCallView>;
export const onCallList = z.object({ oncall: z.array(onCallView) });

/**
 * On-call coverage (the console's warning banner): per rotation, a problem when nobody is on call now
 * ('empty') or the person on call cannot be reached away from the console ('unreachable': no verified
 * phone, no SMS or email rule).
 */
export const coverageProblems = ['empty', 'unreachable'] as const;
export const oncallCoverage = z.object({
  ok: z.boolean(),
  rotations: z.array(
    z.object({
      rotationId: z.string().uuid(),
      rotationName: z.string(),
      onCallId: z.string().uuid().nullable(),
      problem: z.enum(coverageProblems).nullable(),
    }),
  ),
});
export type OncallCoverage = z.infer<typeof oncallCoverage>;

export const alertStatuses = ['triggered', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const openStatuses: readonly AlertStatus[] = ['triggered', 'acknowledged', 'snoozed'];

/** Why a case is escalated (the workflow, clocks, flags, network and SOS raise these). */
export const escalationReasons = [
  'new_urgent_report',
  'clock_breached',
  'flag_raised',
  'arrest_clock',
  'decision_escalated',
  'sos',
  'missed_check_in',
  'dispatch_unanswered',
  'evidence_integrity',
  'referral_unanswered',
  'review_due',
  'appeal_response_due',
] as const;
export type EscalationReason = (typeof escalationReasons)[number];

/** The one-click commands on an alert: POST /api/alerts/:id/<action>. */
export const alertActions = ['acknowledge', 'snooze', 'resolve'] as const;
export type AlertAction = (typeof alertActions)[number];

export const alertView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid().nullable(),
  caseReference: z.string().nullable(),
  /** Null when the case is restricted and the caller is not on its team. */
  county: z.string().nullable(),
  reason: z.string(),
  priority: z.string(),
  status: z.enum(alertStatuses),
  policy: z.object({ name: z.string(), steps: z.number().int(), repeat: z.number().int() }),
  /** The step (0-based) and round that fires next — or that last fired once the policy is exhausted. */
  step: z.number().int(),
  round: z.number().int(),
  /** When the next step fires; null when acknowledged, resolved, snoozed or the policy is exhausted. */
  nextDueAt: isoOut.nullable(),
  exhausted: z.boolean(),
  triggerCount: z.number().int(),
  snoozedUntil: isoOut.nullable(),
  acknowledgedAt: isoOut.nullable(),
  acknowledgedBy: personRef.nullable(),
  resolvedAt: isoOut.nullable(),
  resolvedBy: personRef.nullable(),
  createdAt: isoOut,
  updatedAt: isoOut,
  notified: z.array(
    z.object({
      userId: z.string().uuid(),
      displayName: z.string(),
      step: z.number().int(),
      round: z.number().int(),
      at: isoOut,
      /** The notifier accepted it (it then delivers by the user's channels and rules). */
      delivered: z.boolean(),
    }),
  ),
  /** A member of a surge group: the group that pages for it (DESIGN §2.7). */
  groupId: z.string().uuid().nullable(),
  /**
   * A group (DESIGN §2.7): by place (`area`: the ward or finest place, empty when none yet, and its
   * window), by event, or by police station (an event's arrest clocks); how many alerts joined it and which.
   */
  group: z
    .object({
      kind: z.enum(['area', 'event', 'station']),
      county: z.string(),
      ward: z.string(),
      eventId: z.string().uuid().nullable(),
      eventReference: z.string().nullable(),
      station: z.string().nullable(),
      windowMinutes: z.number().int(),
      count: z.number().int(),
      memberIds: z.array(z.string().uuid()),
    })
    .nullable(),
});
export type AlertView = z.infer<typeof alertView>;
export const alertList = z.object({ alerts: z.array(alertView) });

export const alertListQuery = z.object({
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const snoozeBody = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

/** The live stream's payload: ids and event names only, never personal data. */
export const alertEventTypes = [
  'created',
  'retriggered',
  'notified',
  'acknowledged',
  'snoozed',
  'resumed',
  'resolved',
] as const;
export type AlertEventType = (typeof alertEventTypes)[number];
export interface AlertEvent {
  alertId: string;
  event: AlertEventType;
  at: string;
}
