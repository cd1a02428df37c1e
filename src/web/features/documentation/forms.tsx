import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  actTypeCodes,
  actTypes,
  documentationRoles,
  involvementDegreeCodes,
  involvementDegrees,
  istanbulConsistency,
  istanbulConsistencyCodes,
  perpetratorTypeCodes,
  perpetratorTypes,
  personKindCodes,
  personKinds,
  subtypeOf,
  victimStatusCodes,
  victimStatuses,
} from '../../../shared/esf.js';
import { datePrecisions, type Term } from '../../../shared/vocabularies.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import { choice, eatDateTime, optional, ResponseFormOf, text, useTerm } from '../response/kit.js';
import {
  useAddInvolvement,
  useAddPerson,
  useRecordAct,
  type ActBody,
  type DocPerson,
  type Documentation,
  type InvolvementBody,
  type PersonBody,
} from './api.js';

/* ---------- Person ---------- */

export const personForm = z.object({
  role: choice(documentationRoles),
  kind: choice(personKindCodes),
  name: text(200),
  sex: z.enum(['', 'female', 'male', 'other', 'unknown']),
});
type PersonValues = z.output<typeof personForm>;

export function toPersonBody(v: PersonValues): PersonBody {
  return {
    role: v.role,
    kind: v.kind,
    ...(optional(v.name) ? { name: v.name } : {}),
    ...(v.sex ? { sex: v.sex } : {}),
  };
}

/** A select over a vocabulary, labelled in the console's language. */
function Choose({
  id,
  name,
  label,
  list,
}: {
  id: string;
  name: string;
  label: string;
  list: readonly Term[];
}) {
  const { t } = useTranslation();
  const term = useTerm();
  return (
    <Field id={id} name={name} label={label}>
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
}

export function PersonForm({ caseId, close }: { caseId: string; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const add = useAddPerson(caseId);
  const form = useZodForm(personForm, { defaultValues: { role: '', kind: 'individual', name: '', sex: '' } });
  const roleTerms: Term[] = documentationRoles.map((r) => ({
    code: r,
    en: t(`documentation.roles.${r}`, { lng: 'en' }),
    sw: t(`documentation.roles.${r}`, { lng: 'sw' }),
  }));
  return (
    <ResponseFormOf
      id="doc-person-form"
      title={t('documentation.addPerson')}
      form={form}
      summaryTestId="doc-person-errors"
      labels={{ role: t('documentation.role'), kind: t('documentation.kind'), name: t('documentation.name') }}
      pending={add.isPending}
      submitLabel={t('documentation.personSubmit')}
      onSubmit={async (v) => {
        if (add.isPending) return;
        await add.mutateAsync(toPersonBody(v));
        close(t('documentation.personSaved'));
      }}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Choose id="doc-person-role" name="role" label={t('documentation.role')} list={roleTerms} />
        <Choose id="doc-person-kind" name="kind" label={t('documentation.kind')} list={personKinds} />
      </div>
      <Field
        id="doc-person-name"
        name="name"
        label={t('documentation.name')}
        optional={t('form.optional')}
        hint={t('documentation.nameHint')}
      >
        {(p) => <input {...p} type="text" maxLength={200} autoComplete="off" />}
      </Field>
    </ResponseFormOf>
  );
}

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

const personTerms = (people: DocPerson[], role: string): Term[] =>
  people.filter((p) => p.role === role).map((p) => ({ code: p.id, en: p.pseudonym, sw: p.pseudonym }));

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
        await record.mutateAsync(toActBody(v));
        close(t('documentation.actSaved'));
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

/* ---------- Involvement ---------- */

export const involvementForm = z.object({
  actId: z.string().min(1, 'response.chooseOne'),
  perpetratorPersonId: z.string().min(1, 'response.chooseOne'),
  degree: choice(involvementDegreeCodes),
  perpetratorType: choice(perpetratorTypeCodes),
});
type InvolvementValues = z.output<typeof involvementForm>;

export function toInvolvement(v: InvolvementValues): { actId: string; body: InvolvementBody } {
  const { actId, ...body } = v;
  return { actId, body };
}

export function InvolvementForm({
  caseId,
  doc,
  actLabel,
  close,
}: {
  caseId: string;
  doc: Documentation;
  actLabel: (actId: string) => string;
  close: (saved?: string) => void;
}) {
  const { t } = useTranslation();
  const add = useAddInvolvement(caseId);
  const form = useZodForm(involvementForm, {
    defaultValues: {
      actId: doc.acts.at(-1)?.id ?? '',
      perpetratorPersonId: '',
      degree: '',
      perpetratorType: '',
    },
  });
  const perpetrators = personTerms(doc.people, 'perpetrator');
  return (
    <ResponseFormOf
      id="doc-involvement-form"
      title={t('documentation.addInvolvement')}
      help={perpetrators.length === 0 ? t('documentation.noPerpetrator') : undefined}
      form={form}
      summaryTestId="doc-involvement-errors"
      labels={{
        actId: t('documentation.act'),
        perpetratorPersonId: t('documentation.perpetrator'),
        degree: t('documentation.degree'),
        perpetratorType: t('documentation.perpetratorType'),
      }}
      pending={add.isPending}
      submitLabel={t('documentation.involvementSubmit')}
      onSubmit={async (v) => {
        if (add.isPending) return;
        await add.mutateAsync(toInvolvement(v));
        close(t('documentation.involvementSaved'));
      }}
      onCancel={() => close()}
    >
      <Choose
        id="doc-inv-act"
        name="actId"
        label={t('documentation.act')}
        list={doc.acts.map((a) => ({ code: a.id, en: actLabel(a.id), sw: actLabel(a.id) }))}
      />
      <Choose
        id="doc-inv-perpetrator"
        name="perpetratorPersonId"
        label={t('documentation.perpetrator')}
        list={perpetrators}
      />
      <div className="field-row">
        <Choose
          id="doc-inv-type"
          name="perpetratorType"
          label={t('documentation.perpetratorType')}
          list={perpetratorTypes}
        />
        <Choose
          id="doc-inv-degree"
          name="degree"
          label={t('documentation.degree')}
          list={involvementDegrees}
        />
      </div>
    </ResponseFormOf>
  );
}
