import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import {
  feedbackChannels,
  impactScopes,
  impactTypes,
  type FeedbackChannel,
  type ImpactScope,
  type ImpactType,
} from '../../../shared/vocabularies.js';
import type { CaseDetail } from '../cases/api.js';
import type { Problem } from '../cases/problems.js';
import { useRecordFeedback, useRecordImpact, type Feedback, type Impact } from './api.js';
import {
  optional,
  ResponseForm,
  ResponseSection,
  useFormErrors,
  useTerm,
  useBy,
  useWhen,
  YesNo,
} from './kit.js';

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

function FeedbackForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const record = useRecordFeedback(c.id);
  const errors = useFormErrors(
    {
      channel: 'feedback-channel',
      satisfaction: 'feedback-satisfaction',
      confidentialityRespected: 'feedback-confidentiality',
      decidedNextSteps: 'feedback-decided',
      unmetNeeds: 'feedback-unmet',
    },
    'feedback-errors',
    {
      channel: t('response.channelShort'),
      satisfaction: t('response.satisfactionShort'),
      confidentialityRespected: t('response.confidentialityShort'),
      decidedNextSteps: t('response.decidedShort'),
      unmetNeeds: t('response.unmetNeeds'),
    },
  );
  const [channel, setChannel] = useState<FeedbackChannel | ''>('');
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [confidentiality, setConfidentiality] = useState<boolean | null>(null);
  const [decided, setDecided] = useState<boolean | null>(null);
  const [unmet, setUnmet] = useState('');

  async function onSubmit() {
    const found: Problem[] = [];
    if (!channel) found.push(errors.problem('channel', t('response.chooseOne')));
    if (satisfaction === null) found.push(errors.problem('satisfaction', t('response.chooseOne')));
    if (confidentiality === null)
      found.push(errors.problem('confidentialityRespected', t('response.chooseOne')));
    if (decided === null) found.push(errors.problem('decidedNextSteps', t('response.chooseOne')));
    if (
      errors.check(found) ||
      !channel ||
      satisfaction === null ||
      confidentiality === null ||
      decided === null
    )
      return;
    try {
      await record.mutateAsync({
        channel,
        satisfaction,
        confidentialityRespected: confidentiality,
        decidedNextSteps: decided,
        ...(optional(unmet) ? { unmetNeeds: optional(unmet) } : {}),
      });
      close(t('response.feedbackRecorded'));
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id="response-feedback-form"
      title={t('response.addFeedback')}
      summary={errors.summary}
      pending={record.isPending}
      submitLabel={t('response.feedbackSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <Field id="feedback-channel" label={t('response.feedbackChannel')} error={errors.errorFor('channel')}>
        {(p) => (
          <select
            {...p}
            value={channel}
            onChange={(e) => setChannel(e.target.value as FeedbackChannel)}
            data-testid="feedback-channel"
          >
            <option value="">{t('response.choose')}</option>
            {feedbackChannels.map((x) => (
              <option key={x.code} value={x.code}>
                {term(feedbackChannels, x.code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FieldSet
        id="feedback-satisfaction"
        legend={t('response.satisfaction')}
        error={errors.errorFor('satisfaction')}
      >
        <div className="scale scale--five">
          {levels.map((n) => (
            <label key={n} className="scale__option">
              <input
                type="radio"
                name="feedback-satisfaction"
                value={n}
                checked={satisfaction === n}
                onChange={() => setSatisfaction(n)}
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
          legend={t('response.confidentiality')}
          error={errors.errorFor('confidentialityRespected')}
        >
          <YesNo
            name="feedback-confidentiality"
            value={confidentiality}
            onChange={setConfidentiality}
            testId="feedback-confidentiality"
          />
        </FieldSet>
        <FieldSet
          id="feedback-decided"
          legend={t('response.decidedNextSteps')}
          error={errors.errorFor('decidedNextSteps')}
        >
          <YesNo name="feedback-decided" value={decided} onChange={setDecided} testId="feedback-decided" />
        </FieldSet>
      </div>
      <Field
        id="feedback-unmet"
        label={t('response.unmetNeeds')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
        error={errors.errorFor('unmetNeeds')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={unmet}
            onChange={(e) => setUnmet(e.target.value)}
            data-testid="feedback-unmet"
          />
        )}
      </Field>
    </ResponseForm>
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

function ImpactForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const record = useRecordImpact(c.id);
  const errors = useFormErrors(
    { scope: 'impact-scope', code: 'impact-code', note: 'impact-note' },
    'impact-errors',
    { scope: t('response.impactScope'), code: t('response.impactCode'), note: t('response.impactNote') },
  );
  const [scope, setScope] = useState<ImpactScope>('immediate');
  const [code, setCode] = useState<ImpactType | ''>('');
  const [note, setNote] = useState('');

  async function onSubmit() {
    if (errors.check(code ? [] : [errors.problem('code', t('response.chooseOne'))]) || !code) return;
    try {
      const r = await record.mutateAsync({
        scope,
        code,
        ...(optional(note) ? { note: optional(note) } : {}),
      });
      close(t('response.impactRecorded', { impact: term(impactTypes, r.code) }));
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id="response-impacts-form"
      title={t('response.addImpact')}
      summary={errors.summary}
      pending={record.isPending}
      submitLabel={t('response.impactSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <FieldSet id="impact-scope" legend={t('response.impactScope')} error={errors.errorFor('scope')}>
        <div className="choices choices--inline">
          {impactScopes.map((s) => (
            <label key={s.code} className="choice">
              <input
                type="radio"
                name="impact-scope"
                checked={scope === s.code}
                onChange={() => {
                  setScope(s.code);
                  setCode('');
                }}
                data-testid={`impact-scope-${s.code}`}
              />
              {term(impactScopes, s.code)}
            </label>
          ))}
        </div>
      </FieldSet>
      <Field id="impact-code" label={t('response.impactCode')} error={errors.errorFor('code')}>
        {(p) => (
          <select
            {...p}
            value={code}
            onChange={(e) => setCode(e.target.value as ImpactType)}
            data-testid="impact-code"
          >
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
        label={t('response.impactNote')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
        error={errors.errorFor('note')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="impact-note"
          />
        )}
      </Field>
    </ResponseForm>
  );
}
