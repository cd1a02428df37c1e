import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { useNow } from '../cases/format.js';
import { useWhen } from '../response/kit.js';
import { ReferForm } from './ReferForm.js';
import { useCaseReferrals, useSatisfaction, useWithdrawConsent, type Referral } from './staffApi.js';

/**
 * The case page's referrals: each with its state, its answer clock and its consent; staff withdraw
 * consent here, record the survivor's satisfaction once completed, and refer (ReferForm).
 */
export function CaseReferrals({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = rolesAllow(user.roles, 'referrals:manage');
  // Only those who manage referrals ask for them (no 403 for the rest).
  const query = useCaseReferrals(c.id, allowed);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!allowed) return null;
  return (
    <section className="card case-section" id="case-referrals" aria-labelledby="case-referrals-title">
      <h2 id="case-referrals-title">{t('referrals.staff.caseTitle')}</h2>
      <p className="muted">{t('referrals.staff.caseIntro')}</p>
      {notice ? (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      ) : null}
      {query.isPending ? null : query.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(query.error)}
        </p>
      ) : query.data.referrals.length === 0 ? (
        <p className="muted">{t('referrals.staff.caseNone')}</p>
      ) : (
        <ul className="records" data-testid="case-referrals">
          {query.data.referrals.map((r) => (
            <ReferralItem key={r.id} r={r} caseId={c.id} />
          ))}
        </ul>
      )}
      {open ? (
        <ReferForm
          c={c}
          close={(number) => {
            setOpen(false);
            if (number) setNotice(t('referrals.staff.sentOk', { number }));
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            className="button button--primary"
            data-testid="refer-open"
            onClick={() => {
              setNotice(null);
              setOpen(true);
            }}
          >
            {t('referrals.staff.refer')}
          </button>
        </p>
      )}
    </section>
  );
}

function ReferralItem({ r, caseId }: { r: Referral; caseId: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  const now = useNow();
  const withdraw = useWithdrawConsent(caseId);
  const satisfaction = useSatisfaction(caseId);
  const overdue = r.status === 'sent' && r.responseDueAt && Date.parse(r.responseDueAt) < now;
  const failed = withdraw.error ?? satisfaction.error;
  const fields = r.consent.fields.map((f) => t(`referrals.fields.${f}`, { defaultValue: f })).join(', ');
  return (
    <li className="record" data-testid="case-referral">
      <p>
        <strong>
          {r.number} · {t(`referrals.needs.${r.need}`, { defaultValue: r.need })} · {r.providerName}
        </strong>
      </p>
      <p>
        <span className={overdue ? 'tag tag--late' : 'tag'}>
          {r.status === 'sent' ? t('referrals.staff.awaiting') : t(`referrals.statuses.${r.status}`)}
        </span>{' '}
        {r.status === 'sent' && r.responseDueAt
          ? overdue
            ? t('referrals.staff.overdue', { when: when(r.responseDueAt) })
            : t('referrals.staff.dueBy', { when: when(r.responseDueAt) })
          : null}
      </p>
      <p className="muted">
        {t('referrals.staff.consentLine', {
          method: t(`referrals.staff.methods.${r.consent.method}`, { defaultValue: r.consent.method }),
          purpose: r.consent.purpose,
        })}{' '}
        · {t('referrals.staff.dataShared', { list: fields })}
      </p>
      {r.declineReason ? <p>{t('referrals.reason', { reason: r.declineReason })}</p> : null}
      {r.outcome ? <p>{t('referrals.outcomeWas', { outcome: r.outcome })}</p> : null}
      {r.satisfied !== null ? (
        <p>{r.satisfied ? t('referrals.staff.satisfiedYes') : t('referrals.staff.satisfiedNo')}</p>
      ) : null}
      {failed ? (
        <p className="alert alert--error" role="alert">
          {errorText(failed)}
        </p>
      ) : null}
      {r.status === 'completed' && r.satisfied === null ? (
        <p className="button-row">
          <span>{t('referrals.staff.satisfiedQ')}</span>
          <button
            type="button"
            className="button"
            onClick={() => satisfaction.mutate({ id: r.id, satisfied: true })}
          >
            {t('referrals.staff.yes')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => satisfaction.mutate({ id: r.id, satisfied: false })}
          >
            {t('referrals.staff.no')}
          </button>
        </p>
      ) : null}
      {r.status !== 'withdrawn' ? (
        <p>
          <button
            type="button"
            className="button button--warning"
            data-testid="withdraw-consent"
            onClick={() => {
              if (window.confirm(t('referrals.staff.withdrawConfirm', { number: r.number }))) {
                withdraw.mutate(r.id);
              }
            }}
          >
            {t('referrals.staff.withdraw')}
          </button>
        </p>
      ) : null}
    </li>
  );
}
