import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import type { UserRow } from '../../db/schema/index.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { SessionsRepo } from './sessions.repo.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;
/** Only write last_seen_at when it is older than this, to spare the database a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface AuthDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  config: Config;
  clock: Clock;
  log: Logger;
  audit: Audit;
}

export interface Authenticated {
  user: UserRow;
  sessionId: string;
  csrfToken: string;
}

/** The CSRF token is bound to the session: derived from the secret cookie value, never stored. */
export function csrfTokenFor(token: string): string {
  return sha256Hex(`csrf:${token}`);
}

export function createAuthService(deps: AuthDeps) {
  const { users, sessions, config, clock, log, audit } = deps;
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

  return {
    async login(email: string, password: string, userAgent: string | undefined) {
      const now = clock.now();
      const user = await users.findByEmail(email.trim());
      if (!user || user.disabled) {
        await verifyPassword(await dummyPasswordHash(), password);
        log.warn({ event: 'auth.login_failed', reason: 'unknown_or_disabled' }, 'login failed');
        await audit.record({ actorLabel: 'anonymous', action: 'auth.login_failed', meta: { reason: 'unknown_or_disabled' } });
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        log.warn({ event: 'auth.login_failed', reason: 'locked', userId: user.id }, 'login failed');
        await audit.record({ actorId: user.id, actorLabel: 'user', action: 'auth.login_failed', meta: { reason: 'locked' } });
        throw new AppError('ACCOUNT_LOCKED');
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failures = await users.recordFailedLogin(user.id, null);
        if (failures >= MAX_FAILED_LOGINS) {
          await users.lockUntil(user.id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
        }
        log.warn({ event: 'auth.login_failed', reason: 'bad_password', userId: user.id, failures }, 'login failed');
        await audit.record({
          actorId: user.id,
          actorLabel: 'user',
          action: 'auth.login_failed',
          meta: { reason: 'bad_password', failures, locked: failures >= MAX_FAILED_LOGINS },
        });
        throw new AppError('INVALID_CREDENTIALS');
      }
      await users.resetFailedLogins(user.id);
      const token = randomToken();
      await sessions.insert({
        id: sha256Hex(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + absoluteMs),
        userAgent: userAgent?.slice(0, 200) ?? null,
      });
      log.info({ event: 'auth.login', userId: user.id }, 'login');
      await audit.record({ actorId: user.id, actorLabel: 'user', action: 'auth.login', subjectType: 'user', subjectId: user.id });
      return { token, user, csrfToken: csrfTokenFor(token) };
    },

    /** The session behind a cookie token, or null when missing, expired or idle too long. */
    async resolve(token: string): Promise<Authenticated | null> {
      const id = sha256Hex(token);
      const session = await sessions.find(id);
      if (!session) return null;
      const now = clock.now();
      if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > idleMs) {
        await sessions.delete(id);
        return null;
      }
      const user = await users.findById(session.userId);
      if (!user || user.disabled) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await sessions.touch(id, now);
      return { user, sessionId: id, csrfToken: csrfTokenFor(token) };
    },

    async logout(sessionId: string): Promise<void> {
      await sessions.delete(sessionId);
    },

    async listSessions(userId: string) {
      return sessions.listForUser(userId);
    },

    /** Revoke by the short id shown to the user (a prefix of the stored hash). */
    async revokeOwnSession(userId: string, shortId: string): Promise<boolean> {
      const mine = await sessions.listForUser(userId);
      const target = mine.find((s) => s.id.startsWith(shortId));
      if (!target) return false;
      return (await sessions.deleteForUser(userId, target.id)) > 0;
    },

    async purgeExpiredSessions(): Promise<number> {
      const now = clock.now();
      return sessions.purgeExpired(now, new Date(now.getTime() - idleMs));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
