import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConnectionBadgeState } from './ConnectionState.js';
import { offlineOpening, recallSession, resumeKeptSession } from './offlineSession.js';
import { loadOutbox } from './outbox.js';
import { OutboxPanel } from './OutboxPanel.js';
import { watchConnection } from './connection.js';
import { unlockWithPasscode } from './store.js';
import './offline.css';

/**
 * The console opened without a network (a reload in the field): the service worker served the app, but
 * the session cannot be checked and the store's key comes from the server. With the offline passcode
 * the user set (docs/adr/0011) the store opens and the console comes back as it was — their missions,
 * their cases, the vocabularies, the outbox — until the network lets the server confirm the session.
 * Without one: the connection state, the outbox as kept (each write's kind and state; contents stay
 * locked), and the console back as soon as the network is (`onOnline` checks the session again).
 */
export function OfflineShell({ onOnline }: { onOnline: () => void }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState<'loading' | 'passcode' | 'outbox'>('loading');
  useEffect(() => {
    watchConnection();
    void offlineOpening()
      .then(async (o) => {
        await loadOutbox();
        return o;
      })
      .then(setOpening);
    window.addEventListener('online', onOnline);
    // Some networks come back without an "online" event (the browser thought it was online all along).
    const timer = window.setInterval(() => navigator.onLine && onOnline(), 10_000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [onOnline]);
  return (
    <main className="app-loading offline-shell" data-testid="offline-shell" data-opening={opening}>
      <h1>{t('offline.shell.title')}</h1>
      <ConnectionBadgeState />
      {opening === 'passcode' ? (
        <UnlockForm onWiped={() => setOpening('outbox')} />
      ) : (
        <p>{t('offline.shell.intro')}</p>
      )}
      {opening === 'loading' ? null : <OutboxPanel />}
      <button type="button" className="button" onClick={onOnline}>
        {t('offline.shell.retry')}
      </button>
    </main>
  );
}

/** The offline passcode: right, the console opens as the kept session; wrong five times, all is wiped. */
function UnlockForm({ onWiped }: { onWiped: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [passcode, setPasscode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy || !passcode) return;
    setBusy(true);
    setError(null);
    try {
      const result = await unlockWithPasscode(passcode);
      if (!result.ok) {
        setPasscode('');
        if (result.triesLeft === 0) onWiped();
        else setError(t('offline.unlock.wrong', { count: result.triesLeft }));
        return;
      }
      const session = await recallSession();
      if (!session) {
        setError(t('offline.unlock.noSession'));
        return;
      }
      resumeKeptSession(queryClient, session);
    } catch {
      setError(t('offline.unlock.noSession'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack offline-unlock" onSubmit={(ev) => void submit(ev)} data-testid="offline-unlock">
      <p>{t('offline.unlock.intro')}</p>
      {error ? (
        <p className="alert alert--error" role="alert" data-testid="offline-unlock-error">
          {error}
        </p>
      ) : null}
      <label htmlFor="offline-passcode">{t('offline.unlock.label')}</label>
      <input
        id="offline-passcode"
        type="password"
        autoComplete="off"
        value={passcode}
        onChange={(e) => setPasscode(e.target.value)}
        data-testid="offline-passcode"
      />
      <button
        type="submit"
        className="button button--primary"
        aria-disabled={busy}
        data-testid="offline-unlock-submit"
      >
        {busy ? t('offline.unlock.opening') : t('offline.unlock.submit')}
      </button>
    </form>
  );
}
