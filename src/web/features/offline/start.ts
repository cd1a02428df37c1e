import { onConnection, currentConnection, watchConnection } from './connection.js';
import { warmFieldCache } from './fieldCache.js';
import { flush, loadOutbox } from './outbox.js';
import { unlock } from './store.js';

let started = false;

/**
 * Once the signed-in console is up: install the service worker (the app shell for the next offline
 * start), follow the connection, unlock this session's store, seal the field data for offline use,
 * and send whatever the outbox kept (from before a reload, or from before the network came back).
 */
export function startOffline(roles: readonly string[]): void {
  if (started) return;
  started = true;
  watchConnection();
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (an insecure origin, a private window): the console still works online.
    });
  }
  void loadOutbox();
  void unlock()
    .then(() => Promise.all([warmFieldCache(roles), flush(true)]))
    .catch(() => undefined);
  onConnection(() => {
    if (currentConnection() === 'live') void flush(true);
  });
  window.addEventListener('online', () => void flush(true));
}
