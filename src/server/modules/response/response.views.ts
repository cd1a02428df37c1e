import type {
  ActionView,
  FeedbackView,
  ImpactView,
  InstitutionalResponseView,
  ReviewView,
} from '../../../shared/contracts/response.js';
import type {
  ActionRole,
  ActionStatus,
  ActionType,
  Agency,
  FeedbackChannel,
  ImpactScope,
  ImpactType,
  InstitutionalRequest,
  InstitutionalResponseType,
} from '../../../shared/vocabularies.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type {
  ActionRow,
  AfterActionReviewRow,
  FeedbackRow,
  ImpactRow,
  InstitutionalResponseRow,
} from './response.repo.js';
import { iso } from './response.shared.js';

/** Whether an action is past its deadline and still to do. */
export function isOverdue(a: Pick<ActionRow, 'deadline' | 'status'>, now: Date): boolean {
  return (
    Boolean(a.deadline) &&
    (a.status === 'open' || a.status === 'in_progress') &&
    a.deadline!.getTime() < now.getTime()
  );
}

/**
 * The API views of the response records (the arrest's is in `arrest-clock.ts`): rows in, contract
 * shapes out, sealed fields opened under the case's data key. No rules, no writes.
 */
export function createResponseViews(vault: Pick<Vault, 'decryptOptional'>) {
  const unseal = (c: CaseRow, sealed: string | null, at: string, tx?: Executor) =>
    vault.decryptOptional(c.dataKeyId, sealed, at, tx);

  async function actionView(
    c: CaseRow,
    a: ActionRow,
    ownerName: string | null,
    now: Date,
    tx?: Executor,
  ): Promise<ActionView> {
    const d = a.details as { court?: string; caseNumber?: string; hearingDates?: string[] };
    return {
      id: a.id,
      caseId: a.caseId,
      role: a.role as ActionRole,
      type: a.type as ActionType,
      status: a.status as ActionStatus,
      ownerUserId: a.ownerUserId,
      ownerName,
      deadline: iso(a.deadline),
      overdue: isOverdue(a, now),
      outcome: a.outcome,
      notes: await unseal(c, a.notesEnc, aad('case_actions', 'notes', a.id), tx),
      details:
        a.role === 'legal'
          ? { court: d.court ?? null, caseNumber: d.caseNumber ?? null, hearingDates: d.hearingDates ?? [] }
          : null,
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
      completedAt: iso(a.completedAt),
      version: a.version,
    };
  }

  async function institutionalView(
    c: CaseRow,
    r: InstitutionalResponseRow,
    tx?: Executor,
  ): Promise<InstitutionalResponseView> {
    const sealed = aadOf('institutional_responses');
    return {
      id: r.id,
      caseId: r.caseId,
      agency: r.agency as Agency,
      station: r.station,
      officer: await unseal(c, r.officerEnc, sealed('officer', r.id), tx),
      request: r.request as InstitutionalRequest,
      response: r.response as InstitutionalResponseType,
      obNumber: r.obNumber,
      at: r.at.toISOString(),
      notes: await unseal(c, r.notesEnc, sealed('notes', r.id), tx),
      createdBy: r.createdBy,
    };
  }

  async function feedbackView(c: CaseRow, f: FeedbackRow, tx?: Executor): Promise<FeedbackView> {
    return {
      id: f.id,
      caseId: f.caseId,
      channel: f.channel as FeedbackChannel,
      satisfaction: f.satisfaction,
      confidentialityRespected: f.confidentialityRespected,
      decidedNextSteps: f.decidedNextSteps,
      unmetNeeds: await unseal(c, f.unmetNeedsEnc, aad('victim_feedback', 'unmet_needs', f.id), tx),
      at: f.at.toISOString(),
      recordedBy: f.recordedBy,
    };
  }

  async function impactView(c: CaseRow, i: ImpactRow, tx?: Executor): Promise<ImpactView> {
    return {
      id: i.id,
      caseId: i.caseId,
      scope: i.scope as ImpactScope,
      code: i.code as ImpactType,
      note: await unseal(c, i.noteEnc, aad('case_impacts', 'note', i.id), tx),
      at: i.at.toISOString(),
      recordedBy: i.recordedBy,
    };
  }

  async function reviewView(c: CaseRow, r: AfterActionReviewRow, tx?: Executor): Promise<ReviewView> {
    const sealed = aadOf('after_action_reviews');
    return {
      id: r.id,
      caseId: r.caseId,
      whatWorked: (await unseal(c, r.whatWorkedEnc, sealed('what_worked', r.id), tx)) ?? '',
      challenges: (await unseal(c, r.challengesEnc, sealed('challenges', r.id), tx)) ?? '',
      lessons: (await unseal(c, r.lessonsEnc, sealed('lessons', r.id), tx)) ?? '',
      reviewedBy: r.reviewedBy,
      at: r.at.toISOString(),
    };
  }

  return { actionView, institutionalView, feedbackView, impactView, reviewView };
}

export type ResponseViews = ReturnType<typeof createResponseViews>;
