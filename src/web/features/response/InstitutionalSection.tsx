import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  agencies,
  agencyCodes,
  institutionalRequestCodes,
  institutionalResponseCodes,
  institutionalRequests,
  institutionalResponseTypes,
  type InstitutionalResponseType,
  type Term,
} from '../../../shared/vocabularies.js';
import type { CaseDetail } from '../cases/api.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import { useLogInstitutional, type InstitutionalBody, type InstitutionalResponse } from './api.js';
import {
  choice,
  eatDateTime,
  ResponseFormOf,
  ResponseSection,
  text,
  useTerm,
  useBy,
  useWhen,
} from './kit.js';

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

/** The log form's values (institutionalResponseInput's fields as typed); the time is East Africa Time. */
export const institutionalForm = z
  .object({
    agency: choice(agencyCodes),
    station: text(200),
    officer: text(200),
    request: choice(institutionalRequestCodes),
    response: choice(institutionalResponseCodes),
    obNumber: text(60),
    at: eatDateTime,
    notes: text(5000),
  })
  // Checked with the other fields (not only once they are all valid), as the contract's refinement.
  .refine((v) => v.response !== 'recorded_with_ob' || Boolean(v.obNumber), {
    path: ['obNumber'],
    message: 'response.obRequired',
    when: () => true,
  });
type InstitutionalValues = z.output<typeof institutionalForm>;

export function toInstitutionalBody(v: InstitutionalValues): InstitutionalBody {
  const at = v.at ? eatToIso(v.at) : undefined;
  return {
    agency: v.agency,
    request: v.request,
    response: v.response,
    ...(v.station ? { station: v.station } : {}),
    ...(v.officer ? { officer: v.officer } : {}),
    ...(v.obNumber ? { obNumber: v.obNumber } : {}),
    ...(at ? { at } : {}),
    ...(v.notes ? { notes: v.notes } : {}),
  };
}

function InstitutionalForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const log = useLogInstitutional(c.id);
  const form = useZodForm(institutionalForm, {
    defaultValues: {
      agency: '',
      station: '',
      officer: '',
      request: '',
      response: '',
      obNumber: '',
      at: eatLocalNow(),
      notes: '',
    },
  });
  const response = form.watch('response');

  async function onSubmit(values: InstitutionalValues) {
    if (log.isPending) return;
    await log.mutateAsync(toInstitutionalBody(values));
    close(t('response.institutionalLogged'));
  }

  const select = (
    id: string,
    key: 'agency' | 'request' | 'response',
    label: string,
    list: readonly Term[],
  ) => (
    <Field id={id} name={key} label={label}>
      {(p) => (
        <select {...p} data-testid={id}>
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
    <ResponseFormOf
      id="response-institutional-form"
      title={t('response.addInstitutional')}
      form={form}
      summaryTestId="institutional-errors"
      labels={{
        agency: t('response.agency'),
        station: t('response.stationOrOffice'),
        officer: t('response.officer'),
        request: t('response.request'),
        response: t('response.agencyResponse'),
        at: t('response.when'),
        notes: t('response.notes'),
      }}
      pending={log.isPending}
      submitLabel={t('response.institutionalSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <div className="field-row">
        {select('inst-agency', 'agency', t('response.agency'), agencies)}
        <Field
          id="inst-station"
          name="station"
          label={t('response.stationOrOffice')}
          optional={t('form.optional')}
        >
          {(p) => <input {...p} type="text" maxLength={200} />}
        </Field>
      </div>
      <div className="field-row">
        {select('inst-request', 'request', t('response.request'), institutionalRequests)}
        {select('inst-response', 'response', t('response.agencyResponse'), institutionalResponseTypes)}
      </div>
      <div className="field-row">
        <Field
          id="inst-ob"
          name="obNumber"
          label={t('response.obNumber')}
          optional={response === 'recorded_with_ob' ? undefined : t('form.optional')}
        >
          {(p) => <input {...p} type="text" maxLength={60} data-testid="inst-ob" />}
        </Field>
        <Field
          id="inst-officer"
          name="officer"
          label={t('response.officer')}
          optional={t('form.optional')}
          hint={t('response.officerHint')}
        >
          {(p) => <input {...p} type="text" maxLength={200} />}
        </Field>
        <Field id="inst-at" name="at" label={t('response.when')} hint={t('response.whenHint')}>
          {(p) => <input {...p} type="datetime-local" />}
        </Field>
      </div>
      <Field
        id="inst-notes"
        name="notes"
        label={t('response.notes')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={5000} />}
      </Field>
    </ResponseFormOf>
  );
}
