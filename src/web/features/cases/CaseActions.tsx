import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { findTransition, type CaseStatus, type TransitionAction } from '../../../shared/workflow.js';
import { useCurrentUser } from '../auth/session.js';
import { useTransition, type CaseDetail } from './api.js';
import { forward, stepKind, stopping } from './steps.js';

/**
 * A step's form (the checks, the form layer) is a chunk of its own: the buttons draw without it, and
 * the case page asks for it once its first screen is up (loadStepForm), before anyone presses.
 */
export const loadStepForm = () => import('./CaseStepForm.js');
const StepForm = lazy(() => loadStepForm().then((m) => ({ default: m.StepForm })));

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
        <Suspense
          fallback={
            <p className="muted" role="status">
              {t('app.loading')}
            </p>
          }
        >
          <StepForm
            key={open}
            c={c}
            action={open}
            pending={transition.isPending}
            submit={(body) => transition.mutateAsync({ action: open, body })}
            onDone={(status) => succeeded(open, status)}
            onCancel={cancel}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
