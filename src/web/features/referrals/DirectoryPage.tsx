import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import {
  referralNeeds,
  type ProviderIndicator,
  type ReferralNeed,
} from '../../../shared/contracts/referrals.js';
import { useCurrentUser } from '../auth/session.js';
import { formatDateTime } from '../cases/format.js';
import { ProviderForm } from './ProviderForm.js';
import { percent, useIndicators, useProviders, useVerifyProvider, type Provider } from './staffApi.js';

/** The provider directory (staff): search by need and county, add and edit providers, the indicator. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [need, setNeed] = useState<ReferralNeed | ''>('');
  const [county, setCounty] = useState('');
  const [filter, setFilter] = useState<{ need: ReferralNeed | ''; county: string }>({ need: '', county: '' });
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useProviders(filter);
  const indicators = useIndicators();
  const byProvider = new Map((indicators.data?.indicators ?? []).map((i) => [i.providerId, i]));
  return (
    <section className="page page--wide" data-testid="providers-page">
      <PageHeading title={t('referrals.staff.directoryTitle')}>
        {t('referrals.staff.directoryTitle')}
      </PageHeading>
      <p className="muted">{t('referrals.staff.directoryIntro')}</p>
      <form
        className="filters button-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ need, county });
        }}
      >
        <p className="field">
          <label htmlFor="providers-need">{t('referrals.staff.need')}</label>
          <select id="providers-need" value={need} onChange={(e) => setNeed(e.target.value as ReferralNeed)}>
            <option value="">{t('referrals.staff.anyNeed')}</option>
            {referralNeeds.map((n) => (
              <option key={n} value={n}>
                {t(`referrals.needs.${n}`)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="providers-county">{t('referrals.staff.county')}</label>
          <input id="providers-county" value={county} onChange={(e) => setCounty(e.target.value)} />
        </p>
        <button type="submit" className="button">
          {t('referrals.staff.search')}
        </button>
      </form>
      {notice ? (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      ) : null}
      {adding ? (
        <ProviderForm
          close={(saved) => {
            setAdding(false);
            if (saved) setNotice(t('referrals.staff.saved'));
          }}
        />
      ) : (
        <p>
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            {t('referrals.staff.add')}
          </button>
        </p>
      )}
      <QueryState query={query}>
        {(data) =>
          data.providers.length === 0 ? (
            <p>{t('referrals.staff.none')}</p>
          ) : (
            <ul className="records" data-testid="providers">
              {data.providers.map((p) => (
                <ProviderItem key={p.id} p={p} indicator={byProvider.get(p.id)} onSaved={setNotice} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function ProviderItem({
  p,
  indicator,
  onSaved,
}: {
  p: Provider;
  indicator: ProviderIndicator | undefined;
  onSaved: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const verify = useVerifyProvider();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li>
        <ProviderForm
          provider={p}
          close={(saved) => {
            setEditing(false);
            if (saved) onSaved(t('referrals.staff.saved'));
          }}
        />
      </li>
    );
  }
  const when = p.verifiedAt ? `${formatDateTime(p.verifiedAt, i18n.language)} ${t('cases.eat')}` : '';
  return (
    <li className="card" data-testid="provider">
      <h3>
        {p.name} · {t(`referrals.staff.types.${p.type}`, { defaultValue: p.type })}
      </h3>
      <p>{p.services.map((s) => t(`referrals.needs.${s}`, { defaultValue: s })).join(', ')}</p>
      <p className="muted">
        {t('referrals.staff.servesIn', { list: p.counties.join(', ') })}
        {p.languages.length
          ? ` · ${t('referrals.staff.languagesList', { list: p.languages.join(', ') })}`
          : ''}
      </p>
      <p>
        {p.capacity === null
          ? t('referrals.staff.capacityUnknown')
          : t('referrals.staff.capacityLine', { count: p.capacity })}
        {p.hours ? ` · ${t('referrals.staff.hoursLine', { hours: p.hours })}` : ''}
      </p>
      {p.contacts.phone || p.contacts.email || p.contacts.address ? (
        <p className="muted">
          {[p.contacts.phone, p.contacts.email, p.contacts.address].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      <p data-testid="provider-indicator">
        {indicator
          ? t('referrals.staff.indicator', {
              count: indicator.referrals,
              inTime: percent(indicator.acceptedInTimeRate),
              completed: percent(indicator.completedRate),
              satisfied: percent(indicator.satisfiedRate),
            })
          : t('referrals.staff.noIndicator')}
      </p>
      <p className="muted">
        {!p.verifiedAt
          ? t('referrals.staff.notVerified')
          : p.verifiedBy === user.id
            ? t('referrals.staff.verifiedByYou', { when })
            : t('referrals.staff.verifiedOn', { when })}
      </p>
      {verify.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(verify.error)}
        </p>
      ) : null}
      <p className="button-row">
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {t('referrals.staff.edit')}
        </button>
        <button type="button" className="button" onClick={() => verify.mutate(p.id)}>
          {t('referrals.staff.verify')}
        </button>
      </p>
    </li>
  );
}
