import { lazy, Suspense, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '../../api/client.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { confirmEnrolment, login, startEnrolment, verifySecondFactor, type PasswordAccepted } from './api.js';
import type { credentialsForm, CredentialsValues } from './credentialsForm.js';
import { initialLoginState, isSubmitting, loginReducer, type LoginError } from './loginMachine.js';
import { adoptSession } from './session.js';

function toLoginError(e: unknown, fallback: string): LoginError {
  return isApiError(e)
    ? { code: e.code, message: e.message, fields: e.fields }
    : { code: 'UNEXPECTED', message: fallback, fields: [] };
}

/**
 * On a 2G line the page renders and takes typing before the rest of sign-in arrives: the password
 * step's check (its schema and Zod) and the authenticator steps load after the first render.
 */
const loadCredentialsForm = () => import('./credentialsForm.js').then((m) => m.credentialsForm);
const loadSecondFactorSteps = () => import('./SecondFactorSteps.js');
const loadZodCheck = () => import('../../components/zodCheck.js');
const CodeStep = lazy(() => loadSecondFactorSteps().then((m) => ({ default: m.CodeStep })));
const EnrolStep = lazy(() => loadSecondFactorSteps().then((m) => ({ default: m.EnrolStep })));
const RecoveryCodesStep = lazy(() => loadSecondFactorSteps().then((m) => ({ default: m.RecoveryCodesStep })));

/** The first of the form's failed checks (already in the user's language) for the machine's message. */
function missingFields(errors: FieldErrors<z.input<typeof credentialsForm>>): LoginError['fields'] {
  return (['email', 'password'] as const).flatMap((path) => {
    const message = errors[path]?.message;
    return message ? [{ path, message }] : [];
  });
}

/** Sign-in: password, then a code from an authenticator app (set up on the first sign-in). */
/**
 * A page that chooses the password another way (the first-run set-up, an invitation) renders its own
 * first step and hands the answer on: the rest (authenticator enrolment, recovery codes) is sign-in's.
 */
export type FirstStep = (onAccepted: (email: string, result: PasswordAccepted) => Promise<void>) => ReactNode;

export function LoginPage({ firstStep }: { firstStep?: FirstStep } = {}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(loginReducer, undefined, () => initialLoginState());
  // The two fields are plain inputs read on submit: the form library is not in the first script (on a
  // 2G line every kilobyte before the form is usable counts); the check and Zod load after it renders.
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const checking = useRef(false);
  const focusField = (path: 'email' | 'password') =>
    (path === 'email' ? emailRef : passwordRef).current?.focus();
  const clearPassword = () => {
    if (passwordRef.current) passwordRef.current.value = '';
  };
  // Once the form is up: the rest of sign-in, so the first submit does not wait for it.
  useEffect(() => {
    const preload = () => void Promise.all([loadZodCheck(), loadCredentialsForm(), loadSecondFactorSteps()]);
    const timer = window.setTimeout(preload, 0);
    return () => window.clearTimeout(timer);
  }, []);
  const submitting = isSubmitting(state);
  const error = state.step === 'credentials' ? state.error : null;

  const stepTitle =
    state.step === 'code'
      ? t('login.code.title')
      : state.step === 'enrol'
        ? t('login.enrol.title')
        : state.step === 'recoveryCodes'
          ? t('login.recovery.title')
          : t('login.title');
  useEffect(() => {
    document.title = `${stepTitle} — ${t('app.name')}`;
  }, [stepTitle, t]);
  // On the password step (at first, or back after "use a different account", an expired challenge or a
  // lock): the email if it is empty, else the password, which is always asked for again.
  useEffect(() => {
    if (state.step !== 'credentials') return;
    focusField(emailRef.current?.value ? 'password' : 'email');
  }, [state.step]);

  const fieldError = (path: string) => error?.fields.find((f) => f.path === path)?.message;

  async function beginEnrolment(challenge: string) {
    dispatch({ type: 'ENROLMENT_STARTING' });
    try {
      dispatch({ type: 'ENROLMENT_READY', setup: await startEnrolment(challenge) });
    } catch (e) {
      dispatch({ type: 'FAILED', error: toLoginError(e, t('errors.unexpected')) });
    }
  }

  // A failed check is the machine's message too (read out by the live region); focus goes to the field.
  const onInvalid = (errors: FieldErrors<z.input<typeof credentialsForm>>) => {
    const missing = missingFields(errors);
    const firstMissing = missing[0];
    if (!firstMissing) return;
    dispatch({
      type: 'INVALID',
      error: { code: 'REQUIRED', message: firstMissing.message, fields: missing },
    });
    focusField(firstMissing.path as 'email' | 'password');
  };

  // The password step's check (credentialsForm, through the console's one Zod check), then sign-in.
  async function onCredentials() {
    if (submitting || checking.current) return;
    checking.current = true;
    try {
      const values = { email: emailRef.current?.value ?? '', password: passwordRef.current?.value ?? '' };
      const [{ checkValues }, schema] = await Promise.all([loadZodCheck(), loadCredentialsForm()]);
      const result = await checkValues(schema, values);
      if (Object.keys(result.errors).length > 0)
        onInvalid(result.errors as FieldErrors<z.input<typeof credentialsForm>>);
      else await onValid(result.values as CredentialsValues);
    } finally {
      checking.current = false;
    }
  }

  async function onValid(values: CredentialsValues) {
    if (submitting) return;
    dispatch({ type: 'SUBMIT', email: values.email });
    try {
      const result = await login(values);
      clearPassword();
      dispatch({ type: 'PASSWORD_ACCEPTED', result });
      if (result.status === 'mfa_enrollment_required') await beginEnrolment(result.challenge);
    } catch (e) {
      dispatch({ type: 'FAILED', error: toLoginError(e, t('errors.unexpected')) });
      clearPassword();
      focusField('password');
    }
  }

  async function onAccepted(email: string, result: PasswordAccepted) {
    dispatch({ type: 'SUBMIT', email });
    dispatch({ type: 'PASSWORD_ACCEPTED', result });
    if (result.status === 'mfa_enrollment_required') await beginEnrolment(result.challenge);
  }

  async function onCode(value: string, mode: 'totp' | 'recovery'): Promise<boolean> {
    if (state.step !== 'code') return false;
    dispatch({ type: 'SUBMIT_CODE' });
    try {
      const session = await verifySecondFactor(
        state.challenge,
        mode === 'totp' ? { code: value } : { recoveryCode: value },
      );
      dispatch({ type: 'SUCCEEDED' });
      adoptSession(queryClient, session);
      return true;
    } catch (e) {
      dispatch({ type: 'FAILED', error: toLoginError(e, t('errors.unexpected')) });
      return false;
    }
  }

  async function onEnrolCode(value: string): Promise<boolean> {
    if (state.step !== 'enrol') return false;
    dispatch({ type: 'SUBMIT_CODE' });
    try {
      const { session, recoveryCodes } = await confirmEnrolment(state.challenge, value);
      dispatch({ type: 'ENROLLED', codes: recoveryCodes, session });
      return true;
    } catch (e) {
      dispatch({ type: 'FAILED', error: toLoginError(e, t('errors.unexpected')) });
      return false;
    }
  }

  function onRecoveryCodesSaved() {
    if (state.step !== 'recoveryCodes') return;
    const { session } = state;
    dispatch({ type: 'SUCCEEDED' });
    adoptSession(queryClient, session);
  }

  const emailError = fieldError('email');
  const passwordError = fieldError('password');

  return (
    <div className="login-shell">
      <a className="skip-link" href="#login-main">
        {t('app.skipLink')}
      </a>
      <header className="login-shell__header">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </p>
        <LanguageSwitch />
      </header>
      <main id="login-main" tabIndex={-1} className="login-shell__main">
        <div
          className={state.step === 'enrol' ? 'card login-card login-card--wide' : 'card login-card'}
          data-testid={`login-step-${state.step}`}
        >
          <Suspense
            fallback={
              <p className="app-loading" role="status">
                {t('app.loading')}
              </p>
            }
          >
            {state.step === 'code' ? (
              <CodeStep
                key={state.challenge}
                email={state.email}
                mode={state.mode}
                methods={state.methods}
                submitting={submitting}
                error={state.error}
                onSubmit={onCode}
                onInvalid={(e) => dispatch({ type: 'INVALID', error: e })}
                onMode={(mode) => dispatch({ type: 'SET_MODE', mode })}
                onStartOver={() => dispatch({ type: 'RESET' })}
              />
            ) : state.step === 'enrol' ? (
              <EnrolStep
                email={state.email}
                setup={state.setup}
                loading={state.status === 'loading'}
                submitting={submitting}
                error={state.error}
                onSubmit={onEnrolCode}
                onInvalid={(e) => dispatch({ type: 'INVALID', error: e })}
                onRetry={() => void beginEnrolment(state.challenge)}
                onStartOver={() => dispatch({ type: 'RESET' })}
              />
            ) : state.step === 'recoveryCodes' ? (
              <RecoveryCodesStep codes={state.codes} onContinue={onRecoveryCodesSaved} />
            ) : firstStep ? (
              firstStep(onAccepted)
            ) : (
              <>
                <h1 className="login-card__title">{t('login.title')}</h1>
                <p className="muted">{t('login.intro')}</p>
                {/* Always present (even empty) so screen readers announce the message when it appears. */}
                <div className="form__error" id="login-error" aria-live="assertive" data-testid="login-error">
                  {error ? <p className="alert alert--error">{error.message}</p> : null}
                </div>
                <form
                  className="form"
                  noValidate
                  aria-label={t('login.formTitle')}
                  data-testid="login-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void onCredentials();
                  }}
                >
                  <div className="field">
                    <label htmlFor="login-email">{t('login.email')}</label>
                    <input
                      ref={emailRef}
                      name="email"
                      defaultValue={state.email}
                      id="login-email"
                      type="email"
                      inputMode="email"
                      autoComplete="username"
                      autoCapitalize="none"
                      spellCheck={false}
                      required
                      aria-invalid={emailError ? true : undefined}
                      aria-describedby={emailError ? 'login-email-error' : undefined}
                      data-testid="login-email"
                    />
                    {emailError ? (
                      <p className="field__error" id="login-email-error">
                        {emailError}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor="login-password">{t('login.password')}</label>
                    <input
                      ref={passwordRef}
                      name="password"
                      id="login-password"
                      type="password"
                      autoComplete="current-password"
                      required
                      aria-invalid={passwordError ? true : undefined}
                      aria-describedby={passwordError ? 'login-password-error' : undefined}
                      data-testid="login-password"
                    />
                    {passwordError ? (
                      <p className="field__error" id="login-password-error">
                        {passwordError}
                      </p>
                    ) : null}
                  </div>
                  <button
                    type="submit"
                    className="button button--primary button--block"
                    aria-disabled={submitting}
                    data-testid="login-submit"
                  >
                    {submitting ? t('login.submitting') : t('login.submit')}
                  </button>
                </form>
              </>
            )}
          </Suspense>
        </div>
      </main>
    </div>
  );
}
