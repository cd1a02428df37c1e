import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { findTransition, type CaseStatus, type TransitionAction } from '../../../shared/workflow.js';
import { useQueue, type CaseDetail, type TransitionBody } from './api.js';
import {
  AssessFields,
  assessForm,
  initialAssessValues,
  toAssessmentInput,
  type AssessValues,
} from './AssessForm.js';
import { stepKind, stopping, type StepKind } from './steps.js';

/** The server's paths → the step form's own (a refusal is shown at the control it is about). */
const stepServerPaths: Record<string, string> = {
  assessment: 'assessment.severity',
  closure: 'outcome',
  'closure.reason': 'reason',
  'closure.outcome': 'outcome',
};

/**
 * A step's form values, checked for the step being taken (transitionBody's fields as typed): the
 * assessment when assessing, the original when marking a duplicate, outcome and reason when closing,
 * the reason when the step requires one.
 */
export function stepForm(kind: StepKind, reasonRequired: boolean) {
  const reason = z
    .string()
    .trim()
    .max(kind === 'close' ? 500 : 2000);
  return z.object({
    // Only the assessment step checks the assessment; other steps leave its values unread.
    assessment: kind === 'assess' ? assessForm : (z.custom<AssessValues>() as unknown as typeof assessForm),
    duplicateOf: kind === 'duplicate' ? z.string().min(1, 'steps.chooseOriginal') : z.string(),
    outcome:
      kind === 'close' ? z.string().trim().min(1, 'steps.outcomeRequired').max(200) : z.string().trim(),
    reason: reasonRequired || kind === 'close' ? reason.min(1, 'steps.reasonRequired') : reason,
    /** Closing a P1 or breached case without its review: the day the review is due (YYYY-MM-DD). */
    reviewDue: z.string().trim().optional(),
  });
}
type StepValues = z.output<ReturnType<typeof stepForm>>;

/** The transition's body from the checked values. Closing needs the reason twice (timeline and record). */
export function toTransitionBody(kind: StepKind, version: number, v: StepValues): TransitionBody {
  const body: TransitionBody = { expectedVersion: version };
  if (kind === 'assess') body.assessment = toAssessmentInput(v.assessment);
  if (v.reason && kind !== 'assess') body.reason = v.reason;
  if (kind === 'close')
    body.closure = {
      reason: v.reason,
      outcome: v.outcome,
      // The end of that day in Nairobi; the server refuses a day past or more than 30 days ahead.
      ...(v.reviewDue ? { reviewDueAt: new Date(`${v.reviewDue}T17:00:00+03:00`) } : {}),
    };
  if (kind === 'duplicate') body.duplicateOf = v.duplicateOf;
  return body;
}

/** The form of a step that asks for more than a press (CaseActions.tsx opens it; a chunk of its own). */
export function StepForm({
  c,
  action,
  pending,
  submit,
  onDone,
  onCancel,
}: {
  c: CaseDetail;
  action: TransitionAction;
  pending: boolean;
  submit: (body: TransitionBody) => Promise<{ status: CaseStatus }>;
  onDone: (status: CaseStatus) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const kind = stepKind[action];
  const reasonRequired = findTransition(action)?.reasonRequired ?? false;
  const form = useZodForm(stepForm(kind, reasonRequired), {
    defaultValues: {
      assessment: initialAssessValues(c),
      duplicateOf: '',
      outcome: '',
      reason: '',
      reviewDue: '',
    },
  });

  useEffect(() => {
    document.getElementById('step-form')?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  async function onSubmit(values: StepValues) {
    if (pending) return;
    // Everything typed stays if this fails; the server's message says what to change.
    const r = await submit(toTransitionBody(kind, c.version, values));
    onDone(r.status);
  }

  const reasonLabel =
    kind === 'close'
      ? t('steps.closeReason')
      : action === 'approve'
        ? t('steps.rationale')
        : action === 'decline'
          ? t('steps.declineRationale')
          : t('steps.reason');

  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      summaryTestId="step-errors"
      serverPaths={stepServerPaths}
      id="step-form"
      className="form step-form"
      aria-labelledby="step-form-title"
      data-testid={`step-form-${action}`}
      before={
        <>
          <h3 id="step-form-title">{t(`actions.${action}`)}</h3>
          <p className="muted">{t(`stepHelp.${action}`)}</p>
        </>
      }
    >
      {kind === 'assess' ? <AssessFields /> : null}
      {kind === 'duplicate' ? <DuplicateField c={c} /> : null}
      {kind === 'close' ? (
        <Field id="step-outcome" name="outcome" label={t('steps.outcome')} hint={t('steps.outcomeHint')}>
          {(a) => (
            <>
              <input {...a} type="text" list="step-outcomes" maxLength={200} data-testid="step-outcome" />
              <datalist id="step-outcomes">
                {(['resolved', 'referred', 'released', 'relocated', 'no_further_action'] as const).map(
                  (o) => (
                    <option key={o} value={t(`outcomes.${o}`)} />
                  ),
                )}
              </datalist>
            </>
          )}
        </Field>
      ) : null}
      {kind === 'close' ? (
        <Field
          id="step-review-due"
          name="reviewDue"
          label={t('steps.reviewDue')}
          optional={t('form.optional')}
          hint={t('steps.reviewDueHint')}
        >
          {(a) => <input {...a} type="date" data-testid="step-review-due" />}
        </Field>
      ) : null}
      {kind !== 'assess' ? (
        <Field
          id="step-reason"
          name="reason"
          label={reasonLabel}
          optional={reasonRequired || kind === 'close' ? undefined : t('form.optional')}
          hint={t('steps.reasonHint')}
        >
          {(a) => (
            <textarea {...a} rows={3} maxLength={kind === 'close' ? 500 : 2000} data-testid="step-reason" />
          )}
        </Field>
      ) : null}
      <div className="button-row">
        <button
          type="submit"
          className={stopping.has(action) ? 'button button--warning' : 'button button--primary'}
          aria-disabled={pending}
          data-testid="step-submit"
        >
          {pending ? t('steps.working') : t(`actionSubmit.${action}`)}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </Form>
  );
}

/** The original report a duplicate points to: chosen from the open cases in the queue. */
function DuplicateField({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const queue = useQueue({});
  const candidates = (queue.data?.cases ?? []).filter((l) => l.id !== c.id && !l.redacted);
  return (
    <Field id="step-duplicate" name="duplicateOf" label={t('steps.original')} hint={t('steps.originalHint')}>
      {(a) => (
        <select {...a} data-testid="step-duplicate">
          <option value="">{queue.isPending ? t('app.loading') : t('steps.chooseOriginal')}</option>
          {candidates.map((l) => (
            <option key={l.id} value={l.id}>
              {[l.reference, l.county, l.ward].filter(Boolean).join(' · ')}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
