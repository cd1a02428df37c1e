import { escalationReasons } from '../../../shared/contracts/alerts.js';
import { endedStatuses } from '../../../shared/workflow.js';
import type { Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { EscalationReason, EscalationRequest } from '../cases/escalation.js';
import {
  policySnapshot,
  type AlertEventType,
  type PolicySnapshot,
} from '../../../shared/contracts/alerts.js';
import type { AlertBus } from './alerts.bus.js';
import type { AlertRow, CaseSummary } from './alerts.repo.js';
import { alwaysUrgent, builtinPolicy, policyNameFor } from './defaults.js';
import type { AreaGroup } from './alerts.text.js';

/** What an alert row keeps in `detail`, beside its columns. */
export interface AlertDetail {
  /** When the armed step is due (ISO); absent once acknowledged, resolved, snoozed or exhausted. */
  nextDueAt?: string | null;
  exhausted?: boolean;
  firstNotifiedAt?: string;
  lastNotified?: { step: number; round: number; at: string };
  /** A group alert (DESIGN §2.7): the place, event or station it covers. */
  area?: AreaGroup;
  /** A place's first urgent report, paging alone: the area group its next report would make. */
  areaKey?: string;
  [k: string]: unknown;
}

/** Where an alert is in its policy: which step, in which pass over the list. */
export interface Position {
  step: number;
  round: number;
}

/** One person paged at one step of one round. */
export interface Page extends Position {
  userId: string;
}

/** The step after `p`: the next in the list, else the first of the next round, else none (exhausted). */
export function advance(policy: PolicySnapshot, p: Position): Position | null {
  if (p.step + 1 < policy.steps.length) return { step: p.step + 1, round: p.round };
  if (p.round < policy.repeat) return { step: 0, round: p.round + 1 };
  return null;
}

export const detailOf = (a: AlertRow): AlertDetail => (a.detail ?? {}) as AlertDetail;

/** The policy an alert started with; a snapshot that no longer parses falls back to the built-in one. */
export function snapshotOfAlert(a: AlertRow): PolicySnapshot {
  const parsed = policySnapshot.safeParse(a.policySnapshot);
  return parsed.success ? parsed.data : builtinPolicy(policyNameFor(a.reason));
}

/** The key that groups triggers into one alert: one open alert per case and reason. */
export const groupKeyOf = (req: Pick<EscalationRequest, 'caseId' | 'reason'>) =>
  `${req.caseId}:${req.reason}`;

/** An alert's priority: the case's assessed one, else P1 when someone is in danger or the trigger is urgent. */
export function priorityFor(
  req: EscalationRequest,
  c: Pick<CaseSummary, 'priority' | 'inDangerNow'> | undefined,
): string {
  if (c?.priority) return c.priority;
  if (alwaysUrgent.includes(req.reason) || c?.inDangerNow || req.detail?.inDangerNow === true) return 'P1';
  // Unassessed and nobody in danger now: the intake clock's P3 timing.
  return 'P3';
}

/**
 * The priority an alert shows and pages with: the case's current one (assessment may have changed it
 * since the alert was raised, and the queue shows that one), else the one it was raised with.
 */
export const currentPriority = (
  a: Pick<AlertRow, 'priority'>,
  c: Pick<CaseSummary, 'priority'> | undefined,
) => c?.priority ?? a.priority;

/** Case statuses that end every alert of the case: the ended statuses of the lifecycle. */
export const caseEndStatuses: readonly string[] = endedStatuses;
export const allReasons: EscalationReason[] = [...escalationReasons];

/** Publish an alert's live event in the writer's transaction (delivered on commit). */
export function publisher(bus: Pick<AlertBus, 'publish'>, clock: Clock) {
  return (alertId: string, event: AlertEventType, tx: Executor) =>
    bus.publish({ alertId, event, at: clock.now().toISOString() }, tx);
}
export type Publish = ReturnType<typeof publisher>;
