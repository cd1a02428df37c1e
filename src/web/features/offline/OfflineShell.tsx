import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadFeatureCatalogues } from '../../i18n/features.js';
import { ConnectionBadgeState } from './ConnectionState.js';
import { loadOutbox } from './outbox.js';
import { OutboxPanel } from './OutboxPanel.js';
import { watchConnection } from './connection.js';
import './offline.css';

loadFeatureCatalogues();

/**
 * The console opened without a network (a reload in the field): the service worker served the app, but
 * the session cannot be checked and the outbox's key comes from the server. So: the connection state,
 * the outbox as kept (each write's kind and state; contents stay locked), and the console back as soon
 * as the network is — `onOnline` checks the session again, and the console then sends the outbox.
 */
export function OfflineShell({ onOnline }: { onOnline: () => void }) {
  const { t } = useTranslation();
  const [, setLoaded] = useState(false);
  useEffect(() => {
    watchConnection();
    void loadOutbox().then(() => setLoaded(true));
    window.addEventListener('online', onOnline);
    // Some networks come back without an "online" event (the browser thought it was online all along).
    const timer = window.setInterval(() => navigator.onLine && onOnline(), 10_000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [onOnline]);
  return (
    <main className="app-loading offline-shell" data-testid="offline-shell">
      <h1>{t('offline.shell.title')}</h1>
      <ConnectionBadgeState />
      <p>{t('offline.shell.intro')}</p>
      <OutboxPanel />
      <button type="button" className="button button--primary" onClick={onOnline}>
        {t('offline.shell.retry')}
      </button>
    </main>
  );
}
