import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { setAsideStatuses, type CaseStatus } from '../../../shared/workflow.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { acceptsWrites, useResponseSummary } from './api.js';
import { ActionsSection } from './ActionsSection.js';
import { ArrestsSection } from './ArrestsSection.js';
import { FeedbackSection, ImpactsSection } from './FollowUpSections.js';
import { InstitutionalSection } from './InstitutionalSection.js';
import { ReviewSection } from './ReviewSection.js';

/** Statuses where nothing more will happen: only what was recorded is shown. */
const beforeApproval: readonly CaseStatus[] = ['received', 'screening', 'assessed', 'awaiting_decision'];

/**
 * The response phase on the case page (DESIGN §2.3, §2.6): arrests and their 24-hour clock, actions
 * by role, the institutional response log, the person's feedback, impacts and the after-action
 * review. A section is offered for writing only when the case's status accepts it and the user's
 * role may write it; before approval the later sections say when they open.
 */
export function ResponsePanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const query = useResponseSummary(c.id);

  if (query.isPending) {
    return (
      <p className="card case-section muted" role="status">
        {t('response.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="card case-section alert alert--error" role="alert">
        <p>{t('response.loadFailed', { message: errorText(query.error) })}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }

  const r = query.data;
  const canAct = rolesAllow(user.roles, 'cases:act');
  const canClose = rolesAllow(user.roles, 'cases:close');
  const open = (kind: keyof typeof acceptsWrites) => acceptsWrites[kind].includes(c.status);
  const isEnded = setAsideStatuses.includes(c.status);
  const early = beforeApproval.includes(c.status);
  const waitNote = early ? t('response.notOpenYet') : null;
  // Sections that cannot be written now and hold nothing are left out, to keep the page short.
  const show = (kind: keyof typeof acceptsWrites, count: number) =>
    count > 0 || (!isEnded && (open(kind) || early));

  return (
    <div className="response" data-testid="case-response">
      {show('arrests', r.arrests.length) ? (
        <ArrestsSection
          c={c}
          arrests={r.arrests}
          fetchedAt={query.dataUpdatedAt}
          canAdd={canAct && open('arrests')}
        />
      ) : null}
      {show('actions', r.actions.length) ? (
        <ActionsSection c={c} actions={r.actions} canAdd={canAct && open('actions')} closedNote={waitNote} />
      ) : null}
      {show('institutionalResponses', r.institutionalResponses.length) ? (
        <InstitutionalSection
          c={c}
          items={r.institutionalResponses}
          canAdd={canAct && open('institutionalResponses')}
        />
      ) : null}
      {r.feedback.length > 0 || (!early && !isEnded && open('feedback')) ? (
        <FeedbackSection c={c} items={r.feedback} canAdd={canAct && open('feedback')} closedNote={null} />
      ) : null}
      {r.impacts.length > 0 || (!early && !isEnded && open('impacts')) ? (
        <ImpactsSection c={c} items={r.impacts} canAdd={canAct && open('impacts')} closedNote={null} />
      ) : null}
      {r.afterActionReview || open('afterActionReview') || (r.aarRequired && c.status === 'active') ? (
        <ReviewSection
          c={c}
          review={r.afterActionReview}
          required={r.aarRequired}
          canAdd={canClose && open('afterActionReview')}
          closedNote={open('afterActionReview') ? null : t('response.notOpenReview')}
        />
      ) : null}
    </div>
  );
}
