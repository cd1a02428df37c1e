import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { Form, showServerError, useZodForm } from '../../components/Form.js';
import { QueryState } from '../../components/QueryState.js';
import { testimonyConsents, testimonyMedia } from '../../../shared/contracts/evidence.js';
import type { CaseDetail } from '../cases/api.js';
import { formatDateTime } from '../cases/format.js';
import { useRecordTestimony, useTestimonies, type EvidenceItem, type TestimonyBody } from './api.js';

/** The testimony form's values, checked as the contract checks them (a recording needs its file). */
export const testimonyForm = z
  .object({
    medium: z.enum(testimonyMedia),
    text: z.string().trim().max(50_000),
    evidenceId: z.string(),
    language: z.string().trim().min(2).max(35),
    consent: z.enum(testimonyConsents),
  })
  .superRefine((v, ctx) => {
    if (v.medium === 'text' && !v.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'form.required' });
    if (v.medium !== 'text' && !v.evidenceId)
      ctx.addIssue({ code: 'custom', path: ['evidenceId'], message: 'form.required' });
  });
type TestimonyValues = z.output<typeof testimonyForm>;

export function toTestimonyBody(v: TestimonyValues): TestimonyBody {
  return {
    medium: v.medium,
    language: v.language,
    consent: v.consent,
    ...(v.text ? { text: v.text } : {}),
    ...(v.medium !== 'text' && v.evidenceId ? { evidenceId: v.evidenceId } : {}),
  };
}

export function TestimoniesSection({
  c,
  canAdd,
  evidence,
}: {
  c: CaseDetail;
  canAdd: boolean;
  evidence: EvidenceItem[];
}) {
  const { t, i18n } = useTranslation();
  const query = useTestimonies(c.id);
  return (
    <div className="stack" data-testid="testimonies">
      <h3>{t('testimony.title')}</h3>
      <QueryState
        query={query}
        isEmpty={(l) => l.length === 0}
        empty={<p className="muted">{t('testimony.none')}</p>}
      >
        {(list) => (
          <ul className="records">
            {list.map((r) => (
              <li key={r.id} className="record" data-testid="testimony">
                <p className="record__head">
                  <strong>{t(`testimony.mediumOf.${r.medium}`)}</strong>
                  <span>{r.language}</span>
                  <span className="tag">{t(`testimony.consentOf.${r.consent}`)}</span>
                </p>
                <p className="record__meta muted">
                  {formatDateTime(r.recordedAt, i18n.language)} ·{' '}
                  {t('testimony.takenBy', { who: r.recordedByName ?? '—' })}
                </p>
                {r.text ? <p className="record__text prewrap">{r.text}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canAdd ? <TestimonyForm caseId={c.id} evidence={evidence} /> : null}
    </div>
  );
}

function TestimonyForm({ caseId, evidence }: { caseId: string; evidence: EvidenceItem[] }) {
  const { t } = useTranslation();
  const record = useRecordTestimony(caseId);
  const [saved, setSaved] = useState(false);
  const form = useZodForm(testimonyForm, {
    defaultValues: { medium: 'text', text: '', evidenceId: '', language: '', consent: 'internal' },
  });
  const medium = form.watch('medium');
  const recordings = evidence.filter((e) => e.kind === medium);

  async function submit(v: TestimonyValues) {
    setSaved(false);
    try {
      await record.mutateAsync(toTestimonyBody(v));
      form.reset();
      setSaved(true);
    } catch (e) {
      showServerError(form, e);
    }
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      summaryTestId="testimony-errors"
      className="stack"
      data-testid="testimony-form"
    >
      <h4>{t('testimony.add')}</h4>
      {saved ? (
        <p role="status" className="alert alert--ok">
          {t('testimony.saved')}
        </p>
      ) : null}
      <Field id="testimony-medium" name="medium" label={t('testimony.medium')}>
        {(a) => (
          <select {...a}>
            {testimonyMedia.map((m) => (
              <option key={m} value={m}>
                {t(`testimony.mediumOf.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {medium !== 'text' ? (
        <Field id="testimony-recording" name="evidenceId" label={t('testimony.recording')}>
          {(a) => (
            <select {...a}>
              <option value="">{t('testimony.choose')}</option>
              {recordings.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.fileName ?? e.id}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id="testimony-text" name="text" label={t('testimony.text')} hint={t('testimony.textHint')}>
        {(a) => <textarea {...a} rows={5} maxLength={50_000} data-testid="testimony-text" />}
      </Field>
      <Field
        id="testimony-language"
        name="language"
        label={t('testimony.language')}
        hint={t('testimony.languageHint')}
      >
        {(a) => <input {...a} maxLength={35} autoComplete="off" />}
      </Field>
      <Field id="testimony-consent" name="consent" label={t('testimony.consent')}>
        {(a) => (
          <select {...a}>
            {testimonyConsents.map((k) => (
              <option key={k} value={k}>
                {t(`testimony.consentOf.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p>
        <button type="submit" className="button" disabled={record.isPending}>
          {t('testimony.save')}
        </button>
      </p>
    </Form>
  );
}
