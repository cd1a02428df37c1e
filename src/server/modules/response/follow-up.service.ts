import { randomUUID } from 'node:crypto';
import type {
  FeedbackInput,
  FeedbackView,
  ImpactInput,
  ImpactView,
  ReviewInput,
  ReviewView,
} from '../../../shared/contracts/response.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { notFuture, type ResponseDeps, type ResponseKit } from './response.shared.js';
import type { ResponseViews } from './response.views.js';

/**
 * Follow-up and learning (DESIGN §2.6): the victim's feedback, the impacts the response had, and the
 * after-action review (one per case; required for P1 cases and cases that breached a clock).
 */
export function createFollowUpUseCases(
  deps: Pick<ResponseDeps, 'db' | 'clock' | 'repo' | 'workflow' | 'clocksRepo' | 'vault'>,
  kit: ResponseKit,
  views: ResponseViews,
) {
  const { repo, workflow, clocksRepo, vault } = deps;
  const { write, caseLog, auditRead, seal } = kit;

  const listFeedback = async (c: CaseRow): Promise<FeedbackView[]> =>
    Promise.all((await repo.feedbackOf(c.id)).map((f) => views.feedbackView(c, f)));
  const listImpacts = async (c: CaseRow): Promise<ImpactView[]> =>
    Promise.all((await repo.impactsOf(c.id)).map((i) => views.impactView(c, i)));

  /** A review is still owed when none exists and the case was P1 or breached a clock. */
  async function aarRequired(c: CaseRow, hasReview: boolean): Promise<boolean> {
    if (hasReview) return false;
    return c.priority === 'P1' || (await clocksRepo.anyBreached(c.id));
  }

  async function feedback(caseId: string, actor: Actor): Promise<FeedbackView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const list = await listFeedback(c);
    await auditRead(c, actor, 'feedback');
    return list;
  }

  function recordFeedback(caseId: string, actor: Actor, input: FeedbackInput): Promise<FeedbackView> {
    return write(caseId, actor, 'feedback', async (c, tx, now) => {
      notFuture(input.at, 'at', now);
      const id = randomUUID();
      const row = await repo.insertFeedback(
        {
          id,
          caseId: c.id,
          channel: input.channel,
          satisfaction: input.satisfaction,
          confidentialityRespected: input.confidentialityRespected,
          decidedNextSteps: input.decidedNextSteps,
          unmetNeedsEnc: await seal(c, input.unmetNeeds, aad('victim_feedback', 'unmet_needs', id), tx),
          at: input.at ?? now,
          recordedBy: actor.id,
        },
        tx,
      );
      const data = {
        feedbackId: id,
        channel: row.channel,
        satisfaction: row.satisfaction,
        confidentialityRespected: row.confidentialityRespected,
        decidedNextSteps: row.decidedNextSteps,
        hasUnmetNeeds: Boolean(row.unmetNeedsEnc),
      };
      await caseLog({ caseId: c.id, actorId: actor.id, type: 'feedback.recorded', data, at: now }, tx);
      return views.feedbackView(c, row, tx);
    });
  }

  /**
   * Satisfaction the reporter gave by USSD from the phone that reported (the channel checked the blind
   * index): a feedback row like staff's, with nobody as its recorder, and the same timeline entry.
   */
  async function recordUssdFeedback(caseId: string, satisfaction: number): Promise<void> {
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const id = randomUUID();
      await repo.insertFeedback({ id, caseId, channel: 'ussd', satisfaction, at: now, recordedBy: null }, tx);
      await caseLog(
        {
          caseId,
          actorId: null,
          actorLabel: 'ussd-gateway',
          type: 'feedback.recorded',
          data: { feedbackId: id, channel: 'ussd', satisfaction, fromReporterPhone: true },
          at: now,
        },
        tx,
      );
    });
  }

  async function impacts(caseId: string, actor: Actor): Promise<ImpactView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const list = await listImpacts(c);
    await auditRead(c, actor, 'impacts');
    return list;
  }

  function recordImpact(caseId: string, actor: Actor, input: ImpactInput): Promise<ImpactView> {
    return write(caseId, actor, 'impacts', async (c, tx, now) => {
      notFuture(input.at, 'at', now);
      const id = randomUUID();
      const row = await repo.insertImpact(
        {
          id,
          caseId: c.id,
          scope: input.scope,
          code: input.code,
          noteEnc: await seal(c, input.note, aad('case_impacts', 'note', id), tx),
          at: input.at ?? now,
          recordedBy: actor.id,
        },
        tx,
      );
      const data = { impactId: id, scope: row.scope, code: row.code };
      await caseLog({ caseId: c.id, actorId: actor.id, type: 'impact.recorded', data, at: now }, tx);
      return views.impactView(c, row, tx);
    });
  }

  async function afterActionReview(
    caseId: string,
    actor: Actor,
  ): Promise<{ review: ReviewView | null; required: boolean }> {
    const c = await workflow.loadForActor(caseId, actor);
    const row = await repo.reviewOf(c.id);
    const review = row ? await views.reviewView(c, row) : null;
    if (row) await auditRead(c, actor, 'after_action_review');
    return { review, required: await aarRequired(c, Boolean(row)) };
  }

  function recordAfterActionReview(caseId: string, actor: Actor, input: ReviewInput): Promise<ReviewView> {
    return write(caseId, actor, 'afterActionReview', async (c, tx, now) => {
      // The case row is locked by `write`, so two reviews cannot race past this check.
      if (await repo.reviewOf(c.id, tx)) throw new AppError('CONFLICT', { reason: 'review_exists' });
      const id = randomUUID();
      const sealed = aadOf('after_action_reviews');
      const row = await repo.insertReview(
        {
          id,
          caseId: c.id,
          whatWorkedEnc: await vault.encrypt(c.dataKeyId, input.whatWorked, sealed('what_worked', id), tx),
          challengesEnc: await vault.encrypt(c.dataKeyId, input.challenges, sealed('challenges', id), tx),
          lessonsEnc: await vault.encrypt(c.dataKeyId, input.lessons, sealed('lessons', id), tx),
          reviewedBy: actor.id,
          at: now,
        },
        tx,
      );
      const required = c.priority === 'P1' || (await clocksRepo.anyBreached(c.id, tx));
      const data = { reviewId: id, required };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'after_action_review.recorded', data, at: now },
        tx,
      );
      return views.reviewView(c, row, tx);
    });
  }

  return {
    listFeedback,
    listImpacts,
    aarRequired,
    feedback,
    recordFeedback,
    recordUssdFeedback,
    impacts,
    recordImpact,
    afterActionReview,
    recordAfterActionReview,
  };
}
