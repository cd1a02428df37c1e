import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import {
  consentMethods,
  referralFieldsByNeed,
  referralNeeds,
  type ReferralNeed,
} from '../../../shared/contracts/referrals.js';
import type { CaseDetail } from '../cases/api.js';
import { useProviders, useRefer, type ReferralBody } from './staffApi.js';

/**
 * Referring from the case: choose the need → a matching provider (the case's county first) → only the
 * need's fields → consent (purpose, data shared, with whom, how given, the right to withdraw) → send.
 */
export function ReferForm({ c, close }: { c: CaseDetail; close: (number?: string) => void }) {
  const { t } = useTranslation();
  const [need, setNeed] = useState<ReferralNeed | ''>('');
  const [everywhere, setEverywhere] = useState(!c.county);
  const [providerId, setProviderId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [purpose, setPurpose] = useState('');
  const [method, setMethod] = useState<(typeof consentMethods)[number]>('in_person');
  const [told, setTold] = useState(false);
  const providers = useProviders({ need, county: everywhere ? '' : (c.county ?? '') });
  const refer = useRefer(c.id);
  const list = need ? (providers.data?.providers ?? []) : [];
  const provider = list.find((p) => p.id === providerId);
  const wanted: readonly string[] = need ? referralFieldsByNeed[need] : [];
  const fieldError = (path: string) =>
    isApiError(refer.error) ? refer.error.fields.find((f) => f.path.endsWith(path))?.message : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!need || !provider || !told) return;
    const body = {
      need,
      providerId: provider.id,
      fields: Object.fromEntries(wanted.map((k) => [k, (fields[k] ?? '').trim()])),
      consent: { purpose: purpose.trim(), method, toldRightToWithdraw: true },
    } as ReferralBody;
    refer.mutate(body, { onSuccess: (r) => close(r.number) });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="refer-form" noValidate>
      <h3>{t('referrals.staff.refer')}</h3>
      {refer.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(refer.error)}
        </p>
      ) : null}
      <p className="field">
        <label htmlFor="refer-need">{t('referrals.staff.chooseNeed')}</label>
        <select
          id="refer-need"
          value={need}
          onChange={(e) => {
            setNeed(e.target.value as ReferralNeed);
            setProviderId('');
          }}
        >
          <option value="">{t('referrals.staff.chooseNeedFirst')}</option>
          {referralNeeds.map((n) => (
            <option key={n} value={n}>
              {t(`referrals.needs.${n}`)}
            </option>
          ))}
        </select>
      </p>
      {need ? (
        <fieldset data-testid="refer-providers">
          <legend>{t('referrals.staff.matching')}</legend>
          {c.county ? (
            <label className="checkbox">
              <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} />{' '}
              {t('referrals.staff.allCounties')}
            </label>
          ) : null}
          {providers.isSuccess && list.length === 0 ? (
            <p className="muted">{t('referrals.staff.noMatch')}</p>
          ) : null}
          {list.map((p) => (
            <label key={p.id} className="radio">
              <input
                type="radio"
                name="refer-provider"
                value={p.id}
                checked={providerId === p.id}
                onChange={() => setProviderId(p.id)}
              />{' '}
              {p.name} · {p.counties.join(', ')}
              {p.capacity !== null ? ` · ${t('referrals.staff.capacityLine', { count: p.capacity })}` : ''}
              {p.verifiedAt ? '' : ` · ${t('referrals.staff.notVerified')}`}
            </label>
          ))}
        </fieldset>
      ) : null}
      {provider ? (
        <>
          <fieldset>
            <legend>{t('referrals.staff.sharedFields')}</legend>
            {wanted.map((k) => (
              <p className="field" key={k}>
                <label htmlFor={`refer-field-${k}`}>{t(`referrals.fields.${k}`, { defaultValue: k })}</label>
                <input
                  id={`refer-field-${k}`}
                  value={fields[k] ?? ''}
                  onChange={(e) => setFields({ ...fields, [k]: e.target.value })}
                  aria-invalid={fieldError(k) ? true : undefined}
                />
                {fieldError(k) ? <span className="field__error">{fieldError(k)}</span> : null}
              </p>
            ))}
          </fieldset>
          <fieldset data-testid="refer-consent">
            <legend>{t('referrals.staff.consentTitle')}</legend>
            <p className="field">
              <label htmlFor="refer-purpose">{t('referrals.staff.purpose')}</label>
              <textarea
                id="refer-purpose"
                value={purpose}
                onChange={(e) => setPurpose(e.target.value)}
                aria-invalid={fieldError('purpose') ? true : undefined}
              />
              {fieldError('purpose') ? <span className="field__error">{fieldError('purpose')}</span> : null}
            </p>
            <p>
              {t('referrals.staff.dataShared', {
                list: wanted.map((k) => t(`referrals.fields.${k}`, { defaultValue: k })).join(', '),
              })}
            </p>
            <p>{t('referrals.staff.withWhom', { provider: provider.name })}</p>
            <p className="field">
              <label htmlFor="refer-method">{t('referrals.staff.method')}</label>
              <select
                id="refer-method"
                value={method}
                onChange={(e) => setMethod(e.target.value as typeof method)}
              >
                {consentMethods.map((m) => (
                  <option key={m} value={m}>
                    {t(`referrals.staff.methods.${m}`)}
                  </option>
                ))}
              </select>
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={told} onChange={(e) => setTold(e.target.checked)} />{' '}
              {t('referrals.staff.toldRight')}
            </label>
          </fieldset>
        </>
      ) : null}
      <p className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={!provider || !told || refer.isPending}
        >
          {t('referrals.staff.send')}
        </button>
        <button type="button" className="button" onClick={() => close()}>
          {t('referrals.staff.cancel')}
        </button>
      </p>
    </form>
  );
}
