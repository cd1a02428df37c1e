import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../../api/client.js';
import { Field, FieldSet } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import {
  datePrecisions,
  sensitivities,
  violationTypeCodes,
  type DatePrecision,
  type Sensitivity,
  type ViolationType,
} from '../../../shared/vocabularies.js';
import { useCreateCase, type IntakeBody } from './api.js';
import { counties } from './counties.js';
import { eatToIso, violationLabel } from './format.js';
import { ErrorSummary, fieldMessage, type Problem } from './problems.js';

const MAX_VIOLATIONS = 6;
const sexes = ['female', 'male', 'other', 'unknown'] as const;
const ageGroups = ['child', 'youth', 'adult', 'older', 'unknown'] as const;

interface IntakeForm {
  channel: 'hotline' | 'walk_in';
  inDangerNow: boolean;
  narrative: string;
  violationTypes: ViolationType[];
  incidentAt: string;
  incidentPrecision: DatePrecision;
  county: string;
  subCounty: string;
  ward: string;
  place: string;
  anonymous: boolean;
  reporterName: string;
  reporterPhone: string;
  safeContact: string;
  reporterLocale: 'en' | 'sw';
  victimName: string;
  victimPhone: string;
  victimSex: string;
  victimAgeGroup: string;
  sensitivity: Sensitivity;
}

const emptyForm = (lng: string): IntakeForm => ({
  channel: 'hotline',
  inDangerNow: false,
  narrative: '',
  violationTypes: [],
  incidentAt: '',
  incidentPrecision: 'exact',
  county: '',
  subCounty: '',
  ward: '',
  place: '',
  anonymous: false,
  reporterName: '',
  reporterPhone: '',
  safeContact: '',
  reporterLocale: lng === 'sw' ? 'sw' : 'en',
  victimName: '',
  victimPhone: '',
  victimSex: '',
  victimAgeGroup: '',
  sensitivity: 'normal',
});

/** Server field paths → the id of the control that shows them. */
const controlOf: Record<string, string> = {
  channel: 'intake-channel',
  narrative: 'intake-narrative',
  violationTypes: 'intake-violations',
  incidentAt: 'intake-incident-at',
  incidentPrecision: 'intake-precision',
  county: 'intake-county',
  subCounty: 'intake-subcounty',
  ward: 'intake-ward',
  place: 'intake-place',
  sensitivity: 'intake-sensitivity',
  'reporter.name': 'intake-reporter-name',
  'reporter.phone': 'intake-reporter-phone',
  'reporter.safeContact': 'intake-safe-contact',
  'reporter.locale': 'intake-reporter-locale',
  'victim.name': 'intake-victim-name',
  'victim.phone': 'intake-victim-phone',
  'victim.sex': 'intake-victim-sex',
  'victim.ageGroup': 'intake-victim-age',
};

const opt = (v: string) => {
  const s = v.trim();
  return s ? s : undefined;
};

function toBody(f: IntakeForm): IntakeBody {
  const victim = {
    name: opt(f.victimName),
    phone: opt(f.victimPhone),
    sex: opt(f.victimSex),
    ageGroup: opt(f.victimAgeGroup),
  };
  const incidentAt = eatToIso(f.incidentAt);
  const body: IntakeBody = {
    channel: f.channel,
    narrative: f.narrative.trim(),
    violationTypes: f.violationTypes,
    inDangerNow: f.inDangerNow,
    sensitivity: f.sensitivity,
    reporter: f.anonymous
      ? { anonymous: true, locale: f.reporterLocale }
      : {
          anonymous: false,
          locale: f.reporterLocale,
          ...(opt(f.reporterName) ? { name: opt(f.reporterName) } : {}),
          ...(opt(f.reporterPhone) ? { phone: opt(f.reporterPhone) } : {}),
          ...(opt(f.safeContact) ? { safeContact: opt(f.safeContact) } : {}),
        },
  };
  for (const key of ['county', 'subCounty', 'ward', 'place'] as const) {
    const v = opt(f[key]);
    if (v) body[key] = v;
  }
  if (incidentAt) {
    body.incidentAt = incidentAt;
    body.incidentPrecision = f.incidentPrecision;
  }
  if (Object.values(victim).some(Boolean)) {
    body.victim = Object.fromEntries(Object.entries(victim).filter(([, v]) => v)) as IntakeBody['victim'];
  }
  return body;
}

const phoneLike = /^\+?[\d\s().-]{9,20}$/;

/** Staff intake: a report taken on the hotline or from someone who walked in. */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const create = useCreateCase();
  const [form, setForm] = useState<IntakeForm>(() => emptyForm(lng));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const set = <K extends keyof IntakeForm>(key: K, value: IntakeForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const errorFor = (path: string) => problems.find((p) => p.path === path)?.message;

  function check(f: IntakeForm): Problem[] {
    const found: Problem[] = [];
    if (f.narrative.trim().length < 3)
      found.push({ path: 'narrative', message: t('intake.errors.narrative') });
    if (f.violationTypes.length > MAX_VIOLATIONS)
      found.push({ path: 'violationTypes', message: t('intake.errors.violationTypes') });
    if (f.incidentAt && !eatToIso(f.incidentAt))
      found.push({ path: 'incidentAt', message: t('intake.errors.incidentAt') });
    if (!f.anonymous && f.reporterPhone.trim() && !phoneLike.test(f.reporterPhone.trim()))
      found.push({ path: 'reporter.phone', message: t('intake.errors.phone') });
    if (f.victimPhone.trim() && !phoneLike.test(f.victimPhone.trim()))
      found.push({ path: 'victim.phone', message: t('intake.errors.phone') });
    return found;
  }

  function showProblems(found: Problem[], message: string | null) {
    setProblems(found);
    setServerError(message);
    // After React has drawn the summary: it takes focus, and lists links to each field.
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found = check(form);
    if (found.length) {
      showProblems(found, null);
      return;
    }
    setProblems([]);
    setServerError(null);
    try {
      const created = await create.mutateAsync(toBody(form));
      await navigate('/queue', { state: { created: { id: created.id, reference: created.reference } } });
    } catch (e) {
      const fields: FieldError[] = isApiError(e) ? e.fields : [];
      showProblems(
        fields.map((f) => ({ path: f.path, message: fieldMessage(t, lng, f, labelOf(f.path)) })),
        isApiError(e) ? e.message : t('errors.unexpected'),
      );
    }
  }

  /** The label of the control behind a server path, to name the field in the error summary. */
  const labelOf = (path: string): string | undefined => {
    const id = controlOf[path];
    const el = id ? document.querySelector(`label[for="${id}"], #${id} > legend`) : null;
    return el?.firstChild?.textContent?.trim() || undefined;
  };

  const toggleViolation = (code: ViolationType, on: boolean) =>
    set(
      'violationTypes',
      on ? [...form.violationTypes, code] : form.violationTypes.filter((v) => v !== code),
    );

  return (
    <section className="page page--form">
      <p className="breadcrumb">
        <Link to="/queue">{t('nav.queue')}</Link>
      </p>
      <PageHeading title={t('intake.title')}>{t('intake.title')}</PageHeading>
      <p className="muted">{t('intake.intro')}</p>

      <ErrorSummary
        ref={summaryRef}
        title={serverError ?? t('intake.checkTitle')}
        problems={problems}
        controlOf={controlOf}
        show={problems.length > 0 || serverError !== null}
        testId="intake-errors"
      />

      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="intake-form">
        <section className="form-section card" aria-labelledby="intake-what">
          <h2 id="intake-what">{t('intake.sectionWhat')}</h2>
          <FieldSet id="intake-channel" legend={t('intake.channel')} error={errorFor('channel')}>
            <div className="choices choices--inline">
              {(['hotline', 'walk_in'] as const).map((c) => (
                <label key={c} className="choice">
                  <input
                    type="radio"
                    name="channel"
                    value={c}
                    checked={form.channel === c}
                    onChange={() => set('channel', c)}
                    data-testid={`intake-channel-${c}`}
                  />
                  {t(`channel.${c}`)}
                </label>
              ))}
            </div>
          </FieldSet>

          <label className="choice choice--danger">
            <input
              type="checkbox"
              checked={form.inDangerNow}
              onChange={(e) => set('inDangerNow', e.target.checked)}
              data-testid="intake-danger"
            />
            <span>
              <strong>{t('intake.inDangerNow')}</strong>
              <span className="choice__hint">{t('intake.inDangerNowHint')}</span>
            </span>
          </label>

          <Field
            id="intake-narrative"
            label={t('intake.narrative')}
            hint={t('intake.narrativeHint')}
            error={errorFor('narrative')}
          >
            {(a) => (
              <textarea
                {...a}
                rows={6}
                maxLength={5000}
                value={form.narrative}
                onChange={(e) => set('narrative', e.target.value)}
                data-testid="intake-narrative"
              />
            )}
          </Field>

          <FieldSet
            id="intake-violations"
            legend={t('intake.violationTypes')}
            hint={t('intake.violationTypesHint', { max: MAX_VIOLATIONS })}
            error={errorFor('violationTypes')}
          >
            <div className="choices choices--columns">
              {violationTypeCodes.map((code) => (
                <label key={code} className="choice">
                  <input
                    type="checkbox"
                    checked={form.violationTypes.includes(code)}
                    onChange={(e) => toggleViolation(code, e.target.checked)}
                    data-testid={`intake-violation-${code}`}
                  />
                  {violationLabel(code, lng)}
                </label>
              ))}
            </div>
          </FieldSet>

          <div className="field-row">
            <Field
              id="intake-incident-at"
              label={t('intake.incidentAt')}
              hint={t('intake.incidentAtHint')}
              optional={t('form.optional')}
              error={errorFor('incidentAt')}
            >
              {(a) => (
                <input
                  {...a}
                  type="datetime-local"
                  value={form.incidentAt}
                  onChange={(e) => set('incidentAt', e.target.value)}
                  data-testid="intake-incident-at"
                />
              )}
            </Field>
            <Field id="intake-precision" label={t('intake.precision')} error={errorFor('incidentPrecision')}>
              {(a) => (
                <select
                  {...a}
                  value={form.incidentPrecision}
                  onChange={(e) => set('incidentPrecision', e.target.value as DatePrecision)}
                >
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
            <Field
              id="intake-county"
              label={t('intake.county')}
              optional={t('form.optional')}
              error={errorFor('county')}
            >
              {(a) => (
                <select
                  {...a}
                  value={form.county}
                  onChange={(e) => set('county', e.target.value)}
                  data-testid="intake-county"
                >
                  <option value="">{t('intake.chooseCounty')}</option>
                  {counties.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="intake-subcounty"
              label={t('intake.subCounty')}
              optional={t('form.optional')}
              error={errorFor('subCounty')}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  maxLength={80}
                  value={form.subCounty}
                  onChange={(e) => set('subCounty', e.target.value)}
                  data-testid="intake-subcounty"
                />
              )}
            </Field>
            <Field
              id="intake-ward"
              label={t('intake.ward')}
              optional={t('form.optional')}
              error={errorFor('ward')}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  maxLength={80}
                  value={form.ward}
                  onChange={(e) => set('ward', e.target.value)}
                  data-testid="intake-ward"
                />
              )}
            </Field>
          </div>
          <Field
            id="intake-place"
            label={t('intake.place')}
            hint={t('intake.placeHint')}
            optional={t('form.optional')}
            error={errorFor('place')}
          >
            {(a) => (
              <input
                {...a}
                type="text"
                maxLength={300}
                value={form.place}
                onChange={(e) => set('place', e.target.value)}
                data-testid="intake-place"
              />
            )}
          </Field>
        </section>

        <section className="form-section card" aria-labelledby="intake-reporter">
          <h2 id="intake-reporter">{t('intake.sectionReporter')}</h2>
          <label className="choice">
            <input
              type="checkbox"
              checked={form.anonymous}
              onChange={(e) => set('anonymous', e.target.checked)}
              data-testid="intake-anonymous"
            />
            <span>
              {t('intake.anonymous')}
              <span className="choice__hint">{t('intake.anonymousHint')}</span>
            </span>
          </label>
          {form.anonymous ? null : (
            <>
              <div className="field-row">
                <Field
                  id="intake-reporter-name"
                  label={t('intake.name')}
                  optional={t('form.optional')}
                  error={errorFor('reporter.name')}
                >
                  {(a) => (
                    <input
                      {...a}
                      type="text"
                      autoComplete="off"
                      maxLength={120}
                      value={form.reporterName}
                      onChange={(e) => set('reporterName', e.target.value)}
                      data-testid="intake-reporter-name"
                    />
                  )}
                </Field>
                <Field
                  id="intake-reporter-phone"
                  label={t('intake.phone')}
                  hint={t('intake.phoneHint')}
                  optional={t('form.optional')}
                  error={errorFor('reporter.phone')}
                >
                  {(a) => (
                    <input
                      {...a}
                      type="tel"
                      inputMode="tel"
                      autoComplete="off"
                      maxLength={30}
                      value={form.reporterPhone}
                      onChange={(e) => set('reporterPhone', e.target.value)}
                      data-testid="intake-reporter-phone"
                    />
                  )}
                </Field>
              </div>
              <Field
                id="intake-safe-contact"
                label={t('intake.safeContact')}
                hint={t('intake.safeContactHint')}
                optional={t('form.optional')}
                error={errorFor('reporter.safeContact')}
              >
                {(a) => (
                  <input
                    {...a}
                    type="text"
                    maxLength={300}
                    value={form.safeContact}
                    onChange={(e) => set('safeContact', e.target.value)}
                  />
                )}
              </Field>
            </>
          )}
          <Field id="intake-reporter-locale" label={t('intake.reporterLocale')}>
            {(a) => (
              <select
                {...a}
                value={form.reporterLocale}
                onChange={(e) => set('reporterLocale', e.target.value === 'sw' ? 'sw' : 'en')}
              >
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
            <Field
              id="intake-victim-name"
              label={t('intake.name')}
              optional={t('form.optional')}
              error={errorFor('victim.name')}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  autoComplete="off"
                  maxLength={120}
                  value={form.victimName}
                  onChange={(e) => set('victimName', e.target.value)}
                  data-testid="intake-victim-name"
                />
              )}
            </Field>
            <Field
              id="intake-victim-phone"
              label={t('intake.phone')}
              optional={t('form.optional')}
              error={errorFor('victim.phone')}
            >
              {(a) => (
                <input
                  {...a}
                  type="tel"
                  inputMode="tel"
                  autoComplete="off"
                  maxLength={30}
                  value={form.victimPhone}
                  onChange={(e) => set('victimPhone', e.target.value)}
                  data-testid="intake-victim-phone"
                />
              )}
            </Field>
          </div>
          <div className="field-row">
            <Field id="intake-victim-sex" label={t('intake.sex')} error={errorFor('victim.sex')}>
              {(a) => (
                <select {...a} value={form.victimSex} onChange={(e) => set('victimSex', e.target.value)}>
                  <option value="">{t('intake.notRecorded')}</option>
                  {sexes.map((s) => (
                    <option key={s} value={s}>
                      {t(`sex.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-victim-age" label={t('intake.ageGroup')} error={errorFor('victim.ageGroup')}>
              {(a) => (
                <select
                  {...a}
                  value={form.victimAgeGroup}
                  onChange={(e) => set('victimAgeGroup', e.target.value)}
                >
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
          <FieldSet id="intake-sensitivity" legend={t('intake.sensitivity')} error={errorFor('sensitivity')}>
            <div className="choices">
              {sensitivities.map((s) => (
                <label key={s} className="choice">
                  <input
                    type="radio"
                    name="sensitivity"
                    value={s}
                    checked={form.sensitivity === s}
                    onChange={() => set('sensitivity', s)}
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
      </form>
    </section>
  );
}
