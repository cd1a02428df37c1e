import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import {
  providerTypes,
  referralNeeds,
  type ProviderInput,
  type ReferralNeed,
} from '../../../shared/contracts/referrals.js';
import { useSaveProvider, type Provider } from './staffApi.js';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Create or edit a provider: services, counties, capacity, hours, contacts and languages. */
export function ProviderForm({ provider, close }: { provider?: Provider; close: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const save = useSaveProvider();
  const [name, setName] = useState(provider?.name ?? '');
  const [type, setType] = useState<string>(provider?.type ?? 'safe_house');
  const [services, setServices] = useState<string[]>(provider?.services ?? []);
  const [counties, setCounties] = useState(provider?.counties.join(', ') ?? '');
  const [languages, setLanguages] = useState(provider?.languages.join(', ') ?? '');
  const [capacity, setCapacity] = useState(provider?.capacity?.toString() ?? '');
  const [hours, setHours] = useState(provider?.hours ?? '');
  const [phone, setPhone] = useState(provider?.contacts.phone ?? '');
  const [email, setEmail] = useState(provider?.contacts.email ?? '');
  const [address, setAddress] = useState(provider?.contacts.address ?? '');
  const id = provider?.id ?? 'new';
  const fieldError = (path: string) =>
    isApiError(save.error) ? save.error.fields.find((f) => f.path.startsWith(path))?.message : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ProviderInput = {
      name: name.trim(),
      type: type as ProviderInput['type'],
      services: services as ReferralNeed[],
      counties: list(counties),
      languages: list(languages),
      capacity: capacity.trim() === '' ? null : Number(capacity),
      ...(hours.trim() ? { hours: hours.trim() } : {}),
      contacts: {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
      },
    };
    save.mutate({ ...(provider ? { id: provider.id } : {}), body }, { onSuccess: () => close(true) });
  };

  const input = (
    key: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, unknown> = {},
  ) => (
    <p className="field">
      <label htmlFor={`provider-${id}-${key}`}>{label}</label>
      <input
        id={`provider-${id}-${key}`}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={fieldError(key) ? true : undefined}
        {...extra}
      />
      {fieldError(key) ? <span className="field__error">{fieldError(key)}</span> : null}
    </p>
  );

  return (
    <form className="card" onSubmit={submit} data-testid="provider-form" noValidate>
      <h3>{provider ? t('referrals.staff.edit') : t('referrals.staff.add')}</h3>
      {save.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(save.error)}
        </p>
      ) : null}
      {input('name', t('referrals.staff.name'), name, setName, { required: true })}
      <p className="field">
        <label htmlFor={`provider-${id}-type`}>{t('referrals.staff.type')}</label>
        <select id={`provider-${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
          {providerTypes.map((p) => (
            <option key={p} value={p}>
              {t(`referrals.staff.types.${p}`)}
            </option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>{t('referrals.staff.services')}</legend>
        {referralNeeds.map((n) => (
          <label key={n} className="checkbox">
            <input
              type="checkbox"
              checked={services.includes(n)}
              onChange={(e) =>
                setServices(e.target.checked ? [...services, n] : services.filter((s) => s !== n))
              }
            />{' '}
            {t(`referrals.needs.${n}`)}
          </label>
        ))}
        {fieldError('services') ? <span className="field__error">{fieldError('services')}</span> : null}
      </fieldset>
      {input('counties', t('referrals.staff.counties'), counties, setCounties)}
      {input('languages', t('referrals.staff.languages'), languages, setLanguages)}
      {input('capacity', t('referrals.staff.capacity'), capacity, setCapacity, {
        type: 'number',
        min: 0,
        inputMode: 'numeric',
      })}
      {input('hours', t('referrals.staff.hours'), hours, setHours)}
      {input('contacts.phone', t('referrals.staff.phone'), phone, setPhone, { type: 'tel' })}
      {input('contacts.email', t('referrals.staff.email'), email, setEmail, { type: 'email' })}
      {input('contacts.address', t('referrals.staff.address'), address, setAddress)}
      <p className="button-row">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('referrals.staff.save')}
        </button>
        <button type="button" className="button" onClick={() => close(false)}>
          {t('referrals.staff.cancel')}
        </button>
      </p>
    </form>
  );
}
