import type { z } from 'zod';
import { api, ApiError, setCsrfToken } from '../../api/client.js';
import type {
  enrolConfirmResponse,
  enrolStartResponse,
  loginBody,
  loginStepResponse,
  meResponse,
  secondFactor,
} from '../../../shared/contracts/auth.js';
import type { Locale } from '../../../shared/locale.js';

export type Credentials = z.input<typeof loginBody>;

/** The signed-in user and the CSRF token, as /api/auth/me, login and preferences return them. */
export type Session = z.infer<typeof meResponse>;
export type SessionUser = Session['user'];

/**
 * A correct password does not sign in: it returns a short-lived challenge for the second step, either
 * a code (`mfa_required`) or, the first time, setting up an authenticator app (`mfa_enrollment_required`).
 */
export type PasswordAccepted = z.infer<typeof loginStepResponse>;

/** What an authenticator app needs: the secret as a QR code and as text for typing in. */
export type EnrolmentSetup = z.infer<typeof enrolStartResponse>;

/** An authenticator code or one recovery code (the contract's secondFactor). */
export type SecondFactor = z.infer<typeof secondFactor>;

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

/** Sign in, step 1. */
export function login(credentials: Credentials): Promise<PasswordAccepted> {
  return api<PasswordAccepted>('/api/auth/login', { method: 'POST', body: credentials });
}

/** Sign in, step 2: a code from the authenticator app or one recovery code. */
export async function verifySecondFactor(challenge: string, factor: SecondFactor): Promise<Session> {
  const session = await api<Session>('/api/auth/mfa/verify', {
    method: 'POST',
    body: { challenge, ...factor },
  });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Sign in, step 2 the first time: a new secret for the authenticator app. */
export function startEnrolment(challenge: string): Promise<EnrolmentSetup> {
  return api<EnrolmentSetup>('/api/auth/mfa/enroll/start', { method: 'POST', body: { challenge } });
}

/** The first code proves the app is set up; signs in and returns recovery codes, shown only this once. */
export async function confirmEnrolment(
  challenge: string,
  code: string,
): Promise<{ session: Session; recoveryCodes: string[] }> {
  const r = await api<z.infer<typeof enrolConfirmResponse>>('/api/auth/mfa/enroll/confirm', {
    method: 'POST',
    body: { challenge, code },
  });
  setCsrfToken(r.csrfToken);
  return { session: { user: r.user, csrfToken: r.csrfToken }, recoveryCodes: r.recoveryCodes };
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
