import type { alerts as alertsTable } from '../../db/schema/index.js';
import type { AuditEntry } from '../../security/audit.js';
import type { NewCaseEvent } from '../cases/cases.repo.js';
import type { EscalationRequest } from '../cases/escalation.js';
import type { PolicySnapshot } from '../../../shared/contracts/alerts.js';
import { groupKeyOf, type AlertDetail } from './alerts.model.js';

/* The rows raising an alert writes: the alert, its timeline entry and its audit entry. */

export type NewAlert = typeof alertsTable.$inferInsert & { policySnapshot: PolicySnapshot; priority: string };

/** The timeline entry of an escalation request. */
export const requestedEvent = (req: EscalationRequest, now: Date): NewCaseEvent => ({
  caseId: req.caseId,
  at: now,
  actorId: null,
  actorLabel: 'system',
  type: 'escalation.requested',
  data: { reason: req.reason, ...(req.detail ?? {}) },
});

/** A new alert, triggered at `now` with its first step due at once. */
export const newAlert = (
  req: EscalationRequest,
  priority: string,
  snapshot: PolicySnapshot,
  now: Date,
): NewAlert => ({
  caseId: req.caseId,
  reason: req.reason,
  groupKey: groupKeyOf(req),
  priority,
  status: 'triggered',
  policySnapshot: snapshot,
  step: 0,
  round: 0,
  fence: 1,
  triggerCount: 1,
  detail: { nextDueAt: now.toISOString() } satisfies AlertDetail,
  createdAt: now,
  updatedAt: now,
});

/** The audit entry of a raised alert. */
export const raisedEntry = (
  a: Pick<NewAlert, 'caseId' | 'reason' | 'policySnapshot' | 'priority'>,
  id: string,
): AuditEntry => ({
  actorLabel: 'system',
  action: 'alert.raised',
  subjectType: 'alert',
  subjectId: id,
  meta: { caseId: a.caseId, reason: a.reason, policy: a.policySnapshot.name, priority: a.priority },
});
