import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../cases/format.js';
import { usePartnerAct, usePartnerHome, useSetCapacity, type PartnerReferral } from './api.js';

/** The partner portal (mobile first): my provider's referrals, nothing else. */
export function PartnerPage() {
  const { t } = useTranslation();
  const query = usePartnerHome();
  const capacity = useSetCapacity();
  const [beds, setBeds] = useState('');
  return (
    <section className="page" data-testid="partner-page">
      <PageHeading title={t('referrals.partnerTitle')}>{t('referrals.partnerTitle')}</PageHeading>
      <QueryState query={query}>
        {(data) => (
          <>
            <p className="muted" data-testid="partner-provider">
              {data.provider.name}
            </p>
            <form
              className="button-row"
              onSubmit={(e) => {
                e.preventDefault();
                const n = Number(beds);
                if (beds !== '' && Number.isInteger(n) && n >= 0) capacity.mutate(n);
              }}
            >
              <label data-testid="partner-capacity">
                {t('referrals.capacity', { count: data.provider.capacity ?? 0 })}{' '}
                <input
                  data-testid="partner-capacity-input"
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={beds}
                  onChange={(e) => setBeds(e.target.value)}
                />
              </label>
              <button type="submit" className="button" data-testid="partner-capacity-save">
                {t('referrals.updateCapacity')}
              </button>
            </form>
            {capacity.isError ? (
              <p className="alert alert--error" role="alert">
                {errorText(capacity.error)}
              </p>
            ) : null}
            {data.referrals.length === 0 ? <p>{t('referrals.none')}</p> : null}
            {data.referrals.map((r) => (
              <ReferralCard key={r.id} r={r} />
            ))}
          </>
        )}
      </QueryState>
    </section>
  );
}

function ReferralCard({ r }: { r: PartnerReferral }) {
  const { t, i18n } = useTranslation();
  const act = usePartnerAct();
  const [text, setText] = useState('');
  return (
    <article className="card" data-testid="partner-referral" data-status={r.status} data-number={r.number}>
      <h2>
        {r.number} · {t(`referrals.needs.${r.need}`, { defaultValue: r.need })}
      </h2>
      <p className="muted">
        {t(`referrals.statuses.${r.status}`)} · {formatDateTime(r.sentAt, i18n.language)}
      </p>
      {r.shared ? (
        <dl data-testid="partner-shared">
          {Object.entries(r.shared).map(([k, v]) => (
            <div key={k}>
              <dt>{t(`referrals.fields.${k}`, { defaultValue: k })}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('referrals.nothingShared')}</p>
      )}
      {r.declineReason ? <p>{t('referrals.reason', { reason: r.declineReason })}</p> : null}
      {r.outcome ? <p>{t('referrals.outcomeWas', { outcome: r.outcome })}</p> : null}
      {r.status === 'sent' || r.status === 'accepted' ? (
        <div className="button-row">
          <label>
            {r.status === 'sent' ? t('referrals.declineReason') : t('referrals.outcome')}
            <input data-testid="partner-text" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          {r.status === 'sent' ? (
            <>
              <button
                type="button"
                className="button button--primary"
                data-testid="partner-accept"
                onClick={() => act.mutate({ id: r.id, kind: 'accept' })}
              >
                {t('referrals.accept')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="partner-decline"
                onClick={() => act.mutate({ id: r.id, kind: 'decline', reason: text })}
              >
                {t('referrals.decline')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--primary"
              data-testid="partner-outcome"
              onClick={() => act.mutate({ id: r.id, kind: 'outcome', outcome: text })}
            >
              {t('referrals.recordOutcome')}
            </button>
          )}
        </div>
      ) : null}
      {act.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(act.error)}
        </p>
      ) : null}
    </article>
  );
}
