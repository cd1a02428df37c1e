import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  documentationRoles,
  involvementDegreeCodes,
  involvementDegrees,
  perpetratorTypeCodes,
  perpetratorTypes,
  personKindCodes,
  personKinds,
} from '../../../shared/esf.js';
import type { Term } from '../../../shared/vocabularies.js';
import { choice, optional, ResponseFormOf, text } from '../response/kit.js';
import {
  useAddInvolvement,
  useAddPerson,
  type Documentation,
  type InvolvementBody,
  type PersonBody,
} from './api.js';
import { Choose, personTerms } from './fields.js';

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
