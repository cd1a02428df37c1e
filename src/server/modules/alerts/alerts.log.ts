import type { Executor } from '../../db/client.js';
import type { CaseLogDeps } from '../cases/case-log.js';
import type { AlertEventType } from '../../../shared/contracts/alerts.js';

export interface AlertLogEntry {
  alert: { id: string; caseId: string | null };
  /** The user who acted, or null for the system. */
  actorId: string | null;
  /** `alert.<event>` is the timeline event type and the audit action. */
  event: AlertEventType;
  at: Date;
  /** The case timeline's payload; without it only the audit entry is written (the caller logs the case). */
  timeline?: Record<string, unknown>;
  /** The audit entry's payload: ids, codes and counts only. */
  meta: Record<string, unknown>;
}

/**
 * What `caseLog` is for a case, for an alert: one call writes the case's timeline event (when the alert
 * has a case and the change belongs on its timeline) and the audit entry, whose subject is the alert, in
 * the caller's transaction.
 */
export function createAlertLog(deps: CaseLogDeps) {
  return async function alertLog(entry: AlertLogEntry, tx: Executor): Promise<void> {
    const actorLabel = entry.actorId ? 'user' : 'system';
    const type = `alert.${entry.event}`;
    if (entry.alert.caseId && entry.timeline) {
      await deps.cases.addEvent(
        {
          caseId: entry.alert.caseId,
          at: entry.at,
          actorId: entry.actorId,
          actorLabel,
          type,
          data: entry.timeline,
        },
        tx,
      );
    }
    await deps.audit.record(
      {
        actorId: entry.actorId,
        actorLabel,
        action: type,
        subjectType: 'alert',
        subjectId: entry.alert.id,
        meta: entry.meta,
      },
      tx,
    );
  };
}
export type AlertLog = ReturnType<typeof createAlertLog>;
