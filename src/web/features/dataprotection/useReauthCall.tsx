import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { ReauthFields } from '../../components/ReauthFields.js';
import { dpCalls } from './api.js';

/**
 * Run a call that may need a fresh password + code (REAUTH_REQUIRED): on that answer the prompt is
 * shown, and the same call runs again once confirmed. `status` shows the outcome.
 */
export function useReauthCall(idPrefix: string) {
  const [pending, setPending] = useState<(() => Promise<unknown>) | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(call: () => Promise<unknown>, done?: (result: unknown) => string): Promise<void> {
    setMessage(null);
    try {
      const result = await call();
      setPending(null);
      if (done) setMessage({ ok: true, text: done(result) });
    } catch (e) {
      if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setPending(() => () => run(call, done));
      else setMessage({ ok: false, text: errorText(e) });
    }
  }

  const prompt = pending ? (
    <ReauthPrompt idPrefix={idPrefix} onConfirmed={() => void pending()} onCancel={() => setPending(null)} />
  ) : null;
  const status = message ? (
    <p
      className={message.ok ? 'alert alert--ok' : 'alert alert--error'}
      role="status"
      data-testid={`${idPrefix}-status`}
    >
      {message.text}
    </p>
  ) : null;
  return { run, prompt, status };
}

function ReauthPrompt(props: { idPrefix: string; onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      await dpCalls.reauth({ password, code });
      props.onConfirmed();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const titleId = `${props.idPrefix}-reauth-title`;
  return (
    <div
      className="response-form--inline"
      role="group"
      aria-labelledby={titleId}
      data-testid={`${props.idPrefix}-reauth`}
    >
      <h3 id={titleId}>{t('dp.reauth.title')}</h3>
      <p className="muted">{t('dp.reauth.intro')}</p>
      <div className="field-row">
        <ReauthFields
          idPrefix={`${props.idPrefix}-reauth`}
          password={password}
          code={code}
          onPassword={setPassword}
          onCode={setCode}
        />
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={() => void confirm()}>
          {t('dp.reauth.confirm')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('dp.reauth.cancel')}
        </button>
      </div>
    </div>
  );
}
