import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  actTypeCodes,
  actTypes,
  istanbulConsistency,
  istanbulConsistencyCodes,
  subtypeOf,
  victimStatusCodes,
  victimStatuses,
} from '../../../shared/esf.js';
import { datePrecisions, type Term } from '../../../shared/vocabularies.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import { choice, eatDateTime, optional, ResponseFormOf, text } from '../response/kit.js';
import { useRecordAct, type ActBody, type Documentation } from './api.js';
import { Choose, personTerms } from './fields.js';

/* ---------- Act ---------- */

export const actForm = z.object({
  eventId: z.string().min(1, 'response.chooseOne'),
  victimPersonId: z.string().min(1, 'response.chooseOne'),
  actType: choice(actTypeCodes),
  startedAt: eatDateTime,
  startedPrecision: z.enum(datePrecisions),
  county: text(60),
  place: text(500),
  consequences: text(5000),
  victimStatus: choice(victimStatusCodes),
  arrestId: z.string(),
  autopsyPerformed: z.boolean(),
  deathCertificateNo: text(100),
  examiner: text(200),
  examinedAt: eatDateTime,
  consistency: z.union([z.literal(''), z.enum(istanbulConsistencyCodes)]),
  p3FormRef: text(100),
  prcFormRef: text(100),
  propertyLost: text(2000),
});
type ActValues = z.output<typeof actForm>;

/** The form's values → the contract's body: only the detail of the chosen type is sent. */
export function toActBody(v: ActValues): ActBody {
  const startedAt = v.startedAt ? eatToIso(v.startedAt) : undefined;
  const examinedAt = v.examinedAt ? eatToIso(v.examinedAt) : undefined;
  const subtype = subtypeOf(v.actType);
  const body: ActBody = {
    eventId: v.eventId,
    victimPersonId: v.victimPersonId,
    actType: v.actType,
    victimStatus: v.victimStatus,
    ...(startedAt ? { startedAt, startedPrecision: v.startedPrecision } : {}),
    ...(optional(v.county) ? { county: v.county } : {}),
    ...(optional(v.place) ? { place: v.place } : {}),
    ...(optional(v.consequences) ? { consequences: v.consequences } : {}),
  };
  if (subtype === 'arrest') body.arrest = v.arrestId ? { arrestId: v.arrestId } : {};
  if (subtype === 'killing')
    body.killing = {
      autopsyPerformed: v.autopsyPerformed,
      ...(optional(v.deathCertificateNo) ? { deathCertificateNo: v.deathCertificateNo } : {}),
    };
  if (subtype === 'torture')
    body.torture = {
      ...(optional(v.examiner) ? { examiner: v.examiner } : {}),
      ...(examinedAt ? { examinedAt } : {}),
      ...(v.consistency ? { consistency: v.consistency } : {}),
    };
  if (subtype === 'sexual_violence')
    body.sexualViolence = {
      ...(optional(v.p3FormRef) ? { p3FormRef: v.p3FormRef } : {}),
      ...(optional(v.prcFormRef) ? { prcFormRef: v.prcFormRef } : {}),
      ...(examinedAt ? { examinedAt } : {}),
    };
  if (subtype === 'eviction')
    body.eviction = optional(v.propertyLost) ? { propertyLost: v.propertyLost } : {};
  return body;
}

export function ActForm({
  caseId,
  doc,
  arrests,
  close,
}: {
  caseId: string;
  doc: Documentation;
  /** The case's arrests (response module) an arrest act may point at. */
  arrests: { id: string; label: string }[];
  close: (saved?: string) => void;
}) {
  const { t } = useTranslation();
  const record = useRecordAct(caseId);
  const form = useZodForm(actForm, {
    defaultValues: {
      eventId: doc.events[0]?.id ?? '',
      victimPersonId: '',
      actType: '',
      startedAt: eatLocalNow(),
      startedPrecision: 'exact',
      county: '',
      place: '',
      consequences: '',
      victimStatus: '',
      arrestId: '',
      autopsyPerformed: false,
      deathCertificateNo: '',
      examiner: '',
      examinedAt: '',
      consistency: '',
      p3FormRef: '',
      prcFormRef: '',
      propertyLost: '',
    },
  });
  const subtype = subtypeOf(form.watch('actType'));
  const events = doc.events.map((e) => ({ code: e.id, en: e.reference, sw: e.reference }));
  const precisions: Term[] = datePrecisions.map((p) => ({
    code: p,
    en: t(`documentation.precision${p[0]!.toUpperCase()}${p.slice(1)}` as never, { lng: 'en' }),
    sw: t(`documentation.precision${p[0]!.toUpperCase()}${p.slice(1)}` as never, { lng: 'sw' }),
  }));
  const input = (id: string, name: string, label: string, max: number, type = 'text') => (
    <Field id={id} name={name} label={label} optional={t('form.optional')}>
      {(p) => <input {...p} type={type} maxLength={max} />}
    </Field>
  );
  return (
    <ResponseFormOf
      id="doc-act-form"
      title={t('documentation.addAct')}
      form={form}
      summaryTestId="doc-act-errors"
      labels={{
        eventId: t('documentation.event'),
        victimPersonId: t('documentation.victim'),
        actType: t('documentation.actType'),
        victimStatus: t('documentation.victimStatus'),
      }}
      pending={record.isPending}
      submitLabel={t('documentation.actSubmit')}
      onSubmit={async (v) => {
        if (record.isPending) return;
        const r = await record.mutateAsync(toActBody(v));
        close(r.status === 'queued' ? t('offline.outbox.queuedNotice') : t('documentation.actSaved'));
      }}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Choose id="doc-act-event" name="eventId" label={t('documentation.event')} list={events} />
        <Choose
          id="doc-act-victim"
          name="victimPersonId"
          label={t('documentation.victim')}
          list={personTerms(doc.people, 'victim')}
        />
      </div>
      <div className="field-row">
        <Choose id="doc-act-type" name="actType" label={t('documentation.actType')} list={actTypes} />
        <Choose
          id="doc-act-status"
          name="victimStatus"
          label={t('documentation.victimStatus')}
          list={victimStatuses}
        />
      </div>
      <div className="field-row">
        <Field
          id="doc-act-when"
          name="startedAt"
          label={t('documentation.startedAt')}
          optional={t('form.optional')}
        >
          {(p) => <input {...p} type="datetime-local" />}
        </Field>
        <Choose
          id="doc-act-precision"
          name="startedPrecision"
          label={t('documentation.precision')}
          list={precisions}
        />
      </div>
      <div className="field-row">
        {input('doc-act-county', 'county', t('documentation.county'), 60)}
        <Field
          id="doc-act-place"
          name="place"
          label={t('documentation.place')}
          optional={t('form.optional')}
          hint={t('documentation.placeHint')}
        >
          {(p) => <input {...p} type="text" maxLength={500} />}
        </Field>
      </div>
      <Field
        id="doc-act-consequences"
        name="consequences"
        label={t('documentation.consequences')}
        optional={t('form.optional')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={5000} />}
      </Field>
      {subtype === 'arrest' ? (
        <Choose
          id="doc-act-arrest"
          name="arrestId"
          label={t('documentation.arrestLink')}
          list={arrests.map((a) => ({ code: a.id, en: a.label, sw: a.label }))}
        />
      ) : null}
      {subtype === 'killing' ? (
        <div className="field-row">
          <Field id="doc-act-autopsy" name="autopsyPerformed" label={t('documentation.autopsy')}>
            {(p) => <input {...p} type="checkbox" />}
          </Field>
          {input('doc-act-dc', 'deathCertificateNo', t('documentation.deathCertificate'), 100)}
        </div>
      ) : null}
      {subtype === 'torture' ? (
        <div className="field-row">
          {input('doc-act-examiner', 'examiner', t('documentation.examiner'), 200)}
          {input('doc-act-examined', 'examinedAt', t('documentation.examinedAt'), 30, 'datetime-local')}
          <Choose
            id="doc-act-consistency"
            name="consistency"
            label={t('documentation.consistency')}
            list={istanbulConsistency}
          />
        </div>
      ) : null}
      {subtype === 'sexual_violence' ? (
        <div className="field-row">
          {input('doc-act-p3', 'p3FormRef', t('documentation.p3'), 100)}
          {input('doc-act-prc', 'prcFormRef', t('documentation.prc'), 100)}
          {input('doc-act-examined', 'examinedAt', t('documentation.examinedAt'), 30, 'datetime-local')}
        </div>
      ) : null}
      {subtype === 'eviction'
        ? input('doc-act-property', 'propertyLost', t('documentation.propertyLost'), 2000)
        : null}
    </ResponseFormOf>
  );
}
