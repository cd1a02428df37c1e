import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  confidentialities,
  confidentialityCodes,
  interventionTypeCodes,
  interventionTypes,
  sourceMaterialTypeCodes,
  sourceMaterialTypes,
  sourceReliabilities,
  sourceReliabilityCodes,
} from '../../../shared/esf.js';
import { interventionResponses } from '../../../shared/vocabularies.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import {
  choice,
  eatDateTime,
  optional,
  ResponseFormOf,
  ResponseSection,
  text,
  useTerm,
  useWhen,
} from '../response/kit.js';
import {
  useAddInformation,
  useAddIntervention,
  type Documentation,
  type InformationBody,
  type InterventionBody,
} from './api.js';
import { Choose, personTerms } from './fields.js';

const responseCodes = interventionResponses.map((r) => r.code) as [string, ...string[]];

/* ---------- Information: source → event ---------- */

export const informationForm = z.object({
  eventId: z.string().min(1, 'response.chooseOne'),
  sourcePersonId: z.string().min(1, 'response.chooseOne'),
  reliability: choice(sourceReliabilityCodes),
  materialType: choice(sourceMaterialTypeCodes),
  confidentiality: choice(confidentialityCodes),
  remarks: text(2000),
});
type InformationValues = z.output<typeof informationForm>;

export function toInformationBody(v: InformationValues): InformationBody {
  const { remarks, ...rest } = v;
  return { ...rest, ...(optional(remarks) ? { remarks } : {}) };
}

/* ---------- Manual intervention ---------- */

export const interventionForm = z.object({
  interventionType: choice(interventionTypeCodes),
  byParty: text(200).min(1, 'form.required'),
  toParty: text(200),
  at: eatDateTime.refine((v) => v !== '', 'form.required'),
  response: z.union([z.literal(''), z.enum(responseCodes)]),
  impact: text(2000),
});
type InterventionValues = z.output<typeof interventionForm>;

export function toInterventionBody(v: InterventionValues): InterventionBody {
  return {
    interventionType: v.interventionType,
    byParty: v.byParty,
    at: eatToIso(v.at)!,
    ...(optional(v.toParty) ? { toParty: v.toParty } : {}),
    ...(v.response ? { response: v.response as InterventionBody['response'] } : {}),
    ...(optional(v.impact) ? { impact: v.impact } : {}),
  };
}

/** Sources (ESF information: source → event, with reliability) and the form that records one. */
export function SourcesSection({
  caseId,
  doc,
  canAdd,
}: {
  caseId: string;
  doc: Documentation;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  return (
    <ResponseSection
      id="doc-sources"
      title={t('documentation.sources')}
      intro={t('documentation.sourcesIntro')}
      addLabel={t('documentation.addSource')}
      canAdd={canAdd && doc.events.length > 0}
      form={(close) => <InformationForm caseId={caseId} doc={doc} close={close} />}
    >
      {doc.information.length === 0 ? <p className="muted">{t('documentation.none')}</p> : null}
      <ul className="records" data-testid="doc-sources">
        {doc.information.map((i) => (
          <li key={i.id} className="record">
            <p className="record__head">
              <strong>{i.source}</strong>
              <span className="tag">{term(sourceReliabilities, i.reliability)}</span>
            </p>
            <p className="record__meta muted">
              {term(sourceMaterialTypes, i.materialType)} · {term(confidentialities, i.confidentiality)}
            </p>
          </li>
        ))}
      </ul>
    </ResponseSection>
  );
}

function InformationForm({
  caseId,
  doc,
  close,
}: {
  caseId: string;
  doc: Documentation;
  close: (saved?: string) => void;
}) {
  const { t } = useTranslation();
  const add = useAddInformation(caseId);
  const form = useZodForm(informationForm, {
    defaultValues: {
      eventId: doc.events[0]?.id ?? '',
      sourcePersonId: '',
      reliability: '',
      materialType: '',
      confidentiality: 'internal',
      remarks: '',
    },
  });
  const sources = personTerms(doc.people, 'source');
  return (
    <ResponseFormOf
      id="doc-source-form"
      title={t('documentation.addSource')}
      help={sources.length === 0 ? t('documentation.noSource') : undefined}
      form={form}
      summaryTestId="doc-source-errors"
      labels={{
        eventId: t('documentation.event'),
        sourcePersonId: t('documentation.source'),
        reliability: t('documentation.reliability'),
        materialType: t('documentation.materialType'),
        confidentiality: t('documentation.confidentiality'),
        remarks: t('documentation.remarks'),
      }}
      pending={add.isPending}
      submitLabel={t('documentation.sourceSubmit')}
      onSubmit={async (v) => {
        if (add.isPending) return;
        await add.mutateAsync(toInformationBody(v));
        close(t('documentation.sourceSaved'));
      }}
      onCancel={() => close()}
    >
      <Choose
        id="doc-src-event"
        name="eventId"
        label={t('documentation.event')}
        list={doc.events.map((e) => ({ code: e.id, en: e.reference, sw: e.reference }))}
      />
      <Choose id="doc-src-person" name="sourcePersonId" label={t('documentation.source')} list={sources} />
      <Choose
        id="doc-src-reliability"
        name="reliability"
        label={t('documentation.reliability')}
        list={sourceReliabilities}
      />
      <Choose
        id="doc-src-material"
        name="materialType"
        label={t('documentation.materialType')}
        list={sourceMaterialTypes}
      />
      <Choose
        id="doc-src-confidentiality"
        name="confidentiality"
        label={t('documentation.confidentiality')}
        list={confidentialities}
      />
      <Field
        id="doc-src-remarks"
        name="remarks"
        label={t('documentation.remarks')}
        optional={t('form.optional')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={2000} />}
      </Field>
    </ResponseFormOf>
  );
}

/** Interventions: the case's own actions and agency responses, plus ones recorded by hand. */
export function InterventionsSection({
  caseId,
  doc,
  canAdd,
}: {
  caseId: string;
  doc: Documentation;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  const when = useWhen();
  return (
    <ResponseSection
      id="doc-interventions"
      title={t('documentation.interventions')}
      intro={t('documentation.interventionsIntro')}
      addLabel={t('documentation.addIntervention')}
      canAdd={canAdd}
      form={(close) => <InterventionForm caseId={caseId} close={close} />}
    >
      <ul className="records" data-testid="doc-interventions">
        {doc.interventions.map((i) => (
          <li key={`${i.origin}-${i.id}`} className="record">
            <p className="record__head">
              <strong>{t(`documentation.origin.${i.origin}`)}</strong>
              <span>{term(interventionTypes, i.interventionType)}</span>
              {i.response ? <span className="tag">{term(interventionResponses, i.response)}</span> : null}
            </p>
            <p className="record__meta muted">
              {[when(i.at), i.byParty, i.toParty].filter(Boolean).join(' · ')}
            </p>
            {i.impact ? <p className="small">{i.impact}</p> : null}
          </li>
        ))}
      </ul>
    </ResponseSection>
  );
}

function InterventionForm({ caseId, close }: { caseId: string; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const add = useAddIntervention(caseId);
  const form = useZodForm(interventionForm, {
    defaultValues: {
      interventionType: '',
      byParty: '',
      toParty: '',
      at: eatLocalNow(),
      response: '',
      impact: '',
    },
  });
  const input = (id: string, name: string, label: string, hint?: string, optionalField = false) => (
    <Field
      id={id}
      name={name}
      label={label}
      hint={hint}
      optional={optionalField ? t('form.optional') : undefined}
    >
      {(p) => <input {...p} type="text" maxLength={200} autoComplete="off" />}
    </Field>
  );
  return (
    <ResponseFormOf
      id="doc-intervention-form"
      title={t('documentation.addIntervention')}
      form={form}
      summaryTestId="doc-intervention-errors"
      labels={{
        interventionType: t('documentation.interventionType'),
        byParty: t('documentation.byParty'),
        toParty: t('documentation.toParty'),
        at: t('documentation.interventionAt'),
        response: t('documentation.response'),
        impact: t('documentation.impact'),
      }}
      pending={add.isPending}
      submitLabel={t('documentation.interventionSubmit')}
      onSubmit={async (v) => {
        if (add.isPending) return;
        await add.mutateAsync(toInterventionBody(v));
        close(t('documentation.interventionSaved'));
      }}
      onCancel={() => close()}
    >
      <Choose
        id="doc-int-type"
        name="interventionType"
        label={t('documentation.interventionType')}
        list={interventionTypes}
      />
      {input('doc-int-by', 'byParty', t('documentation.byParty'), t('documentation.partyHint'))}
      {input('doc-int-to', 'toParty', t('documentation.toParty'), undefined, true)}
      <Field id="doc-int-at" name="at" label={t('documentation.interventionAt')}>
        {(p) => <input {...p} type="datetime-local" />}
      </Field>
      <Choose
        id="doc-int-response"
        name="response"
        label={t('documentation.response')}
        list={interventionResponses}
      />
      <Field
        id="doc-int-impact"
        name="impact"
        label={t('documentation.impact')}
        hint={t('documentation.impactHint')}
        optional={t('form.optional')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={2000} />}
      </Field>
    </ResponseFormOf>
  );
}
