import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { responderLanguages, responderSkillCodes, type ResponderSkill } from '../../../shared/network.js';
import { counties } from '../cases/counties.js';
import { optional, ResponseForm, useFormErrors } from '../response/kit.js';
import { useCreateResponder, type Area, type ResponderBody } from './api.js';
import { useNetworkTerms } from './labels.js';

const MAX_AREAS = 10;
const PIN = /^\d{4,8}$/;

interface Values {
  name: string;
  phone: string;
  locale: 'en' | 'sw';
  languages: string[];
  areas: { county: string; subCounty: string; ward: string }[];
  skills: ResponderSkill[];
  available: boolean;
  availableFrom: string;
  availableTo: string;
  homeCentre: string;
  caseloadLimit: string;
  emergencyContacts: string;
  cancelPin: string;
  duressPin: string;
}

const empty: Values = {
  name: '',
  phone: '',
  locale: 'sw',
  languages: ['sw'],
  areas: [{ county: '', subCounty: '', ward: '' }],
  skills: [],
  available: true,
  availableFrom: '',
  availableTo: '',
  homeCentre: '',
  caseloadLimit: '2',
  emergencyContacts: '',
  cancelPin: '',
  duressPin: '',
};

const baseControls: Record<string, string> = {
  name: 'responder-name',
  phone: 'responder-phone',
  locale: 'responder-locale',
  skills: 'responder-skills',
  languages: 'responder-languages',
  availableFrom: 'responder-from',
  availableTo: 'responder-to',
  homeCentre: 'responder-centre',
  caseloadLimit: 'responder-limit',
  emergencyContacts: 'responder-contacts',
  cancelPin: 'responder-cancel-pin',
  duressPin: 'responder-duress-pin',
};

/**
 * Register a responder: who (name, phone, the language of their SMS), where (county, sub-county,
 * ward; several areas allowed), what they can do, when, how many missions at once, whom to call if
 * they raise SOS, and the PINs that call an SOS off (the duress PIN seems to, but keeps it running).
 */
export function ResponderForm({ onDone }: { onDone: (saved?: string) => void }) {
  const { t } = useTranslation();
  const terms = useNetworkTerms();
  const create = useCreateResponder();
  const [v, setV] = useState<Values>(empty);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((x) => ({ ...x, [key]: value }));

  const controls: Record<string, string> = { ...baseControls };
  v.areas.forEach((_, i) => {
    controls[`areas.${i}`] = `responder-area-${i}-county`;
    controls[`areas.${i}.county`] = `responder-area-${i}-county`;
    controls[`areas.${i}.subCounty`] = `responder-area-${i}-subcounty`;
    controls[`areas.${i}.ward`] = `responder-area-${i}-ward`;
  });
  controls.areas = 'responder-area-0-county';
  const errors = useFormErrors(controls, 'responder-errors', {
    name: t('network.form.name'),
    phone: t('network.form.phone'),
    areas: t('network.form.areas'),
    skills: t('network.form.skills'),
    availableFrom: t('network.form.from'),
    availableTo: t('network.form.to'),
    caseloadLimit: t('network.form.limit'),
    cancelPin: t('network.form.cancelPin'),
    duressPin: t('network.form.duressPin'),
  });

  const setArea = (i: number, key: keyof Values['areas'][number], value: string) =>
    setV((x) => ({ ...x, areas: x.areas.map((a, j) => (j === i ? { ...a, [key]: value } : a)) }));

  function validate() {
    const found = [];
    if (v.name.trim().length < 2) found.push(errors.problem('name', t('network.form.nameRequired')));
    if (v.phone.replace(/\D/g, '').length < 7)
      found.push(errors.problem('phone', t('network.form.phoneRequired')));
    v.areas.forEach((a, i) => {
      if (!a.county) found.push(errors.problem(`areas.${i}.county`, t('network.form.countyRequired')));
    });
    if (Boolean(v.availableFrom) !== Boolean(v.availableTo))
      found.push(
        errors.problem(v.availableFrom ? 'availableTo' : 'availableFrom', t('network.form.hoursBoth')),
      );
    const limit = Number(v.caseloadLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20)
      found.push(errors.problem('caseloadLimit', t('network.form.limitRange')));
    if (v.cancelPin && !PIN.test(v.cancelPin))
      found.push(errors.problem('cancelPin', t('network.form.pinFormat')));
    if (v.duressPin && !PIN.test(v.duressPin))
      found.push(errors.problem('duressPin', t('network.form.pinFormat')));
    else if (v.duressPin && !v.cancelPin)
      found.push(errors.problem('duressPin', t('network.form.duressNeedsCancel')));
    else if (v.duressPin && v.duressPin === v.cancelPin)
      found.push(errors.problem('duressPin', t('network.form.pinsDiffer')));
    return found;
  }

  async function onSubmit() {
    if (errors.check(validate())) return;
    const areas: Area[] = v.areas.map((a) => ({
      county: a.county,
      ...(a.subCounty.trim() ? { subCounty: a.subCounty.trim() } : {}),
      ...(a.ward.trim() ? { ward: a.ward.trim() } : {}),
    }));
    const body: ResponderBody = {
      name: v.name.trim(),
      phone: v.phone.trim(),
      locale: v.locale,
      areas,
      skills: v.skills,
      languages: v.languages,
      available: v.available,
      availableFrom: v.availableFrom || null,
      availableTo: v.availableTo || null,
      homeCentre: optional(v.homeCentre) ?? null,
      caseloadLimit: Number(v.caseloadLimit),
      emergencyContacts: optional(v.emergencyContacts) ?? null,
      ...(v.cancelPin ? { cancelPin: v.cancelPin } : {}),
      ...(v.duressPin ? { duressPin: v.duressPin } : {}),
    };
    try {
      const r = await create.mutateAsync(body);
      onDone(t('network.form.saved', { name: r.name }));
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id="responder-form"
      title={t('network.form.title')}
      help={t('network.form.help')}
      summary={errors.summary}
      pending={create.isPending}
      submitLabel={t('network.form.submit')}
      onSubmit={onSubmit}
      onCancel={() => onDone()}
      className="network-form"
    >
      <div className="field-row">
        <Field id="responder-name" label={t('network.form.name')} error={errors.errorFor('name')}>
          {(p) => (
            <input
              {...p}
              value={v.name}
              maxLength={120}
              autoComplete="off"
              onChange={(e) => set('name', e.target.value)}
              data-testid="responder-name"
            />
          )}
        </Field>
        <Field
          id="responder-phone"
          label={t('network.form.phone')}
          hint={t('network.form.phoneHint')}
          error={errors.errorFor('phone')}
        >
          {(p) => (
            <input
              {...p}
              type="tel"
              value={v.phone}
              maxLength={30}
              autoComplete="off"
              onChange={(e) => set('phone', e.target.value)}
              data-testid="responder-phone"
            />
          )}
        </Field>
        <Field id="responder-locale" label={t('network.form.locale')} hint={t('network.form.localeHint')}>
          {(p) => (
            <select
              {...p}
              value={v.locale}
              onChange={(e) => set('locale', e.target.value === 'en' ? 'en' : 'sw')}
              data-testid="responder-locale"
            >
              <option value="sw">{t('language.sw')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          )}
        </Field>
      </div>

      <FieldSet id="responder-languages" legend={t('network.form.languages')}>
        <div className="choices choices--inline">
          {responderLanguages.map((code) => (
            <label key={code} className="choice">
              <input
                type="checkbox"
                checked={v.languages.includes(code)}
                onChange={(e) =>
                  set(
                    'languages',
                    e.target.checked ? [...v.languages, code] : v.languages.filter((x) => x !== code),
                  )
                }
                data-testid={`responder-language-${code}`}
              />
              {t(`network.languages.${code}`)}
            </label>
          ))}
        </div>
      </FieldSet>

      <FieldSet
        id="responder-areas"
        legend={t('network.form.areas')}
        hint={t('network.form.areasHint')}
        error={
          errors.errorFor('areas') && !v.areas.some((_, i) => errors.errorFor(`areas.${i}`))
            ? errors.errorFor('areas')
            : undefined
        }
      >
        {v.areas.map((a, i) => (
          <div key={i} className="field-row network-area-row" data-testid="responder-area">
            <Field
              id={`responder-area-${i}-county`}
              label={t('network.form.county')}
              error={errors.errorFor(`areas.${i}.county`)}
            >
              {(p) => (
                <select
                  {...p}
                  value={a.county}
                  onChange={(e) => setArea(i, 'county', e.target.value)}
                  data-testid={`responder-area-${i}-county`}
                >
                  <option value="">{t('network.form.chooseCounty')}</option>
                  {counties.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={`responder-area-${i}-subcounty`}
              label={t('network.form.subCounty')}
              optional={t('network.form.optional')}
              error={errors.errorFor(`areas.${i}.subCounty`)}
            >
              {(p) => (
                <input
                  {...p}
                  value={a.subCounty}
                  maxLength={80}
                  onChange={(e) => setArea(i, 'subCounty', e.target.value)}
                  data-testid={`responder-area-${i}-subcounty`}
                />
              )}
            </Field>
            <Field
              id={`responder-area-${i}-ward`}
              label={t('network.form.ward')}
              optional={t('network.form.optional')}
              error={errors.errorFor(`areas.${i}.ward`)}
            >
              {(p) => (
                <input
                  {...p}
                  value={a.ward}
                  maxLength={80}
                  onChange={(e) => setArea(i, 'ward', e.target.value)}
                  data-testid={`responder-area-${i}-ward`}
                />
              )}
            </Field>
            {v.areas.length > 1 ? (
              <button
                type="button"
                className="button button--small network-area-row__remove"
                onClick={() =>
                  set(
                    'areas',
                    v.areas.filter((_, j) => j !== i),
                  )
                }
              >
                {t('network.form.removeArea')}
                <span className="visually-hidden"> {i + 1}</span>
              </button>
            ) : null}
          </div>
        ))}
        {v.areas.length < MAX_AREAS ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => set('areas', [...v.areas, { county: '', subCounty: '', ward: '' }])}
            data-testid="responder-add-area"
          >
            <span aria-hidden="true">+</span> {t('network.form.addArea')}
          </button>
        ) : null}
      </FieldSet>

      <FieldSet id="responder-skills" legend={t('network.form.skills')} error={errors.errorFor('skills')}>
        <div className="choices choices--columns">
          {responderSkillCodes.map((code) => (
            <label key={code} className="choice">
              <input
                type="checkbox"
                checked={v.skills.includes(code)}
                onChange={(e) =>
                  set('skills', e.target.checked ? [...v.skills, code] : v.skills.filter((x) => x !== code))
                }
                data-testid={`responder-skill-${code}`}
              />
              {terms.skill(code)}
            </label>
          ))}
        </div>
      </FieldSet>

      <FieldSet id="responder-availability" legend={t('network.form.availability')}>
        <label className="choice">
          <input
            type="checkbox"
            checked={v.available}
            onChange={(e) => set('available', e.target.checked)}
            data-testid="responder-available"
          />
          {t('network.form.availableNow')}
        </label>
        <p className="field__hint">{t('network.form.hoursHint')}</p>
        <div className="field-row">
          <Field
            id="responder-from"
            label={t('network.form.from')}
            optional={t('network.form.optional')}
            error={errors.errorFor('availableFrom')}
          >
            {(p) => (
              <input
                {...p}
                type="time"
                value={v.availableFrom}
                onChange={(e) => set('availableFrom', e.target.value)}
                data-testid="responder-from"
              />
            )}
          </Field>
          <Field
            id="responder-to"
            label={t('network.form.to')}
            optional={t('network.form.optional')}
            error={errors.errorFor('availableTo')}
          >
            {(p) => (
              <input
                {...p}
                type="time"
                value={v.availableTo}
                onChange={(e) => set('availableTo', e.target.value)}
                data-testid="responder-to"
              />
            )}
          </Field>
        </div>
      </FieldSet>

      <div className="field-row">
        <Field
          id="responder-centre"
          label={t('network.form.homeCentre')}
          optional={t('network.form.optional')}
          error={errors.errorFor('homeCentre')}
        >
          {(p) => (
            <input
              {...p}
              value={v.homeCentre}
              maxLength={120}
              onChange={(e) => set('homeCentre', e.target.value)}
              data-testid="responder-centre"
            />
          )}
        </Field>
        <Field
          id="responder-limit"
          label={t('network.form.limit')}
          hint={t('network.form.limitHint')}
          error={errors.errorFor('caseloadLimit')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={20}
              inputMode="numeric"
              value={v.caseloadLimit}
              onChange={(e) => set('caseloadLimit', e.target.value)}
              data-testid="responder-limit"
            />
          )}
        </Field>
      </div>

      <Field
        id="responder-contacts"
        label={t('network.form.contacts')}
        hint={t('network.form.contactsHint')}
        optional={t('network.form.optional')}
        error={errors.errorFor('emergencyContacts')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={500}
            value={v.emergencyContacts}
            onChange={(e) => set('emergencyContacts', e.target.value)}
            data-testid="responder-contacts"
          />
        )}
      </Field>

      <FieldSet id="responder-pins" legend={t('network.form.pins')} hint={t('network.form.pinsHint')}>
        <div className="field-row">
          <Field
            id="responder-cancel-pin"
            label={t('network.form.cancelPin')}
            optional={t('network.form.optional')}
            error={errors.errorFor('cancelPin')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={8}
                value={v.cancelPin}
                onChange={(e) => set('cancelPin', e.target.value.trim())}
                data-testid="responder-cancel-pin"
              />
            )}
          </Field>
          <Field
            id="responder-duress-pin"
            label={t('network.form.duressPin')}
            optional={t('network.form.optional')}
            error={errors.errorFor('duressPin')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={8}
                value={v.duressPin}
                onChange={(e) => set('duressPin', e.target.value.trim())}
                data-testid="responder-duress-pin"
              />
            )}
          </Field>
        </div>
      </FieldSet>
    </ResponseForm>
  );
}
