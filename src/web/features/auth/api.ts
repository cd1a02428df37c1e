import { api, ApiError, setCsrfToken } from '../../api/client.js';
import type { Locale, Session } from '../../api/types.js';

export interface Credentials {
  email: string;
  password: string;
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export async function login(credentials: Credentials): Promise<Session> {
  const session = await api<Session>('/api/auth/login', { method: 'POST', body: credentials });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST' });
  } catch (e) {
    // Already signed out (expired session): nothing left to end on the server.
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  setCsrfToken(null);
}

export async function savePreferences(prefs: { locale: Locale }): Promise<Session> {
  const session = await api<Session>('/api/me/preferences', { method: 'PATCH', body: prefs });
  setCsrfToken(session.csrfToken);
  return session;
}
