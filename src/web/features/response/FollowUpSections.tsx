import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FieldSet } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  feedbackChannelCodes,
  feedbackChannels,
  impactScopeCodes,
  impactScopes,
  impactTypeCodes,
  impactTypes,
} from '../../../shared/vocabularies.js';
import type { CaseDetail } from '../cases/api.js';
import {
  useRecordFeedback,
  useRecordImpact,
  type Feedback,
  type FeedbackBody,
  type Impact,
  type ImpactBody,
} from './api.js';
import { choice, ResponseFormOf, ResponseSection, text, useTerm, useBy, useWhen, YesNo } from './kit.js';
const levels = [1, 2, 3, 4, 5] as const;

/* ---------- Feedback ---------- */

export function FeedbackSection({
  c,
  items,
  canAdd,
  closedNote,
}: {
  c: CaseDetail;
  items: Feedback[];
  canAdd: boolean;
  closedNote: string | null;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  const when = useWhen();
  const by = useBy(c);
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('response.yes') : t('response.no'));
  return (
    <ResponseSection
      id="response-feedback"
      title={t('response.feedback')}
      intro={t('response.feedbackIntro')}
      addLabel={t('response.addFeedback')}
      canAdd={canAdd}
      closedNote={closedNote}
      form={(close) => <FeedbackForm c={c} close={close} />}
    >
      {items.length === 0 ? (
        <p className="muted">{t('response.notYet')}</p>
      ) : (
        <ul className="records" data-testid="feedback-list">
          {items.map((f) => (
            <li key={f.id} className="record" data-testid="feedback">
              <p className="record__head">
                <strong>{t('response.satisfactionValue', { n: f.satisfaction })}</strong>
                <span className="muted">
                  {t(`response.satisfactionLevels.${f.satisfaction as (typeof levels)[number]}`)}
                </span>
              </p>
              <p className="record__meta">
                {t('response.confidentialityShort')}: {yesNo(f.confidentialityRespected)} ·{' '}
                {t('response.decidedShort')}: {yesNo(f.decidedNextSteps)}
              </p>
              <p className="record__meta muted">
                {term(feedbackChannels, f.channel)} · {when(f.at)} · {by(f.recordedBy)}
              </p>
              {f.unmetNeeds ? (
                <p className="record__text prewrap">
                  <strong>{t('response.unmetNeeds')}:</strong> {f.unmetNeeds}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

/** A required answer that starts unanswered (null): "choose one." until it is given. */
function answered<V>(v: V | null, ctx: z.RefinementCtx): V {
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'response.chooseOne' });
    return z.NEVER;
  }
  return v;
}

/** The feedback form's values (feedbackInput's fields, unanswered until chosen). */
export const feedbackForm = z.object({
  channel: choice(feedbackChannelCodes),
  satisfaction: z.number().int().min(1).max(5).nullable().transform(answered),
  confidentialityRespected: z.boolean().nullable().transform(answered),
  decidedNextSteps: z.boolean().nullable().transform(answered),
  unmetNeeds: text(2000),
});
type FeedbackValues = z.output<typeof feedbackForm>;

export const toFeedbackBody = (v: FeedbackValues): FeedbackBody => ({
  channel: v.channel,
  satisfaction: v.satisfaction,
  confidentialityRespected: v.confidentialityRespected,
  decidedNextSteps: v.decidedNextSteps,
  ...(v.unmetNeeds ? { unmetNeeds: v.unmetNeeds } : {}),
});

function FeedbackForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const record = useRecordFeedback(c.id);
  const form = useZodForm(feedbackForm, {
    defaultValues: {
      channel: '',
      satisfaction: null,
      confidentialityRespected: null,
      decidedNextSteps: null,
      unmetNeeds: '',
    },
  });
  const [satisfaction, confidentiality, decided] = form.watch([
    'satisfaction',
    'confidentialityRespected',
    'decidedNextSteps',
  ]);

  async function onSubmit(values: FeedbackValues) {
    if (record.isPending) return;
    await record.mutateAsync(toFeedbackBody(values));
    close(t('response.feedbackRecorded'));
  }

  return (
    <ResponseFormOf
      id="response-feedback-form"
      title={t('response.addFeedback')}
      form={form}
      summaryTestId="feedback-errors"
      labels={{
        channel: t('response.channelShort'),
        satisfaction: t('response.satisfactionShort'),
        confidentialityRespected: t('response.confidentialityShort'),
        decidedNextSteps: t('response.decidedShort'),
        unmetNeeds: t('response.unmetNeeds'),
      }}
      pending={record.isPending}
      submitLabel={t('response.feedbackSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <Field id="feedback-channel" name="channel" label={t('response.feedbackChannel')}>
        {(p) => (
          <select {...p} data-testid="feedback-channel">
            <option value="">{t('response.choose')}</option>
            {feedbackChannels.map((x) => (
              <option key={x.code} value={x.code}>
                {term(feedbackChannels, x.code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FieldSet id="feedback-satisfaction" name="satisfaction" legend={t('response.satisfaction')}>
        <div className="scale scale--five">
          {levels.map((n) => (
            <label key={n} className="scale__option">
              <input
                type="radio"
                name="feedback-satisfaction"
                value={n}
                checked={satisfaction === n}
                onChange={() => form.setValue('satisfaction', n)}
                data-testid={`feedback-satisfaction-${n}`}
              />
              <span className="scale__number">{n}</span>
              <span className="scale__label">{t(`response.satisfactionLevels.${n}`)}</span>
            </label>
          ))}
        </div>
      </FieldSet>
      <div className="field-row">
        <FieldSet
          id="feedback-confidentiality"
          name="confidentialityRespected"
          legend={t('response.confidentiality')}
        >
          <YesNo
            name="feedback-confidentiality"
            value={confidentiality}
            onChange={(v) => form.setValue('confidentialityRespected', v)}
            testId="feedback-confidentiality"
          />
        </FieldSet>
        <FieldSet id="feedback-decided" name="decidedNextSteps" legend={t('response.decidedNextSteps')}>
          <YesNo
            name="feedback-decided"
            value={decided}
            onChange={(v) => form.setValue('decidedNextSteps', v)}
            testId="feedback-decided"
          />
        </FieldSet>
      </div>
      <Field
        id="feedback-unmet"
        name="unmetNeeds"
        label={t('response.unmetNeeds')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={2000} data-testid="feedback-unmet" />}
      </Field>
    </ResponseFormOf>
  );
}

/* ---------- Impacts ---------- */

export function ImpactsSection({
  c,
  items,
  canAdd,
  closedNote,
}: {
  c: CaseDetail;
  items: Impact[];
  canAdd: boolean;
  closedNote: string | null;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  const when = useWhen();
  const by = useBy(c);
  return (
    <ResponseSection
      id="response-impacts"
      title={t('response.impacts')}
      intro={t('response.impactsIntro')}
      addLabel={t('response.addImpact')}
      canAdd={canAdd}
      closedNote={closedNote}
      form={(close) => <ImpactForm c={c} close={close} />}
    >
      {items.length === 0 ? (
        <p className="muted">{t('response.notYet')}</p>
      ) : (
        <ul className="records" data-testid="impact-list">
          {items.map((i) => (
            <li key={i.id} className="record" data-testid="impact" data-code={i.code}>
              <p className="record__head">
                <strong>{term(impactTypes, i.code)}</strong>
                <span className="tag tag--muted">{term(impactScopes, i.scope)}</span>
              </p>
              <p className="record__meta muted">
                {when(i.at)} · {by(i.recordedBy)}
              </p>
              {i.note ? <p className="record__text prewrap">{i.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

/** The impact form's values (impactInput's fields); the list of impacts follows the scope chosen. */
export const impactForm = z.object({
  scope: z.enum(impactScopeCodes),
  code: choice(impactTypeCodes),
  note: text(2000),
});
type ImpactValues = z.output<typeof impactForm>;

export const toImpactBody = (v: ImpactValues): ImpactBody => ({
  scope: v.scope,
  code: v.code,
  ...(v.note ? { note: v.note } : {}),
});

function ImpactForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const record = useRecordImpact(c.id);
  const form = useZodForm(impactForm, { defaultValues: { scope: 'immediate', code: '', note: '' } });
  const scope = form.watch('scope');

  async function onSubmit(values: ImpactValues) {
    if (record.isPending) return;
    const r = await record.mutateAsync(toImpactBody(values));
    close(t('response.impactRecorded', { impact: term(impactTypes, r.code) }));
  }

  return (
    <ResponseFormOf
      id="response-impacts-form"
      title={t('response.addImpact')}
      form={form}
      summaryTestId="impact-errors"
      labels={{
        scope: t('response.impactScope'),
        code: t('response.impactCode'),
        note: t('response.impactNote'),
      }}
      pending={record.isPending}
      submitLabel={t('response.impactSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <FieldSet id="impact-scope" name="scope" legend={t('response.impactScope')}>
        <div className="choices choices--inline">
          {impactScopes.map((s) => (
            <label key={s.code} className="choice">
              <input
                type="radio"
                name="impact-scope"
                checked={scope === s.code}
                onChange={() => {
                  form.setValue('scope', s.code);
                  form.setValue('code', '');
                }}
                data-testid={`impact-scope-${s.code}`}
              />
              {term(impactScopes, s.code)}
            </label>
          ))}
        </div>
      </FieldSet>
      <Field id="impact-code" name="code" label={t('response.impactCode')}>
        {(p) => (
          <select {...p} data-testid="impact-code">
            <option value="">{t('response.choose')}</option>
            {impactTypes
              .filter((x) => x.scope === scope)
              .map((x) => (
                <option key={x.code} value={x.code}>
                  {term(impactTypes, x.code)}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field
        id="impact-note"
        name="note"
        label={t('response.impactNote')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={2000} data-testid="impact-note" />}
      </Field>
    </ResponseFormOf>
  );
}
