import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { Field, FieldSet } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { QueryState } from '../../components/QueryState.js';
import { consoleConsentMethods, dataCategories } from '../../../shared/contracts/dataprotection.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { formatDateTime } from '../cases/format.js';
import { useConsents, useRecordConsent, useWithdrawConsent, type Consent } from './api.js';
import { consentForm, splitSharedWith, type ConsentFormValues } from './forms.js';

const blank = (personId: string) => ({
  personId,
  purpose: '',
  dataCategories: [] as ConsentFormValues['dataCategories'],
  sharedWith: '',
  method: 'in_person' as const,
});

/**
 * Consents on the case page (Kenya DPA s. 30): what each person on the case agreed to, recorded and
 * withdrawn by the case team. The purpose is stored encrypted; the audit keeps ids and codes only.
 */
export function ConsentsPanel({ c }: { c: Pick<CaseDetail, 'id' | 'people'> }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canAct = rolesAllow(user.roles, 'cases:act');
  const consents = useConsents(c.id);
  const record = useRecordConsent(c.id);
  const withdraw = useWithdrawConsent(c.id);
  const [note, setNote] = useState('');
  const firstPerson = c.people[0]?.id ?? '';
  const form = useZodForm(consentForm, { defaultValues: blank(firstPerson) });
  const personLabel = (id: string) => {
    const p = c.people.find((x) => x.id === id);
    if (!p) return t('dp.consents.erased');
    const role = i18n.exists(`personRole.${p.role}`) ? String(t(`personRole.${p.role}` as never)) : p.role;
    return t('dp.consents.personLabel', { role, kind: p.kind });
  };
  const methodLabel = (m: string) =>
    i18n.exists(`dp.consents.methods.${m}`) ? String(t(`dp.consents.methods.${m}` as never)) : m;
  const categoryLabel = (k: string) =>
    i18n.exists(`dp.categories.${k}`) ? String(t(`dp.categories.${k}` as never)) : k;

  async function onSubmit(v: ConsentFormValues) {
    if (record.isPending) return;
    setNote('');
    await record.mutateAsync({ ...v, sharedWith: splitSharedWith(v.sharedWith) });
    form.reset(blank(v.personId));
    setNote(t('dp.consents.recorded'));
  }

  async function onWithdraw(x: Consent) {
    if (withdraw.isPending || !window.confirm(t('dp.consents.confirmWithdraw'))) return;
    setNote('');
    try {
      await withdraw.mutateAsync(x.id);
      setNote(t('dp.consents.withdrawnDone'));
    } catch (e) {
      setNote(errorText(e));
    }
  }

  return (
    <section className="card case-section" aria-labelledby="case-consents" data-testid="consents-panel">
      <h2 id="case-consents">{t('dp.consents.title')}</h2>
      <p className="muted small">{t('dp.consents.intro')}</p>
      <QueryState
        query={consents}
        isEmpty={(d) => d.length === 0}
        empty={<p className="muted">{t('dp.consents.none')}</p>}
      >
        {(list) => (
          <ul className="members" data-testid="consents-list">
            {list.map((x) => (
              <li
                key={x.id}
                className="members__line"
                data-testid="consent-item"
                data-status={x.withdrawnAt ? 'withdrawn' : 'active'}
              >
                <span>
                  <strong>{x.purpose ?? t('dp.consents.erased')}</strong>
                  <br />
                  <span className="small">
                    {personLabel(x.personId)} · {x.dataCategories.map(categoryLabel).join(', ')}
                    {x.sharedWith.length ? ` → ${x.sharedWith.join(', ')}` : ''}
                  </span>
                  <br />
                  <span className="muted small">
                    {methodLabel(x.method)} · {t('dp.consents.given')}{' '}
                    {formatDateTime(x.givenAt, i18n.language, 'short')}
                    {' · '}
                    <span data-testid="consent-status">
                      {x.withdrawnAt
                        ? t('dp.consents.withdrawn', {
                            when: formatDateTime(x.withdrawnAt, i18n.language, 'short'),
                          })
                        : t('dp.consents.active')}
                    </span>
                  </span>
                </span>
                {canAct && !x.withdrawnAt ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-disabled={withdraw.isPending}
                    aria-label={t('dp.consents.withdrawWho', { purpose: x.purpose ?? '' })}
                    onClick={() => void onWithdraw(x)}
                    data-testid="consent-withdraw"
                  >
                    {t('dp.consents.withdraw')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p role="status" className="small" data-testid="consents-note">
        {note}
      </p>
      {!canAct ? null : c.people.length === 0 ? (
        <p className="muted small">{t('dp.consents.noPeople')}</p>
      ) : (
        <Form
          form={form}
          onSubmit={onSubmit}
          summaryTestId="consent-errors"
          labels={{
            personId: t('dp.consents.person'),
            purpose: t('dp.consents.purpose'),
            dataCategories: t('dp.consents.data'),
            sharedWith: t('dp.consents.sharedWith'),
            method: t('dp.consents.method'),
          }}
          data-testid="consent-form"
        >
          <Field id="consent-person" name="personId" label={t('dp.consents.person')}>
            {(p) => (
              <select {...p} data-testid="consent-person">
                {c.people.map((x) => (
                  <option key={x.id} value={x.id}>
                    {personLabel(x.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="consent-purpose"
            name="purpose"
            label={t('dp.consents.purpose')}
            hint={t('dp.consents.purposeHint')}
          >
            {(p) => <input {...p} maxLength={300} data-testid="consent-purpose" />}
          </Field>
          <FieldSet id="consent-data" name="dataCategories" legend={t('dp.consents.data')}>
            <div className="choices choices--columns">
              {dataCategories.map((k) => (
                <label key={k} className="choice">
                  <input
                    type="checkbox"
                    value={k}
                    {...form.register('dataCategories')}
                    data-testid={`consent-data-${k}`}
                  />
                  {categoryLabel(k)}
                </label>
              ))}
            </div>
          </FieldSet>
          <Field
            id="consent-shared"
            name="sharedWith"
            label={t('dp.consents.sharedWith')}
            hint={t('dp.consents.sharedWithHint')}
          >
            {(p) => <input {...p} data-testid="consent-shared" />}
          </Field>
          <FieldSet id="consent-method" name="method" legend={t('dp.consents.method')}>
            <div className="choices choices--inline">
              {consoleConsentMethods.map((m) => (
                <label key={m} className="choice">
                  <input
                    type="radio"
                    value={m}
                    {...form.register('method')}
                    data-testid={`consent-method-${m}`}
                  />
                  {methodLabel(m)}
                </label>
              ))}
            </div>
          </FieldSet>
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={record.isPending}
            data-testid="consent-submit"
          >
            {t('dp.consents.record')}
          </button>
        </Form>
      )}
    </section>
  );
}
