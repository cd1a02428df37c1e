import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { casesKey, type CaseDetail } from './api.js';
import { formatDateTime } from './format.js';

/**
 * A P1 approved on the duty officer's fast path owes a retrospective review by an approver (not the
 * officer who took the fast path): the review's state, and the button that records it.
 */
export function RetrospectiveReview({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: () =>
      api<unknown>(`/api/cases/${encodeURIComponent(c.id)}/retrospective-review`, {
        method: 'POST',
        body: note.trim() ? { note: note.trim() } : {},
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
  const decision = c.details.decision;
  if (!decision?.fastPath) return null;
  if (decision.retrospectiveReview) {
    return (
      <p className="muted" data-testid="retrospective-reviewed">
        {t('case.retroDone', {
          at: `${formatDateTime(decision.retrospectiveReview.at, i18n.language)} ${t('cases.eat')}`,
        })}
      </p>
    );
  }
  if (!rolesAllow(user.roles, 'cases:decide') || decision.by === user.id) return null;
  return (
    <div className="response-form--inline" data-testid="retrospective-review">
      <label htmlFor="retro-note">{t('case.retroNote')}</label>
      <textarea
        id="retro-note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {record.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(record.error)}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--primary"
        aria-disabled={record.isPending}
        onClick={() => {
          if (!record.isPending) record.mutate();
        }}
      >
        {t('case.retroRecord')}
      </button>
    </div>
  );
}
