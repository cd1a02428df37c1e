import { whenIdle } from '../../components/whenIdle.js';
import { logout, type Session } from '../auth/api.js';
import { onConnection, currentConnection, watchConnection } from './connection.js';
import { warmFieldCache } from './fieldCache.js';
import { startIdleWatch } from './idle.js';
import { keepSession } from './offlineSession.js';
import { flush, loadOutbox } from './outbox.js';
import { idleTimeoutMs, putMeta, unlock } from './store.js';
import { offlineStoreWiped, wipeOfflineStore } from './wipe.js';

let started = false;

/**
 * Once the signed-in console is up: install the service worker (the app shell for the next offline
 * start), follow the connection, unlock this session's store, seal the field data (and who is signed
 * in) for offline use, send whatever the outbox kept (from before a reload, or from before the network
 * came back), and watch for the idle timeout.
 */
export function startOffline(user: Session['user']): void {
  if (started) return;
  started = true;
  watchConnection();
  void loadOutbox();
  // The rest is background work: it waits until the page has loaded and the phone has a free moment,
  // so the page the user opened is drawn and answers taps first.
  whenIdle(() => {
    if ('serviceWorker' in navigator && import.meta.env.PROD) {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
        // No service worker (an insecure origin, a private window): the console still works online.
      });
    }
    void unlock()
      .then(() => Promise.all([keepSession(user), warmFieldCache(user.roles), flush(true)]))
      .catch(() => undefined)
      .finally(() => void watchIdle());
  });
  onConnection(() => {
    if (currentConnection() === 'live') void flush(true);
  });
  window.addEventListener('online', () => void flush(true));
}

/**
 * The idle timeout (idle.ts), as long as the server's: the store and its key are wiped, the session is
 * ended if the server can be reached, and the page is loaded afresh (nothing stays in memory). Offline,
 * that reload shows the offline page with nothing kept.
 */
async function watchIdle(): Promise<void> {
  const idleMs = await idleTimeoutMs().catch(() => null);
  if (idleMs === null) return;
  // The console has just been opened (signed in, or unlocked with the passcode): the clock starts now.
  startIdleWatch({
    idleMs,
    target: window,
    now: () => Date.now(),
    persist: (at) => void putMeta({ key: 'activity', at }).catch(() => undefined),
    onIdle: idleSignOut,
  });
}

export function idleSignOut(): void {
  wipeOfflineStore();
  void Promise.allSettled([offlineStoreWiped(), logout()]).finally(() => window.location.replace('/'));
}
