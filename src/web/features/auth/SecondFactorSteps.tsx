import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useZodForm } from '../../components/Form.js';
import type { LoginError, SecondFactorMode } from './loginMachine.js';
import type { EnrolmentSetup } from './api.js';

/** A message region that exists before its message, so screen readers announce it when it appears. */
function StepError({ error, id }: { error: LoginError | null; id: string }) {
  return (
    <div className="form__error" id={id} aria-live="assertive" data-testid="login-error">
      {error ? <p className="alert alert--error">{error.message}</p> : null}
    </div>
  );
}

function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="login-card__title">
      {children}
    </h1>
  );
}

/** Digits only (a pasted "123 456" becomes "123456"), at most six. */
export function cleanTotp(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}

/** An authenticator code: six digits (the contract's totpCode, in the console's words). */
const totpCode = z.string().regex(/^\d{6}$/, 'login.code.required');

/** The code step's values, checked for the mode in use: an app code or a recovery code. */
export const codeForm = (mode: SecondFactorMode) =>
  z.object({
    code: mode === 'totp' ? totpCode : z.string(),
    recoveryCode:
      mode === 'recovery' ? z.string().trim().min(1, 'login.code.recoveryRequired').max(40) : z.string(),
  });

export const enrolForm = z.object({ code: totpCode });

interface CodeFieldProps {
  id: string;
  label: string;
  hint: string;
  /** The form's registration (name and ref); the value is kept to digits here. */
  registered: UseFormRegisterReturn;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  testId: string;
}

/** The six-digit authenticator code: numeric keyboard on phones, and the OS can fill it from an SMS/app. */
function TotpField({ id, label, hint, registered, value, onChange, error, testId }: CodeFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        ref={registered.ref}
        id={id}
        name={registered.name}
        className="code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        spellCheck={false}
        required
        value={value}
        onChange={(e) => onChange(cleanTotp(e.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        data-testid={testId}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function SigningInAs({ email, onStartOver }: { email: string; onStartOver: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="login-card__account">
      <span>{t('login.code.signingInAs', { email })}</span>{' '}
      <button type="button" className="link-button" onClick={onStartOver} data-testid="login-start-over">
        {t('login.code.startOver')}
      </button>
    </p>
  );
}

export function CodeStep(props: {
  email: string;
  mode: SecondFactorMode;
  methods: string[];
  submitting: boolean;
  error: LoginError | null;
  onSubmit: (value: string, mode: SecondFactorMode) => Promise<boolean>;
  onInvalid: (error: LoginError) => void;
  onMode: (mode: SecondFactorMode) => void;
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const { mode, submitting, error } = props;
  const form = useZodForm(codeForm(mode), { defaultValues: { code: '', recoveryCode: '' } });
  const input = mode === 'totp' ? 'code' : 'recoveryCode';
  const code = form.watch('code');

  useEffect(() => {
    // The code input takes focus when the step opens; switching mode moves focus to the new input.
    form.setFocus(mode === 'totp' ? 'code' : 'recoveryCode');
  }, [mode, form]);

  // A failed check is the machine's message (read out by the live region); focus stays on the input.
  const onInvalid = (errors: FieldErrors<{ code: string; recoveryCode: string }>) => {
    const message = errors[input]?.message ?? '';
    props.onInvalid({ code: 'REQUIRED', message, fields: [{ path: mode, message }] });
    form.setFocus(input);
  };

  async function onValid(values: { code: string; recoveryCode: string }) {
    if (submitting) return;
    const ok = await props.onSubmit(values[input], mode);
    if (!ok) {
      // A wrong code is of no more use: clear it and let the person type the next one.
      form.setValue(input, '');
      form.setFocus(input);
    }
  }

  const fieldError = error?.fields.find((f) => f.path === mode)?.message;
  const canUseRecovery = props.methods.includes('recovery');

  return (
    <>
      <h1 className="login-card__title">{t('login.code.title')}</h1>
      <SigningInAs email={props.email} onStartOver={props.onStartOver} />
      <p className="muted">{mode === 'totp' ? t('login.code.intro') : t('login.code.recoveryIntro')}</p>
      <StepError error={error} id="login-code-error" />
      <form
        className="form"
        noValidate
        aria-label={t('login.code.title')}
        data-testid="mfa-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!submitting) void form.handleSubmit(onValid, onInvalid)(e);
        }}
      >
        {mode === 'totp' ? (
          <TotpField
            id="login-code"
            label={t('login.code.label')}
            hint={t('login.code.hint')}
            registered={form.register('code')}
            value={code}
            onChange={(v) => form.setValue('code', v)}
            error={fieldError}
            testId="mfa-code"
          />
        ) : (
          <div className="field">
            <label htmlFor="login-recovery">{t('login.code.recoveryLabel')}</label>
            <p className="field__hint" id="login-recovery-hint">
              {t('login.code.recoveryHint')}
            </p>
            <input
              {...form.register('recoveryCode')}
              id="login-recovery"
              className="code-input"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              required
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={
                fieldError ? 'login-recovery-hint login-recovery-error' : 'login-recovery-hint'
              }
              data-testid="mfa-recovery-code"
            />
            {fieldError ? (
              <p className="field__error" id="login-recovery-error">
                {fieldError}
              </p>
            ) : null}
          </div>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          aria-disabled={submitting}
          data-testid="mfa-submit"
        >
          {submitting ? t('login.code.submitting') : t('login.code.submit')}
        </button>
      </form>
      {canUseRecovery ? (
        <p className="login-card__alt">
          <button
            type="button"
            className="link-button"
            onClick={() => props.onMode(mode === 'totp' ? 'recovery' : 'totp')}
            data-testid="mfa-toggle-recovery"
          >
            {mode === 'totp' ? t('login.code.useRecovery') : t('login.code.useApp')}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** "ABCD EFGH …": easier to read out and type into an app. */
function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function EnrolStep(props: {
  email: string;
  setup: EnrolmentSetup | null;
  loading: boolean;
  submitting: boolean;
  error: LoginError | null;
  onSubmit: (code: string) => Promise<boolean>;
  onInvalid: (error: LoginError) => void;
  onRetry: () => void;
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const { setup, submitting, error } = props;
  const form = useZodForm(enrolForm, { defaultValues: { code: '' } });
  const code = form.watch('code');

  const onInvalid = (errors: FieldErrors<{ code: string }>) => {
    const message = errors.code?.message ?? '';
    props.onInvalid({ code: 'REQUIRED', message, fields: [{ path: 'totp', message }] });
    form.setFocus('code');
  };

  async function onValid(values: { code: string }) {
    if (submitting) return;
    const ok = await props.onSubmit(values.code);
    if (!ok) {
      form.setValue('code', '');
      form.setFocus('code');
    }
  }

  return (
    <>
      <StepHeading>{t('login.enrol.title')}</StepHeading>
      <SigningInAs email={props.email} onStartOver={props.onStartOver} />
      <p>{t('login.enrol.intro')}</p>
      <StepError error={error} id="login-enrol-error" />
      {!setup ? (
        props.loading && !error ? (
          <p role="status">{t('login.enrol.loading')}</p>
        ) : (
          <button type="button" className="button" onClick={props.onRetry}>
            {t('app.retry')}
          </button>
        )
      ) : (
        <>
          <ol className="enrol-steps">
            <li>
              <p>{t('login.enrol.step1')}</p>
              <div className="enrol-qr">
                <img src={setup.qrDataUrl} alt={t('login.enrol.qrAlt')} width={200} height={200} />
                <div className="enrol-qr__manual">
                  <p className="muted">{t('login.enrol.manual')}</p>
                  <p className="enrol-secret">
                    <span className="visually-hidden">{t('login.enrol.secretLabel')}: </span>
                    <code data-testid="enrol-secret" data-secret={setup.secret}>
                      {groupSecret(setup.secret)}
                    </code>
                  </p>
                  <p>
                    <a href={setup.otpauthUrl}>{t('login.enrol.openInApp')}</a>
                  </p>
                </div>
              </div>
            </li>
            <li>
              <form
                className="form"
                noValidate
                aria-label={t('login.enrol.title')}
                data-testid="enrol-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!submitting) void form.handleSubmit(onValid, onInvalid)(e);
                }}
              >
                <TotpField
                  id="enrol-code"
                  label={t('login.enrol.step2')}
                  hint={t('login.code.hint')}
                  registered={form.register('code')}
                  value={code}
                  onChange={(v) => form.setValue('code', v)}
                  error={error?.fields.find((f) => f.path === 'totp')?.message}
                  testId="enrol-code"
                />
                <button
                  type="submit"
                  className="button button--primary button--block"
                  aria-disabled={submitting}
                  data-testid="enrol-submit"
                >
                  {submitting ? t('login.enrol.submitting') : t('login.enrol.submit')}
                </button>
              </form>
            </li>
          </ol>
        </>
      )}
    </>
  );
}

export function RecoveryCodesStep({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copyCodes() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <>
      <StepHeading>{t('login.recovery.title')}</StepHeading>
      <p>{t('login.recovery.intro')}</p>
      <p className="alert alert--warning">{t('login.recovery.once')}</p>
      <ol className="recovery-codes" aria-label={t('login.recovery.listLabel')} data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copyCodes()}>
          {t('login.recovery.copy')}
        </button>
        <p role="status" className="muted button-row__status">
          {copy === 'copied'
            ? t('login.recovery.copied')
            : copy === 'failed'
              ? t('login.recovery.copyFailed')
              : ''}
        </p>
      </div>
      <button
        type="button"
        className="button button--primary button--block"
        onClick={onContinue}
        data-testid="recovery-continue"
      >
        {t('login.recovery.continue')}
      </button>
    </>
  );
}
