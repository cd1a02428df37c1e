import type { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import type { AuditEntry } from '../../security/audit.js';

/**
 * The escalation interface the workflow calls: "escalate case X for reason Y" (a port owned by the
 * cases module). The alerting module implements it: policies, on-call rotas and notifications.
 */
export type EscalationReason =
  | 'new_urgent_report'
  | 'clock_breached'
  | 'flag_raised'
  | 'arrest_clock'
  | 'decision_escalated'
  | 'sos'
  | 'missed_check_in'
  | 'dispatch_unanswered'
  | 'evidence_integrity'
  | 'referral_unanswered'
  | 'review_due'
  | 'appeal_response_due';

export interface EscalationRequest {
  caseId: string;
  reason: EscalationReason;
  detail?: Record<string, unknown>;
}

/** An escalation of a case made in the same transaction: what the alert needs to know about it. */
export interface NewCaseEscalation extends EscalationRequest {
  priority: string | null;
  inDangerNow: boolean;
  /** Where the report is from: a surge in one ward pages as one group (DESIGN §2.7). */
  county?: string | null;
  subCounty?: string | null;
  ward?: string | null;
  /** Restricted cases never join a group (a group page names the ward). */
  restricted?: boolean;
}

export interface PreparedEscalations {
  /** Add the rows to `batch`; the audit entries go to `audit`. */
  write(batch: InsertBatch, audit: (entry: AuditEntry) => void): void;
  afterCommit(): Promise<void>;
}

export interface Escalations {
  /** Called inside the transaction of the change that caused it, so nothing is lost on a crash. */
  request(req: EscalationRequest, tx?: Executor): Promise<void>;
  /** Many requests in the caller's transaction (clock firings), in a few statements. Optional. */
  requestMany?(reqs: EscalationRequest[], tx: Executor): Promise<void>;
  /**
   * Escalate a batch of cases the caller is about to create (intake), all at once. Nobody else can know
   * these cases yet, so there is no open alert to join. Reads what it needs now (before the caller
   * writes); `write` then adds its rows to the caller's batch (one statement with the cases), and
   * `afterCommit` queues jobs once that has committed. Optional: without it, intake calls `request` for
   * each case after writing them.
   */
  prepareNew?(reqs: NewCaseEscalation[]): Promise<PreparedEscalations>;
  /**
   * The case moved on: acknowledging it acknowledges its intake alert, ending it resolves its alerts,
   * so nobody keeps being paged for a case already handled.
   */
  caseProgressed?(caseId: string, toStatus: string, actorId: string | null, tx: Executor): Promise<void>;
  /**
   * The cause went away (a breached clock was met): the case's open alerts for these reasons resolve,
   * so nobody keeps being paged for what is done. Returns how many resolved.
   */
  resolveFor?(
    caseId: string,
    reasons: readonly EscalationReason[],
    via: string,
    actorId: string | null,
    tx: Executor,
  ): Promise<number>;
  /**
   * Cases attached to an event (DESIGN §2.7): their paging alerts join the event's group, which pages
   * for them all. Optional: without it, each alert keeps paging as it did.
   */
  joinEvent?(
    event: { id: string; reference: string; county: string | null },
    caseIds: string[],
    tx: Executor,
  ): Promise<number>;
}
