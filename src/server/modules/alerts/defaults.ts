import { eatWallClock } from '../../lib/clock.js';
import type { EscalationReason } from '../cases/escalation.js';
import type { PolicySnapshot } from '../../../shared/contracts/alerts.js';

/** Reasons whose alert pages the case lead first, then follows its policy (a provider not answering). */
export const LEAD_FIRST_REASONS: readonly string[] = ['referral_unanswered'];
export const LEAD_FIRST_WAIT_MINUTES = 15;

/**
 * The snapshot an alert runs: for a lead-first reason on a case with a lead, a first step paging the lead
 * alone, the policy's steps after it; otherwise the policy as it is.
 */
export function leadFirst(
  snapshot: PolicySnapshot,
  reason: string,
  leadUserId: string | null | undefined,
): PolicySnapshot {
  if (!leadUserId || !LEAD_FIRST_REASONS.includes(reason)) return snapshot;
  return {
    ...snapshot,
    steps: [
      { target: { kind: 'users', userIds: [leadUserId] }, waitMinutes: LEAD_FIRST_WAIT_MINUTES },
      ...snapshot.steps,
    ],
  };
}

export const DUTY_POLICY = 'duty';
export const LEADERSHIP_POLICY = 'leadership';
export const DUTY_ROTATION = 'duty officers';

/** Which policy escalates which trigger (DESIGN §2.2): reports and missed clocks go to the duty line. */
export function policyNameFor(reason: EscalationReason | string): string {
  switch (reason) {
    case 'flag_raised':
    case 'sos':
    case 'arrest_clock':
    case 'missed_check_in':
    case 'evidence_integrity':
      return LEADERSHIP_POLICY;
    default:
      return DUTY_POLICY;
  }
}

/** Triggers that are urgent whatever the case's assessed priority says (someone's liberty or life). */
export const alwaysUrgent: readonly string[] = ['sos', 'arrest_clock', 'missed_check_in', 'flag_raised'];

/**
 * The defaults seeded when no policy exists. "duty": whoever is on call, then the approvers, then
 * leadership, three passes in all. "leadership" (flags, SOS, arrests, missed check-ins): leadership and
 * approvers together at once (a zero wait fires the next step immediately), again every 10 minutes.
 */
export function defaultPolicies(dutyRotationId: string | null): { name: string; snapshot: PolicySnapshot }[] {
  return [
    {
      name: DUTY_POLICY,
      snapshot: {
        id: null,
        name: DUTY_POLICY,
        steps: [
          {
            target: dutyRotationId
              ? { kind: 'rotation', rotationId: dutyRotationId }
              : { kind: 'role', role: 'duty_officer' },
            waitMinutes: 5,
          },
          { target: { kind: 'role', role: 'approver' }, waitMinutes: 10 },
          { target: { kind: 'role', role: 'leadership' }, waitMinutes: 10 },
        ],
        repeat: 2,
      },
    },
    {
      name: LEADERSHIP_POLICY,
      snapshot: {
        id: null,
        name: LEADERSHIP_POLICY,
        steps: [
          { target: { kind: 'role', role: 'leadership' }, waitMinutes: 0 },
          { target: { kind: 'role', role: 'approver' }, waitMinutes: 10 },
        ],
        repeat: 2,
      },
    },
  ];
}

/** Used when a reason's policy was renamed away: the same shape, paging the duty officers by role. */
export function builtinPolicy(name: string): PolicySnapshot {
  const found = defaultPolicies(null).find((p) => p.name === name) ?? defaultPolicies(null)[0]!;
  return found.snapshot;
}

/** Monday 08:00 East Africa Time (05:00 UTC) of the week containing `at`: the default handover. */
export function mondayMorningEat(at: Date): Date {
  const eat = eatWallClock(at);
  const daysSinceMonday = (eat.getUTCDay() + 6) % 7;
  const monday = Date.UTC(eat.getUTCFullYear(), eat.getUTCMonth(), eat.getUTCDate() - daysSinceMonday, 5);
  return new Date(monday);
}
