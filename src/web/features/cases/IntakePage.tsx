import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { datePrecisions, sensitivities, violationTypeCodes } from '../../../shared/vocabularies.js';
import { useCreateCase } from './api.js';
import { counties } from './counties.js';
import { violationLabel } from './format.js';
import { currentTerms, useVocabularies } from './vocabApi.js';
import {
  emptyIntake,
  intakeForm,
  intakeServerPaths,
  MAX_VIOLATIONS,
  toIntakeBody,
  type IntakeFormValues,
} from './intakeForm.js';

const sexes = ['female', 'male', 'other', 'unknown'] as const;
const ageGroups = ['child', 'youth', 'adult', 'older', 'unknown'] as const;

/** Staff intake: a report taken on the hotline or from someone who walked in. */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // The organisation's current violation types (retired ones are refused for new reports).
  const vocab = useVocabularies();
  const navigate = useNavigate();
  const create = useCreateCase();
  const [queued, setQueued] = useState(0);
  const form = useZodForm(intakeForm, { defaultValues: emptyIntake(lng) });
  const anonymous = form.watch('anonymous');
  const optional = t('form.optional');

  // Names of the fields, for the server's refusals in the summary ("Phone: Check this value.").
  const serverLabels: Record<string, string> = {
    channel: t('intake.channel'),
    narrative: t('intake.narrative'),
    violationTypes: t('intake.violationTypes'),
    incidentAt: t('intake.incidentAt'),
    incidentPrecision: t('intake.precision'),
    county: t('intake.county'),
    subCounty: t('intake.subCounty'),
    ward: t('intake.ward'),
    place: t('intake.place'),
    sensitivity: t('intake.sensitivity'),
    reporterName: t('intake.name'),
    reporterPhone: t('intake.phone'),
    safeContact: t('intake.safeContact'),
    reporterLocale: t('intake.reporterLocale'),
    victimName: t('intake.name'),
    victimPhone: t('intake.phone'),
    victimSex: t('intake.sex'),
    victimAgeGroup: t('intake.ageGroup'),
  };

  async function onSubmit(values: IntakeFormValues) {
    if (create.isPending) return;
    const result = await create.mutateAsync(toIntakeBody(values));
    if (result.status === 'queued') {
      // Offline: the report waits in the outbox; the form is ready for the next one.
      form.reset(emptyIntake(lng));
      setQueued((n) => n + 1);
      return;
    }
    const created = result.data;
    await navigate('/queue', { state: { created: { id: created.id, reference: created.reference } } });
  }

  return (
    <section className="page page--form">
      <p className="breadcrumb">
        <Link to="/queue">{t('nav.queue')}</Link>
      </p>
      <PageHeading title={t('intake.title')}>{t('intake.title')}</PageHeading>
      <p className="muted">{t('intake.intro')}</p>
      {queued > 0 ? (
        <p className="alert alert--ok" role="status" data-testid="intake-queued" data-count={queued}>
          {t('offline.outbox.queuedNotice')}
        </p>
      ) : null}

      <Form
        form={form}
        onSubmit={onSubmit}
        summaryTestId="intake-errors"
        summaryTitle={t('intake.checkTitle')}
        serverLabels={serverLabels}
        serverPaths={intakeServerPaths}
        className="form"
        data-testid="intake-form"
      >
        <section className="form-section card" aria-labelledby="intake-what">
          <h2 id="intake-what">{t('intake.sectionWhat')}</h2>
          <FieldSet id="intake-channel" name="channel" legend={t('intake.channel')}>
            <div className="choices choices--inline">
              {(['hotline', 'walk_in'] as const).map((c) => (
                <label key={c} className="choice">
                  <input
                    type="radio"
                    value={c}
                    {...form.register('channel')}
                    data-testid={`intake-channel-${c}`}
                  />
                  {t(`channel.${c}`)}
                </label>
              ))}
            </div>
          </FieldSet>

          <label className="choice choice--danger">
            <input type="checkbox" {...form.register('inDangerNow')} data-testid="intake-danger" />
            <span>
              <strong>{t('intake.inDangerNow')}</strong>
              <span className="choice__hint">{t('intake.inDangerNowHint')}</span>
            </span>
          </label>

          <Field
            id="intake-narrative"
            name="narrative"
            label={t('intake.narrative')}
            hint={t('intake.narrativeHint')}
          >
            {(a) => <textarea {...a} rows={6} maxLength={5000} data-testid="intake-narrative" />}
          </Field>

          <FieldSet
            id="intake-violations"
            name="violationTypes"
            legend={t('intake.violationTypes')}
            hint={t('intake.violationTypesHint', { max: MAX_VIOLATIONS })}
          >
            <div className="choices choices--columns">
              {(
                currentTerms(vocab.data, 'violationTypes') ??
                violationTypeCodes.map((code) => ({ code, en: '', sw: '' }))
              ).map(({ code, en, sw }) => (
                <label key={code} className="choice">
                  <input
                    type="checkbox"
                    value={code}
                    {...form.register('violationTypes')}
                    data-testid={`intake-violation-${code}`}
                  />
                  {(lng === 'sw' ? sw : en) || violationLabel(code, lng)}
                </label>
              ))}
            </div>
          </FieldSet>

          <div className="field-row">
            <Field
              id="intake-incident-at"
              name="incidentAt"
              label={t('intake.incidentAt')}
              hint={t('intake.incidentAtHint')}
              optional={optional}
            >
              {(a) => <input {...a} type="datetime-local" data-testid="intake-incident-at" />}
            </Field>
            <Field id="intake-precision" name="incidentPrecision" label={t('intake.precision')}>
              {(a) => (
                <select {...a}>
                  {datePrecisions.map((p) => (
                    <option key={p} value={p}>
                      {t(`precision.${p}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </section>

        <section className="form-section card" aria-labelledby="intake-where">
          <h2 id="intake-where">{t('intake.sectionWhere')}</h2>
          <div className="field-row">
            <Field id="intake-county" name="county" label={t('intake.county')} optional={optional}>
              {(a) => (
                <select {...a} data-testid="intake-county">
                  <option value="">{t('intake.chooseCounty')}</option>
                  {counties.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-subcounty" name="subCounty" label={t('intake.subCounty')} optional={optional}>
              {(a) => <input {...a} type="text" maxLength={80} data-testid="intake-subcounty" />}
            </Field>
            <Field id="intake-ward" name="ward" label={t('intake.ward')} optional={optional}>
              {(a) => <input {...a} type="text" maxLength={80} data-testid="intake-ward" />}
            </Field>
          </div>
          <Field
            id="intake-place"
            name="place"
            label={t('intake.place')}
            hint={t('intake.placeHint')}
            optional={optional}
          >
            {(a) => <input {...a} type="text" maxLength={300} data-testid="intake-place" />}
          </Field>
        </section>

        <section className="form-section card" aria-labelledby="intake-reporter">
          <h2 id="intake-reporter">{t('intake.sectionReporter')}</h2>
          <label className="choice">
            <input type="checkbox" {...form.register('anonymous')} data-testid="intake-anonymous" />
            <span>
              {t('intake.anonymous')}
              <span className="choice__hint">{t('intake.anonymousHint')}</span>
            </span>
          </label>
          {anonymous ? null : (
            <>
              <div className="field-row">
                <Field
                  id="intake-reporter-name"
                  name="reporterName"
                  label={t('intake.name')}
                  optional={optional}
                >
                  {(a) => (
                    <input
                      {...a}
                      type="text"
                      autoComplete="off"
                      maxLength={120}
                      data-testid="intake-reporter-name"
                    />
                  )}
                </Field>
                <Field
                  id="intake-reporter-phone"
                  name="reporterPhone"
                  label={t('intake.phone')}
                  hint={t('intake.phoneHint')}
                  optional={optional}
                >
                  {(a) => (
                    <input
                      {...a}
                      type="tel"
                      inputMode="tel"
                      autoComplete="off"
                      maxLength={30}
                      data-testid="intake-reporter-phone"
                    />
                  )}
                </Field>
              </div>
              <Field
                id="intake-safe-contact"
                name="safeContact"
                label={t('intake.safeContact')}
                hint={t('intake.safeContactHint')}
                optional={optional}
              >
                {(a) => <input {...a} type="text" maxLength={300} />}
              </Field>
            </>
          )}
          <Field id="intake-reporter-locale" name="reporterLocale" label={t('intake.reporterLocale')}>
            {(a) => (
              <select {...a}>
                <option value="sw">{t('language.sw')}</option>
                <option value="en">{t('language.en')}</option>
              </select>
            )}
          </Field>
        </section>

        <section className="form-section card" aria-labelledby="intake-victim">
          <h2 id="intake-victim">{t('intake.sectionVictim')}</h2>
          <p className="muted">{t('intake.victimHint')}</p>
          <div className="field-row">
            <Field id="intake-victim-name" name="victimName" label={t('intake.name')} optional={optional}>
              {(a) => (
                <input
                  {...a}
                  type="text"
                  autoComplete="off"
                  maxLength={120}
                  data-testid="intake-victim-name"
                />
              )}
            </Field>
            <Field id="intake-victim-phone" name="victimPhone" label={t('intake.phone')} optional={optional}>
              {(a) => (
                <input
                  {...a}
                  type="tel"
                  inputMode="tel"
                  autoComplete="off"
                  maxLength={30}
                  data-testid="intake-victim-phone"
                />
              )}
            </Field>
          </div>
          <div className="field-row">
            <Field id="intake-victim-sex" name="victimSex" label={t('intake.sex')}>
              {(a) => (
                <select {...a}>
                  <option value="">{t('intake.notRecorded')}</option>
                  {sexes.map((s) => (
                    <option key={s} value={s}>
                      {t(`sex.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-victim-age" name="victimAgeGroup" label={t('intake.ageGroup')}>
              {(a) => (
                <select {...a}>
                  <option value="">{t('intake.notRecorded')}</option>
                  {ageGroups.map((g) => (
                    <option key={g} value={g}>
                      {t(`ageGroup.${g}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </section>

        <section className="form-section card" aria-labelledby="intake-handling">
          <h2 id="intake-handling">{t('intake.sectionHandling')}</h2>
          <FieldSet id="intake-sensitivity" name="sensitivity" legend={t('intake.sensitivity')}>
            <div className="choices">
              {sensitivities.map((s) => (
                <label key={s} className="choice">
                  <input
                    type="radio"
                    value={s}
                    {...form.register('sensitivity')}
                    data-testid={`intake-sensitivity-${s}`}
                  />
                  <span>
                    {t(`sensitivity.${s}`)}
                    <span className="choice__hint">{t(`sensitivityHint.${s}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </FieldSet>
        </section>

        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={create.isPending}
            data-testid="intake-submit"
          >
            {create.isPending ? t('intake.submitting') : t('intake.submit')}
          </button>
          <Link to="/queue" className="button">
            {t('form.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  );
}
