import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { adminCalls } from './api.js';
import { ReauthFields } from '../../components/ReauthFields.js';

/**
 * Run an administrative change; when the server asks for a fresh password + code (REAUTH_REQUIRED),
 * show the prompt and run the same change again once confirmed. Refreshes the admin lists after.
 */
export function useAdminAction() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<(() => Promise<unknown>) | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function run(call: () => Promise<unknown>, done?: string): Promise<boolean> {
    setMessage(null);
    try {
      await call();
      setPending(null);
      if (done) setMessage({ kind: 'ok', text: done });
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      return true;
    } catch (e) {
      if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setPending(() => call);
      else setMessage({ kind: 'error', text: errorText(e) });
      return false;
    }
  }

  const prompt = pending ? (
    <ReauthPrompt onConfirmed={() => void run(pending)} onCancel={() => setPending(null)} />
  ) : null;
  const status = message ? (
    <p className={message.kind === 'ok' ? 'alert alert--ok' : 'alert alert--error'} role="status">
      {message.text}
    </p>
  ) : null;
  return { run, prompt, status };
}

function ReauthPrompt({ onConfirmed, onCancel }: { onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      await adminCalls.reauth({ password, code });
      onConfirmed();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div
      className="response-form--inline"
      role="group"
      aria-labelledby="admin-reauth-title"
      data-testid="admin-reauth"
    >
      <h3 id="admin-reauth-title">{t('admin.reauthTitle')}</h3>
      <p className="muted">{t('admin.reauthIntro')}</p>
      <div className="field-row">
        <ReauthFields
          idPrefix="admin-reauth"
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
          {t('admin.reauthConfirm')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
