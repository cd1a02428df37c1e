/**
 * The case lifecycle of DESIGN §2.1 as data: every transition, who may make it, and what it needs.
 * The server's workflow service is the only code that changes a case's status, and only through this.
 */
export const caseStatuses = [
  'received',
  'screening',
  'assessed',
  'awaiting_decision',
  'active',
  'follow_up',
  'closed',
  'not_urgent',
  'duplicate',
  'declined',
  'withdrawn',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const openStatuses: readonly CaseStatus[] = [
  'received',
  'screening',
  'assessed',
  'awaiting_decision',
  'active',
  'follow_up',
];

/** A case in one of these has ended (closed, or set aside): nothing new is started on it. */
export const endedStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => !openStatuses.includes(s));

/** Ended without a response: set aside at screening or decision, or withdrawn (not closed after one). */
export const setAsideStatuses: readonly CaseStatus[] = endedStatuses.filter((s) => s !== 'closed');

/**
 * Which case statuses accept each kind of response record (the response service refuses others with
 * CASE_NOT_ACTIVE; the console offers only the forms that can succeed).
 */
export const responseWritesAccepted: Record<
  'actions' | 'arrests' | 'institutionalResponses' | 'feedback' | 'impacts' | 'afterActionReview',
  readonly CaseStatus[]
> = {
  actions: ['active', 'follow_up'],
  arrests: [...openStatuses, 'closed'],
  institutionalResponses: [...openStatuses, 'closed'],
  feedback: ['active', 'follow_up', 'closed'],
  impacts: ['active', 'follow_up', 'closed'],
  afterActionReview: ['follow_up', 'closed'],
};

export interface TransitionRule {
  action: string;
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** The permission the actor needs (shared/permissions.ts). */
  permission:
    'cases:screen' | 'cases:assess' | 'cases:decide' | 'cases:act' | 'cases:close' | 'cases:withdraw';
  /** A reason is required for this step (recorded on the timeline, encrypted). */
  reasonRequired: boolean;
}

export const transitions = [
  {
    action: 'acknowledge',
    from: ['received'],
    to: 'screening',
    permission: 'cases:screen',
    reasonRequired: false,
  },
  {
    action: 'mark_not_urgent',
    from: ['screening'],
    to: 'not_urgent',
    permission: 'cases:screen',
    reasonRequired: true,
  },
  {
    action: 'mark_duplicate',
    from: ['screening'],
    to: 'duplicate',
    permission: 'cases:screen',
    reasonRequired: true,
  },
  {
    action: 'assess',
    from: ['screening', 'assessed'],
    to: 'assessed',
    permission: 'cases:assess',
    reasonRequired: false,
  },
  {
    action: 'request_decision',
    from: ['assessed'],
    to: 'awaiting_decision',
    permission: 'cases:assess',
    reasonRequired: false,
  },
  {
    action: 'approve',
    from: ['awaiting_decision'],
    to: 'active',
    permission: 'cases:decide',
    reasonRequired: false,
  },
  {
    action: 'decline',
    from: ['awaiting_decision'],
    to: 'declined',
    permission: 'cases:decide',
    reasonRequired: true,
  },
  {
    action: 'escalate_decision',
    from: ['awaiting_decision'],
    to: 'awaiting_decision',
    permission: 'cases:decide',
    reasonRequired: true,
  },
  {
    action: 'start_follow_up',
    from: ['active'],
    to: 'follow_up',
    permission: 'cases:act',
    reasonRequired: false,
  },
  { action: 'close', from: ['follow_up'], to: 'closed', permission: 'cases:close', reasonRequired: true },
  { action: 'reopen', from: ['closed'], to: 'active', permission: 'cases:close', reasonRequired: true },
  {
    action: 'withdraw',
    from: ['received', 'screening', 'assessed', 'awaiting_decision', 'active', 'follow_up'],
    to: 'withdrawn',
    permission: 'cases:withdraw',
    reasonRequired: true,
  },
] as const satisfies readonly TransitionRule[];
export type TransitionAction = (typeof transitions)[number]['action'];
export const transitionActions = transitions.map((t) => t.action) as [
  TransitionAction,
  ...TransitionAction[],
];

export function findTransition(action: string): TransitionRule | undefined {
  return (transitions as readonly TransitionRule[]).find((t) => t.action === action);
}

/** Allowed actions from a status (for the console's buttons). */
export function actionsFrom(status: CaseStatus): TransitionAction[] {
  return transitions.filter((t) => (t.from as readonly CaseStatus[]).includes(status)).map((t) => t.action);
}

export interface Thresholds {
  severity: number;
  immediacy: number;
  feasibility: number;
}

/** Organisation-configurable activation rules; these are the defaults of DESIGN §2.1. */
export interface PriorityRules {
  activateMin: number;
  p1: { severity: number; immediacy: number };
  /** Otherwise P2 from this severity + immediacy, P3 from `p3Sum`, else P4 (defaults 5 and 3). */
  p2Sum?: number;
  p3Sum?: number;
}
export const defaultPriorityRules: PriorityRules = { activateMin: 2, p1: { severity: 3, immediacy: 3 } };

export function derivePriority(t: Thresholds, rules: PriorityRules = defaultPriorityRules) {
  const activate =
    t.severity >= rules.activateMin && t.immediacy >= rules.activateMin && t.feasibility >= rules.activateMin;
  let priority: 'P1' | 'P2' | 'P3' | 'P4';
  if (t.severity >= rules.p1.severity && t.immediacy >= rules.p1.immediacy) priority = 'P1';
  else if (t.severity + t.immediacy >= (rules.p2Sum ?? 5)) priority = 'P2';
  else if (t.severity + t.immediacy >= (rules.p3Sum ?? 3)) priority = 'P3';
  else priority = 'P4';
  return { priority, activate };
}

/** SLA clocks in minutes from intake, per priority (DESIGN §2.2); organisations may change them. */
export interface SlaMinutes {
  acknowledge: number;
  decision: number;
  firstAction: number;
}
export const defaultSla: Record<'P1' | 'P2' | 'P3' | 'P4', SlaMinutes> = {
  P1: { acknowledge: 5, decision: 30, firstAction: 120 },
  P2: { acknowledge: 15, decision: 120, firstAction: 24 * 60 },
  P3: { acknowledge: 60, decision: 24 * 60, firstAction: 72 * 60 },
  P4: { acknowledge: 240, decision: 72 * 60, firstAction: 7 * 24 * 60 },
};

export const clockKinds = [
  'acknowledge',
  'decision',
  'first_action',
  'arrest_18h',
  'arrest_24h',
  'retrospective_review',
  /** A responder on a mission must check in by this time (subject: the mission). */
  'mission_check_in',
  /** A provider must answer a referral (accept or decline) by this time (subject: the referral). */
  'referral_response',
] as const;
export type ClockKind = (typeof clockKinds)[number];

/** Arrest: the person must be before a court within 24 hours (Constitution of Kenya, Art. 49(1)(f)). */
export const ARREST_WARNING_HOURS = 18;
export const ARREST_LIMIT_HOURS = 24;
