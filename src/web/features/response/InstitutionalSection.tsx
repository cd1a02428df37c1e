import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';
import {
  agencies,
  institutionalRequests,
  institutionalResponseTypes,
  type Agency,
  type InstitutionalRequest,
  type InstitutionalResponseType,
  type Term,
} from '../../../shared/vocabularies.js';
import type { CaseDetail } from '../cases/api.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import type { Problem } from '../cases/problems.js';
import { useLogInstitutional, type InstitutionalBody, type InstitutionalResponse } from './api.js';
import { optional, ResponseForm, ResponseSection, useFormErrors, useTerm, useBy, useWhen } from './kit.js';

const controls: Record<string, string> = {
  agency: 'inst-agency',
  station: 'inst-station',
  officer: 'inst-officer',
  request: 'inst-request',
  response: 'inst-response',
  obNumber: 'inst-ob',
  at: 'inst-at',
  notes: 'inst-notes',
};

/** Institutional responses that show failure get the warning colour in the list. */
const failing = new Set<InstitutionalResponseType>(['refused', 'ignored', 'hostile']);

export function InstitutionalSection({
  c,
  items,
  canAdd,
}: {
  c: CaseDetail;
  items: InstitutionalResponse[];
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  const when = useWhen();
  const by = useBy(c);
  return (
    <ResponseSection
      id="response-institutional"
      title={t('response.institutional')}
      intro={t('response.institutionalIntro')}
      addLabel={t('response.addInstitutional')}
      canAdd={canAdd}
      form={(close) => <InstitutionalForm c={c} close={close} />}
    >
      {items.length === 0 ? (
        <p className="muted">{t('response.notYet')}</p>
      ) : (
        <ul className="records" data-testid="institutional-list">
          {items.map((r) => (
            <li key={r.id} className="record" data-testid="institutional">
              <p className="record__head">
                <strong>{term(agencies, r.agency)}</strong>
                <span>{term(institutionalRequests, r.request)}</span>
                <span aria-hidden="true">→</span>
                <span className={failing.has(r.response) ? 'tag tag--late' : 'tag tag--ok'}>
                  {term(institutionalResponseTypes, r.response)}
                </span>
              </p>
              <p className="record__meta muted">
                {[
                  r.station,
                  r.officer ? `${t('response.officer')}: ${r.officer}` : null,
                  r.obNumber ? `${t('response.obNumber')}: ${r.obNumber}` : null,
                  when(r.at),
                  by(r.createdBy),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {r.notes ? <p className="record__text prewrap">{r.notes}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

interface Values {
  agency: Agency | '';
  station: string;
  officer: string;
  request: InstitutionalRequest | '';
  response: InstitutionalResponseType | '';
  obNumber: string;
  at: string;
  notes: string;
}

function InstitutionalForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const log = useLogInstitutional(c.id);
  const errors = useFormErrors(controls, 'institutional-errors', {
    agency: t('response.agency'),
    station: t('response.stationOrOffice'),
    officer: t('response.officer'),
    request: t('response.request'),
    response: t('response.agencyResponse'),
    at: t('response.when'),
    notes: t('response.notes'),
  });
  const [v, setV] = useState<Values>(() => ({
    agency: '',
    station: '',
    officer: '',
    request: '',
    response: '',
    obNumber: '',
    at: eatLocalNow(),
    notes: '',
  }));
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((x) => ({ ...x, [k]: value }));

  async function onSubmit() {
    const found: Problem[] = [];
    if (!v.agency) found.push(errors.problem('agency', t('response.chooseOne')));
    if (!v.request) found.push(errors.problem('request', t('response.chooseOne')));
    if (!v.response) found.push(errors.problem('response', t('response.chooseOne')));
    if (v.response === 'recorded_with_ob' && !v.obNumber.trim())
      found.push(errors.problem('obNumber', t('response.obRequired')));
    const at = v.at ? eatToIso(v.at) : undefined;
    if (v.at && !at) found.push(errors.problem('at', t('form.invalid')));
    if (errors.check(found) || !v.agency || !v.request || !v.response) return;
    const body: InstitutionalBody = { agency: v.agency, request: v.request, response: v.response };
    if (optional(v.station)) body.station = optional(v.station);
    if (optional(v.officer)) body.officer = optional(v.officer);
    if (optional(v.obNumber)) body.obNumber = optional(v.obNumber);
    if (at) body.at = at;
    if (optional(v.notes)) body.notes = optional(v.notes);
    try {
      await log.mutateAsync(body);
      close(t('response.institutionalLogged'));
    } catch (e) {
      errors.fail(e);
    }
  }

  const select = (
    id: string,
    key: 'agency' | 'request' | 'response',
    label: string,
    list: readonly Term[],
  ) => (
    <Field id={id} label={label} error={errors.errorFor(key)}>
      {(p) => (
        <select {...p} value={v[key]} onChange={(e) => set(key, e.target.value as never)} data-testid={id}>
          <option value="">{t('response.choose')}</option>
          {list.map((x) => (
            <option key={x.code} value={x.code}>
              {term(list, x.code)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <ResponseForm
      id="response-institutional-form"
      title={t('response.addInstitutional')}
      summary={errors.summary}
      pending={log.isPending}
      submitLabel={t('response.institutionalSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <div className="field-row">
        {select('inst-agency', 'agency', t('response.agency'), agencies)}
        <Field
          id="inst-station"
          label={t('response.stationOrOffice')}
          optional={t('form.optional')}
          error={errors.errorFor('station')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={200}
              value={v.station}
              onChange={(e) => set('station', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        {select('inst-request', 'request', t('response.request'), institutionalRequests)}
        {select('inst-response', 'response', t('response.agencyResponse'), institutionalResponseTypes)}
      </div>
      <div className="field-row">
        <Field
          id="inst-ob"
          label={t('response.obNumber')}
          optional={v.response === 'recorded_with_ob' ? undefined : t('form.optional')}
          error={errors.errorFor('obNumber')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={60}
              value={v.obNumber}
              onChange={(e) => set('obNumber', e.target.value)}
              data-testid="inst-ob"
            />
          )}
        </Field>
        <Field
          id="inst-officer"
          label={t('response.officer')}
          optional={t('form.optional')}
          hint={t('response.officerHint')}
          error={errors.errorFor('officer')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={200}
              value={v.officer}
              onChange={(e) => set('officer', e.target.value)}
            />
          )}
        </Field>
        <Field
          id="inst-at"
          label={t('response.when')}
          hint={t('response.whenHint')}
          error={errors.errorFor('at')}
        >
          {(p) => (
            <input {...p} type="datetime-local" value={v.at} onChange={(e) => set('at', e.target.value)} />
          )}
        </Field>
      </div>
      <Field
        id="inst-notes"
        label={t('response.notes')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
        error={errors.errorFor('notes')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={5000}
            value={v.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>
    </ResponseForm>
  );
}
