import type { QueryClient } from '@tanstack/react-query';
import { currentCsrfToken, setCsrfToken } from '../../api/client.js';
import { fetchSession, type Session } from '../auth/api.js';
import { adoptSession, forgetSession } from '../auth/session.js';
import { currentConnection, onConnection } from './connection.js';
import { idleExpired } from './idle.js';
import {
  get,
  getMeta,
  hasPasscode,
  idleTimeoutMs,
  isUnlocked,
  open,
  put,
  seal,
  type Sealed,
} from './store.js';
import { wipeOfflineStore } from './wipe.js';

/**
 * The signed-in user, sealed with the field data (docs/adr/0011), so a reload without a network can
 * open the console as them once the passcode unlocked the store. The CSRF token goes with it: the
 * outbox's writes need it when the network returns (it belongs to the session's cookie, which the
 * browser keeps anyway).
 */
const SESSION_KEY = 'session';

export async function keepSession(user: Session['user']): Promise<void> {
  const csrfToken = currentCsrfToken();
  if (!csrfToken || !isUnlocked()) return;
  try {
    const value: Sealed = await seal({ user, csrfToken } satisfies Session, `cache:${SESSION_KEY}`);
    await put('cache', { key: SESSION_KEY, at: Date.now(), value });
  } catch {
    // Storage full or unavailable: an offline reload shows the outbox page instead.
  }
}

export async function recallSession(): Promise<Session | null> {
  const record = await get<{ value: Sealed }>('cache', SESSION_KEY);
  return record ? open<Session>(record.value, `cache:${SESSION_KEY}`) : null;
}

/**
 * Open the console as the kept session (after the passcode), and ask the server about the session as
 * soon as the network is back: still alive, the console carries on (and the outbox is sent); ended
 * (timed out, revoked, signed out elsewhere), everything kept goes and the sign-in page shows.
 */
export function resumeKeptSession(queryClient: QueryClient, session: Session): void {
  setCsrfToken(session.csrfToken);
  adoptSession(queryClient, session);
  let done = false;
  let checking = false;
  const check = async () => {
    if (done || checking || !navigator.onLine) return;
    checking = true;
    try {
      const live = await fetchSession();
      finish();
      if (live) adoptSession(queryClient, live);
      else forgetSession(queryClient);
    } catch {
      // Still no answer from the server: the next `online`, live call or tick asks again.
    } finally {
      checking = false;
    }
  };
  const onOnline = () => void check();
  const stopConnection = onConnection(() => {
    if (currentConnection() === 'live') void check();
  });
  window.addEventListener('online', onOnline);
  // Some networks come back without an `online` event (the browser thought it was online all along).
  const timer = window.setInterval(onOnline, 10_000);
  function finish() {
    done = true;
    stopConnection();
    window.removeEventListener('online', onOnline);
    window.clearInterval(timer);
  }
}

/**
 * What a start without a network can offer: the passcode form (a passcode was set and the idle timeout
 * has not passed since the last activity), or the outbox page alone. Past the idle timeout, everything
 * kept is wiped first — the same rule as online.
 */
export async function offlineOpening(now = Date.now()): Promise<'passcode' | 'outbox'> {
  try {
    const [idleMs, activity] = await Promise.all([idleTimeoutMs(), getMeta<{ at: number }>('activity')]);
    if (idleMs !== null && activity && idleExpired(activity.at, now, idleMs)) {
      wipeOfflineStore();
      return 'outbox';
    }
    return (await hasPasscode()) ? 'passcode' : 'outbox';
  } catch {
    return 'outbox';
  }
}
