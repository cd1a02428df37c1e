import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { responderLanguages, responderSkillCodes } from '../../../shared/network.js';
import { counties } from '../cases/counties.js';
import { useCreateResponder } from './api.js';
import { useNetworkTerms } from './labels.js';
import { PanelForm } from './PanelForm.js';
import { emptyResponder, MAX_AREAS, responderForm } from './responderForm.js';

const trimmed = { setValueAs: (v: string) => v.trim() };

/**
 * Register a responder: who (name, phone, the language of their SMS), where (county, sub-county,
 * ward; several areas allowed), what they can do, when, how many missions at once, whom to call if
 * they raise SOS, and the PINs that call an SOS off (the duress PIN seems to, but keeps it running).
 */
export function ResponderForm({ onDone }: { onDone: (saved?: string) => void }) {
  const { t } = useTranslation();
  const terms = useNetworkTerms();
  const create = useCreateResponder();
  const form = useZodForm(responderForm, { defaultValues: emptyResponder });
  const areas = useFieldArray({ control: form.control, name: 'areas' });

  return (
    <PanelForm
      id="responder-form"
      form={form}
      onSubmit={async (body) => {
        const r = await create.mutateAsync(body);
        onDone(t('network.form.saved', { name: r.name }));
      }}
      title={t('network.form.title')}
      help={t('network.form.help')}
      summaryTestId="responder-errors"
      labels={{
        name: t('network.form.name'),
        phone: t('network.form.phone'),
        areas: t('network.form.areas'),
        skills: t('network.form.skills'),
        availableFrom: t('network.form.from'),
        availableTo: t('network.form.to'),
        caseloadLimit: t('network.form.limit'),
        cancelPin: t('network.form.cancelPin'),
        duressPin: t('network.form.duressPin'),
      }}
      submitLabel={t('network.form.submit')}
      onCancel={() => onDone()}
      className="network-form"
    >
      <div className="field-row">
        <Field id="responder-name" name="name" label={t('network.form.name')}>
          {(p) => <input {...p} maxLength={120} autoComplete="off" data-testid="responder-name" />}
        </Field>
        <Field
          id="responder-phone"
          name="phone"
          label={t('network.form.phone')}
          hint={t('network.form.phoneHint')}
        >
          {(p) => <input {...p} type="tel" maxLength={30} autoComplete="off" data-testid="responder-phone" />}
        </Field>
        <Field
          id="responder-locale"
          name="locale"
          label={t('network.form.locale')}
          hint={t('network.form.localeHint')}
        >
          {(p) => (
            <select {...p} data-testid="responder-locale">
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
                value={code}
                {...form.register('languages')}
                data-testid={`responder-language-${code}`}
              />
              {t(`network.languages.${code}`)}
            </label>
          ))}
        </div>
      </FieldSet>

      <FieldSet id="responder-areas" legend={t('network.form.areas')} hint={t('network.form.areasHint')}>
        {areas.fields.map((a, i) => (
          <div key={a.id} className="field-row network-area-row" data-testid="responder-area">
            <Field
              id={`responder-area-${i}-county`}
              name={`areas.${i}.county`}
              label={t('network.form.county')}
            >
              {(p) => (
                <select {...p} data-testid={`responder-area-${i}-county`}>
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
              name={`areas.${i}.subCounty`}
              label={t('network.form.subCounty')}
              optional={t('network.form.optional')}
            >
              {(p) => <input {...p} maxLength={80} data-testid={`responder-area-${i}-subcounty`} />}
            </Field>
            <Field
              id={`responder-area-${i}-ward`}
              name={`areas.${i}.ward`}
              label={t('network.form.ward')}
              optional={t('network.form.optional')}
            >
              {(p) => <input {...p} maxLength={80} data-testid={`responder-area-${i}-ward`} />}
            </Field>
            {areas.fields.length > 1 ? (
              <button
                type="button"
                className="button button--small network-area-row__remove"
                onClick={() => areas.remove(i)}
              >
                {t('network.form.removeArea')}
                <span className="visually-hidden"> {i + 1}</span>
              </button>
            ) : null}
          </div>
        ))}
        {areas.fields.length < MAX_AREAS ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => areas.append({ county: '', subCounty: '', ward: '' }, { shouldFocus: false })}
            data-testid="responder-add-area"
          >
            <span aria-hidden="true">+</span> {t('network.form.addArea')}
          </button>
        ) : null}
      </FieldSet>

      <FieldSet id="responder-skills" name="skills" legend={t('network.form.skills')}>
        <div className="choices choices--columns">
          {responderSkillCodes.map((code) => (
            <label key={code} className="choice">
              <input
                type="checkbox"
                value={code}
                {...form.register('skills')}
                data-testid={`responder-skill-${code}`}
              />
              {terms.skill(code)}
            </label>
          ))}
        </div>
      </FieldSet>

      <FieldSet id="responder-availability" legend={t('network.form.availability')}>
        <label className="choice">
          <input type="checkbox" {...form.register('available')} data-testid="responder-available" />
          {t('network.form.availableNow')}
        </label>
        <p className="field__hint">{t('network.form.hoursHint')}</p>
        <div className="field-row">
          <Field
            id="responder-from"
            name="availableFrom"
            label={t('network.form.from')}
            optional={t('network.form.optional')}
          >
            {(p) => <input {...p} type="time" data-testid="responder-from" />}
          </Field>
          <Field
            id="responder-to"
            name="availableTo"
            label={t('network.form.to')}
            optional={t('network.form.optional')}
          >
            {(p) => <input {...p} type="time" data-testid="responder-to" />}
          </Field>
        </div>
      </FieldSet>

      <div className="field-row">
        <Field
          id="responder-centre"
          name="homeCentre"
          label={t('network.form.homeCentre')}
          optional={t('network.form.optional')}
        >
          {(p) => <input {...p} maxLength={120} data-testid="responder-centre" />}
        </Field>
        <Field
          id="responder-limit"
          name="caseloadLimit"
          label={t('network.form.limit')}
          hint={t('network.form.limitHint')}
        >
          {(p) => (
            <input {...p} type="number" min={1} max={20} inputMode="numeric" data-testid="responder-limit" />
          )}
        </Field>
      </div>

      <Field
        id="responder-contacts"
        name="emergencyContacts"
        label={t('network.form.contacts')}
        hint={t('network.form.contactsHint')}
        optional={t('network.form.optional')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={500} data-testid="responder-contacts" />}
      </Field>

      <FieldSet id="responder-pins" legend={t('network.form.pins')} hint={t('network.form.pinsHint')}>
        <div className="field-row">
          <Field
            id="responder-cancel-pin"
            name="cancelPin"
            registerOptions={trimmed}
            label={t('network.form.cancelPin')}
            optional={t('network.form.optional')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={8}
                data-testid="responder-cancel-pin"
              />
            )}
          </Field>
          <Field
            id="responder-duress-pin"
            name="duressPin"
            registerOptions={trimmed}
            label={t('network.form.duressPin')}
            optional={t('network.form.optional')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={8}
                data-testid="responder-duress-pin"
              />
            )}
          </Field>
        </div>
      </FieldSet>
    </PanelForm>
  );
}
