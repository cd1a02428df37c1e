import type { Actor } from '../../security/policy.js';
import { createActionUseCases } from './actions.service.js';
import { createArrestUseCases } from './arrests.service.js';
import { createFollowUpUseCases } from './follow-up.service.js';
import { createInstitutionalUseCases } from './institutional.service.js';
import { acceptsWrites, createResponseKit, type ResponseDeps } from './response.shared.js';
import { createResponseViews } from './response.views.js';

export { acceptsWrites } from './response.shared.js';
export type { ResponseDeps } from './response.shared.js';

/**
 * The response phase of a case (DESIGN §2.3, §2.6): actions typed by role, arrests and their 24-hour
 * clock, the institutional response log, victim feedback, impacts and the after-action review.
 * Every write loads the case through the need-to-know policy, runs in one transaction, and leaves a
 * timeline event and an audit entry carrying ids and codes only; identifying free text is encrypted
 * under the case's data key. Each family of use cases lives in its own file; this composes them.
 */
export function createResponseService(deps: ResponseDeps) {
  const kit = createResponseKit(deps);
  const views = createResponseViews(deps.vault);
  const actions = createActionUseCases(deps, kit, views);
  const arrests = createArrestUseCases(deps, kit);
  const institutional = createInstitutionalUseCases(deps, kit, views);
  const followUp = createFollowUpUseCases(deps, kit, views);

  /** Everything the response tab of the console shows, in one audited read. */
  async function summary(caseId: string, actor: Actor) {
    const c = await deps.workflow.loadForActor(caseId, actor);
    const reviewRow = await deps.repo.reviewOf(c.id);
    const result = {
      actions: await actions.listActions(c),
      arrests: await arrests.listArrests(c),
      institutionalResponses: await institutional.listInstitutional(c),
      feedback: await followUp.listFeedback(c),
      impacts: await followUp.listImpacts(c),
      afterActionReview: reviewRow ? await views.reviewView(c, reviewRow) : null,
      aarRequired: await followUp.aarRequired(c, Boolean(reviewRow)),
    };
    await kit.auditRead(c, actor, 'summary');
    return result;
  }

  return {
    acceptsWrites,
    actions: actions.actions,
    createAction: actions.createAction,
    myActions: actions.myActions,
    updateAction: actions.updateAction,
    arrests: arrests.arrests,
    recordArrest: arrests.recordArrest,
    updateArrest: arrests.updateArrest,
    institutionalResponses: institutional.institutionalResponses,
    logInstitutionalResponse: institutional.logInstitutionalResponse,
    feedback: followUp.feedback,
    recordFeedback: followUp.recordFeedback,
    /** For the USSD channel: the reporter's satisfaction, from their own phone. */
    recordUssdFeedback: followUp.recordUssdFeedback,
    impacts: followUp.impacts,
    recordImpact: followUp.recordImpact,
    afterActionReview: followUp.afterActionReview,
    recordAfterActionReview: followUp.recordAfterActionReview,
    summary,
  };
}
export type ResponseService = ReturnType<typeof createResponseService>;
