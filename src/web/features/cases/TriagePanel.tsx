import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { useDuplicates, useReplyToReporter, useSetPlace, useTransition, type CaseDetail } from './api.js';
import { counties } from './counties.js';

interface TriageData {
  reason: string | null;
  matches: { code: string; words: string[] }[];
  applied: string[];
}

/** What reading the report's text found (shown on the intake event's data), if anything. */
function triageOf(c: CaseDetail): TriageData | null {
  const intake = c.timeline.find((e) => e.type === 'intake');
  const data = intake?.data as { triage?: TriageData } | undefined;
  return data?.triage ?? null;
}

const placeForm = z.object({
  county: z.string(),
  subCounty: z.string().trim().max(80),
  ward: z.string().trim().max(80),
});
const replyForm = z.object({ body: z.string().trim().min(1, 'triage.replyRequired').max(120) });

/**
 * Triage that reads the message (the words that matched and why), the place corrected by staff, and
 * replies to the reporter by SMS: the conversation side of the case page.
 */
export function TriagePanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const triage = triageOf(c);
  const setPlace = useSetPlace(c.id);
  const reply = useReplyToReporter(c.id);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const place = useZodForm(placeForm, {
    defaultValues: { county: c.county ?? '', subCounty: c.subCounty ?? '', ward: c.ward ?? '' },
  });
  const answer = useZodForm(replyForm, { defaultValues: { body: '' } });
  const canScreen = rolesAllow(user.roles, 'cases:screen');
  const canReply = rolesAllow(user.roles, 'cases:act');
  const duplicates = useDuplicates(c.id, canScreen);
  const transition = useTransition(c.id);

  /** One click: this case is closed as a duplicate of the other (both timelines stay, linked). */
  async function merge(into: { id: string; reference: string }) {
    setError(null);
    try {
      await transition.mutateAsync({
        action: 'mark_duplicate',
        body: { duplicateOf: into.id, reason: t('triage.mergeReason', { reference: into.reference }) },
      });
      setStatus(t('triage.merged', { reference: into.reference }));
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function savePlace(v: z.infer<typeof placeForm>) {
    setError(null);
    try {
      await setPlace.mutateAsync({
        county: v.county || null,
        subCounty: v.subCounty || null,
        ward: v.ward || null,
      });
      setStatus(t('triage.placeSaved'));
    } catch (err) {
      setError(errorText(err));
    }
  }
  async function send(v: z.infer<typeof replyForm>) {
    setError(null);
    try {
      await reply.mutateAsync({ body: v.body });
      answer.setValue('body', '');
      setStatus(t('triage.replySent'));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="card case-section" aria-labelledby="case-triage" data-testid="triage-panel">
      <h2 id="case-triage">{t('triage.title')}</h2>
      {triage ? (
        <>
          <p className="small" data-testid="triage-reason">
            {triage.reason ? t('triage.dangerBecause', { reason: triage.reason }) : t('triage.noDanger')}
          </p>
          <ul className="small" data-testid="triage-words">
            {triage.matches.map((m) => (
              <li key={m.code}>
                <strong>{m.code}</strong>: {m.words.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">{t('triage.nothing')}</p>
      )}
      {canScreen && duplicates.data && duplicates.data.duplicates.length > 0 ? (
        <div id="case-duplicates" data-testid="duplicate-suggestions">
          <h3>{t('triage.duplicates')}</h3>
          <ul className="small">
            {duplicates.data.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/cases/${d.id}`}>{d.reference}</Link> (
                {d.reasons.map((r) => t(`triage.reason_${r}`)).join(', ')}){' '}
                {c.status === 'screening' ? (
                  <button
                    type="button"
                    className="button"
                    aria-disabled={transition.isPending}
                    onClick={() => void merge(d)}
                    data-testid="duplicate-merge"
                  >
                    {t('triage.merge')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canScreen ? (
        <Form form={place} onSubmit={savePlace} summaryTestId="place-errors">
          <Field id="place-county" name="county" label={t('triage.county')}>
            {(a) => (
              <select {...a} data-testid="place-county">
                <option value="">{t('triage.unknown')}</option>
                {counties.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="place-sub-county" name="subCounty" label={t('triage.subCounty')}>
            {(a) => <input {...a} maxLength={80} data-testid="place-sub-county" />}
          </Field>
          <Field id="place-ward" name="ward" label={t('triage.ward')}>
            {(a) => <input {...a} maxLength={80} data-testid="place-ward" />}
          </Field>
          <div className="button-row">
            <button
              type="submit"
              className="button"
              aria-disabled={setPlace.isPending}
              data-testid="place-submit"
            >
              {t('triage.savePlace')}
            </button>
          </div>
        </Form>
      ) : null}
      {canReply && !c.anonymous ? (
        <Form form={answer} onSubmit={send} summaryTestId="reply-errors">
          <Field id="reply-body" name="body" label={t('triage.reply')} hint={t('triage.replyHint')}>
            {(a) => <textarea {...a} rows={2} maxLength={120} data-testid="reply-body" />}
          </Field>
          <div className="button-row">
            <button
              type="submit"
              className="button"
              aria-disabled={reply.isPending}
              data-testid="reply-submit"
            >
              {t('triage.send')}
            </button>
          </div>
        </Form>
      ) : null}
      {status ? (
        <p role="status" className="small">
          {status}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
