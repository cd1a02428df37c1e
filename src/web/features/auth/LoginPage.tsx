import { useEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { login } from './api.js';
import { initialLoginState, isSubmitting, loginReducer, type LoginError } from './loginMachine.js';
import { adoptSession } from './session.js';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(loginReducer, undefined, () => initialLoginState());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitting = isSubmitting(state);
  const error = state.step === 'credentials' ? state.error : null;

  useEffect(() => {
    document.title = `${t('login.title')} — ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  const fieldError = (path: string) => error?.fields.find((f) => f.path === path)?.message;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const typed = email.trim();
    const missing: LoginError['fields'] = [];
    if (!typed) missing.push({ path: 'email', message: t('login.emailRequired') });
    if (!password) missing.push({ path: 'password', message: t('login.passwordRequired') });
    const firstMissing = missing[0];
    if (firstMissing) {
      dispatch({
        type: 'INVALID',
        error: { code: 'REQUIRED', message: firstMissing.message, fields: missing },
      });
      (firstMissing.path === 'email' ? emailRef : passwordRef).current?.focus();
      return;
    }
    dispatch({ type: 'SUBMIT', email: typed });
    try {
      const session = await login({ email: typed, password });
      dispatch({ type: 'SUCCEEDED' });
      adoptSession(queryClient, session);
    } catch (e) {
      const failure: LoginError = isApiError(e)
        ? { code: e.code, message: e.message, fields: e.fields }
        : { code: 'UNEXPECTED', message: t('errors.unexpected'), fields: [] };
      dispatch({ type: 'FAILED', error: failure });
      setPassword('');
      passwordRef.current?.focus();
    }
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
        <div className="card login-card">
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
            onSubmit={(e) => void onSubmit(e)}
          >
            <div className="field">
              <label htmlFor="login-email">{t('login.email')}</label>
              <input
                ref={emailRef}
                id="login-email"
                name="email"
                type="email"
                inputMode="email"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
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
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
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
        </div>
      </main>
    </div>
  );
}
