import type { Executor } from '../../db/client.js';
import type { AuditEntry } from '../../security/audit.js';
import type { NewCaseEvent } from './cases.repo.js';

/** The two writes a case log needs: a timeline event and an audit entry (a port, not the services). */
export interface CaseLogDeps {
  cases: { addEvent(e: NewCaseEvent, tx?: Executor): Promise<void> };
  audit: { record(entry: AuditEntry, tx?: Executor): Promise<number> };
}

export interface CaseLogEntry {
  caseId: string;
  /** The user who acted, or null for the system. */
  actorId: string | null;
  /** 'user', 'system', 'sms-gateway', …: a role or system name, never a person's name. */
  actorLabel?: string;
  /** The event type, also the audit action: 'arrest.recorded', 'mission.checked_in', … */
  type: string;
  /** Ids, codes and counts only: the same payload goes to the timeline and the audit. */
  data?: Record<string, unknown>;
  /** Sealed free text on the timeline event only (never in the audit). */
  noteEnc?: string | null;
  /** A status change: the timeline event's from and to (a workflow transition). */
  fromStatus?: string;
  toStatus?: string;
  /**
   * Where the audit entry is named or kept apart from the timeline event (`case.acknowledge` for
   * `transition.acknowledge`, fewer fields than the event shows): its action and meta. Default: the
   * event's type and data.
   */
  audit?: { action?: string; meta?: Record<string, unknown> };
  at: Date;
}

/**
 * One call writes what happened to a case twice, in the same transaction: the timeline event the team
 * reads, and the audit entry the hash chain keeps. Every module that changes a case logs through this.
 */
export function createCaseLog(deps: CaseLogDeps) {
  return async function caseLog(entry: CaseLogEntry, tx?: Executor): Promise<void> {
    const actorLabel = entry.actorLabel ?? (entry.actorId ? 'user' : 'system');
    const data = entry.data ?? {};
    await deps.cases.addEvent(
      {
        caseId: entry.caseId,
        at: entry.at,
        actorId: entry.actorId,
        actorLabel,
        type: entry.type,
        ...(entry.fromStatus !== undefined ? { fromStatus: entry.fromStatus } : {}),
        ...(entry.toStatus !== undefined ? { toStatus: entry.toStatus } : {}),
        data,
        ...(entry.noteEnc !== undefined ? { noteEnc: entry.noteEnc } : {}),
      },
      tx,
    );
    await deps.audit.record(
      {
        actorId: entry.actorId,
        actorLabel,
        action: entry.audit?.action ?? entry.type,
        subjectType: 'case',
        subjectId: entry.caseId,
        meta: entry.audit?.meta ?? data,
      },
      tx,
    );
  };
}

export type CaseLog = ReturnType<typeof createCaseLog>;
