import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { findTransition, type CaseStatus, type TransitionAction } from '../../../shared/workflow.js';
import { useCurrentUser } from '../auth/session.js';
import { useQueue, useTransition, type CaseDetail, type TransitionBody } from './api.js';
import {
  AssessFields,
  assessControls,
  checkAssessment,
  initialAssessValues,
  type AssessValues,
} from './AssessForm.js';
import { ErrorSummary, fieldMessage, type Problem } from './problems.js';

/** How each step is taken: at once, or through a small form. */
type StepKind = 'oneClick' | 'reason' | 'optionalReason' | 'assess' | 'duplicate' | 'close';
const stepKind: Record<TransitionAction, StepKind> = {
  acknowledge: 'oneClick',
  request_decision: 'oneClick',
  start_follow_up: 'oneClick',
  approve: 'optionalReason',
  decline: 'reason',
  escalate_decision: 'reason',
  mark_not_urgent: 'reason',
  mark_duplicate: 'duplicate',
  assess: 'assess',
  close: 'close',
  reopen: 'reason',
  withdraw: 'reason',
};

/** The steps that move a case forward get the primary style; stopping steps the plain or warning one. */
const forward = new Set<TransitionAction>([
  'acknowledge',
  'assess',
  'request_decision',
  'approve',
  'start_follow_up',
  'close',
]);
const stopping = new Set<TransitionAction>(['withdraw', 'decline']);

const controlIds: Record<string, string> = {
  ...assessControls,
  reason: 'step-reason',
  duplicateOf: 'step-duplicate',
  closure: 'step-outcome',
  'closure.reason': 'step-reason',
  'closure.outcome': 'step-outcome',
};

/** The "next steps" panel: one button per step the case allows and this user may take. */
export function CaseActions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const transition = useTransition(c.id);
  const [open, setOpen] = useState<TransitionAction | null>(null);
  const [done, setDone] = useState<{ action: TransitionAction; status: CaseStatus } | null>(null);
  const [quickError, setQuickError] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const buttons = useRef(new Map<TransitionAction, HTMLButtonElement>());

  const actions = c.allowedActions.filter((a) => {
    const rule = findTransition(a);
    return rule ? rolesAllow(user.roles, rule.permission) : false;
  });

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  function succeeded(action: TransitionAction, status: CaseStatus) {
    setOpen(null);
    setQuickError(null);
    setDone({ action, status });
  }

  async function quick(action: TransitionAction) {
    if (transition.isPending) return;
    setDone(null);
    setQuickError(null);
    setOpen(null);
    try {
      const r = await transition.mutateAsync({ action, body: { expectedVersion: c.version } });
      succeeded(action, r.status);
    } catch (e) {
      setQuickError(errorText(e));
    }
  }

  function openForm(action: TransitionAction) {
    setDone(null);
    setQuickError(null);
    setOpen((current) => (current === action ? null : action));
  }

  function cancel() {
    const action = open;
    setOpen(null);
    if (action) buttons.current.get(action)?.focus();
  }

  return (
    <section className="card case-actions" aria-labelledby="case-actions-title" data-testid="case-actions">
      <h2 id="case-actions-title">{t('steps.title')}</h2>
      {done ? (
        <p ref={doneRef} tabIndex={-1} className="alert alert--ok" role="status" data-testid="step-done">
          {t('steps.done', { step: t(`actionDone.${done.action}`), status: t(`status.${done.status}`) })}
        </p>
      ) : null}
      {quickError ? (
        <p className="alert alert--error" role="alert" data-testid="step-error">
          {quickError}
        </p>
      ) : null}
      {actions.length === 0 ? (
        <p className="muted" data-testid="no-steps">
          {t('steps.none')}
        </p>
      ) : (
        <div className="step-buttons">
          {actions.map((a) => {
            const kind = stepKind[a];
            const cls = forward.has(a)
              ? 'button button--primary'
              : stopping.has(a)
                ? 'button button--warning'
                : 'button';
            return (
              <button
                key={a}
                ref={(el) => {
                  if (el) buttons.current.set(a, el);
                  else buttons.current.delete(a);
                }}
                type="button"
                className={cls}
                aria-expanded={kind === 'oneClick' ? undefined : open === a}
                aria-controls={kind === 'oneClick' ? undefined : open === a ? 'step-form' : undefined}
                aria-disabled={transition.isPending}
                onClick={() => (kind === 'oneClick' ? void quick(a) : openForm(a))}
                data-testid={`step-${a}`}
              >
                {transition.isPending && transition.variables?.action === a
                  ? t('steps.working')
                  : t(`actions.${a}`)}
              </button>
            );
          })}
        </div>
      )}
      {open ? (
        <StepForm
          key={open}
          c={c}
          action={open}
          pending={transition.isPending}
          submit={(body) => transition.mutateAsync({ action: open, body })}
          onDone={(status) => succeeded(open, status)}
          onCancel={cancel}
        />
      ) : null}
    </section>
  );
}

function StepForm({
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
  const { t, i18n } = useTranslation();
  const kind = stepKind[action];
  const reasonRequired = findTransition(action)?.reasonRequired ?? false;
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [assess, setAssess] = useState<AssessValues>(() => initialAssessValues(c));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  const errorFor = (path: string) => problems.find((p) => p.path === path)?.message;

  function show(found: Problem[], message: string | null) {
    setProblems(found);
    setServerError(message);
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found: Problem[] = [];
    const body: TransitionBody = { expectedVersion: c.version };
    if (kind === 'assess') {
      const checked = checkAssessment(assess, t);
      found.push(...checked.problems);
      if (checked.input) body.assessment = checked.input;
    }
    if (kind === 'duplicate' && !duplicateOf)
      found.push({ path: 'duplicateOf', message: t('steps.chooseOriginal') });
    if (kind === 'close' && !outcome.trim())
      found.push({ path: 'closure.outcome', message: t('steps.outcomeRequired') });
    if ((reasonRequired || kind === 'close') && !reason.trim())
      found.push({ path: 'reason', message: t('steps.reasonRequired') });
    if (found.length) {
      show(found, null);
      return;
    }
    // Closing needs the step's reason (the timeline) as well as the closure record's.
    if (reason.trim()) body.reason = reason.trim();
    if (kind === 'close') body.closure = { reason: reason.trim(), outcome: outcome.trim() };
    if (kind === 'duplicate') body.duplicateOf = duplicateOf;
    try {
      const r = await submit(body);
      onDone(r.status);
    } catch (e) {
      // Everything typed stays; the server's message (in the user's language) says what to change.
      const fields = isApiError(e) ? e.fields : [];
      show(
        fields.map((f) => ({ path: f.path, message: fieldMessage(t, i18n.language, f) })),
        errorText(e),
      );
    }
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
    <form
      id="step-form"
      ref={formRef}
      className="form step-form"
      noValidate
      aria-labelledby="step-form-title"
      onSubmit={(e) => void onSubmit(e)}
      data-testid={`step-form-${action}`}
    >
      <h3 id="step-form-title">{t(`actions.${action}`)}</h3>
      <p className="muted">{t(`stepHelp.${action}`)}</p>
      <ErrorSummary
        ref={summaryRef}
        title={serverError ?? t('form.checkTitle')}
        problems={problems}
        controlOf={controlIds}
        show={problems.length > 0 || serverError !== null}
        testId="step-errors"
      />
      {kind === 'assess' ? <AssessFields values={assess} onChange={setAssess} errorFor={errorFor} /> : null}
      {kind === 'duplicate' ? (
        <DuplicateField c={c} value={duplicateOf} onChange={setDuplicateOf} error={errorFor('duplicateOf')} />
      ) : null}
      {kind === 'close' ? (
        <Field
          id="step-outcome"
          label={t('steps.outcome')}
          hint={t('steps.outcomeHint')}
          error={errorFor('closure.outcome')}
        >
          {(a) => (
            <>
              <input
                {...a}
                type="text"
                list="step-outcomes"
                maxLength={200}
                value={outcome}
                onChange={(e) => setOutcome(e.target.value)}
                data-testid="step-outcome"
              />
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
      {kind !== 'assess' ? (
        <Field
          id="step-reason"
          label={reasonLabel}
          optional={reasonRequired || kind === 'close' ? undefined : t('form.optional')}
          hint={t('steps.reasonHint')}
          error={errorFor('reason') ?? errorFor('closure.reason')}
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              maxLength={kind === 'close' ? 500 : 2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="step-reason"
            />
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
    </form>
  );
}

/** The original report a duplicate points to: chosen from the open cases in the queue. */
function DuplicateField({
  c,
  value,
  onChange,
  error,
}: {
  c: CaseDetail;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const queue = useQueue({});
  const candidates = (queue.data ?? []).filter((l) => l.id !== c.id && !l.redacted);
  return (
    <Field id="step-duplicate" label={t('steps.original')} hint={t('steps.originalHint')} error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)} data-testid="step-duplicate">
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
