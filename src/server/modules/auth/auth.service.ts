import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import type { UserRow } from '../../db/schema/index.js';
import type { Authenticated } from '../../security/session.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { SessionsRepo } from './sessions.repo.js';
import type { MfaRepo } from './mfa.repo.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { Vault } from '../../security/vault.js';
import type { Notifier } from '../../channels/notifier.js';
import { fillTemplate } from '../../channels/copy.js';
import {
  BURST_FAILURES,
  BURST_WINDOW_MS,
  PAIR_FORGET_MS,
  createThrottleRepo,
  delayAfter,
} from './throttle.js';

/** Wrong passwords at re-authentication (a signed-in session) before the account locks. */
export const MAX_FAILED_LOGINS = 10;
/** Wrong second-factor codes (TOTP, recovery, security key) before the account locks. */
export const MAX_FAILED_CODES = 10;
export const LOCKOUT_MINUTES = 15;
/** How long a password that checked out may wait for its second factor. */
export const LOGIN_CHALLENGE_MINUTES = 5;
/** The window in which a re-authentication counts as recent, and the signed-in request: platform types. */
export { REAUTH_WINDOW_MINUTES, type Authenticated } from '../../security/session.js';
/** Only write last_seen_at when it is older than this, to spare the database a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export type MfaMethod = 'totp' | 'recovery' | 'webauthn';

export interface AuthDeps {
  db: Db;
  users: UsersRepo;
  sessions: SessionsRepo;
  mfa: MfaRepo;
  config: Config;
  clock: Clock;
  log: Logger;
  audit: Audit;
  vault: Pick<Vault, 'blindIndex'>;
  /** How the user and admins hear about a burst of failures (built after auth, hence a function). */
  notifier?: () => Notifier | undefined;
}

/** The answer to a correct password: never a session, only a short-lived challenge for step two. */
export interface LoginStep {
  status: 'mfa_required' | 'mfa_enrollment_required';
  challenge: string;
  methods: MfaMethod[];
  expiresAt: Date;
}

/** The CSRF token is bound to the session: derived from the secret cookie value, never stored. */
export function csrfTokenFor(token: string): string {
  return sha256Hex(`csrf:${token}`);
}

/** What the user and the administrators are told about a burst of failed sign-ins. */
export const burstText = {
  self: {
    en: 'Dharura: {n} failed sign-in attempts on your account in the last {minutes} minutes. Your account is not locked. If this was not you, tell an administrator and change your password.',
    sw: 'Dharura: majaribio {n} ya kuingia yameshindwa kwenye akaunti yako katika dakika {minutes} zilizopita. Akaunti yako haijafungwa. Kama si wewe, mjulishe msimamizi na ubadilishe nenosiri lako.',
  },
  admin: {
    en: 'Dharura: {n} failed sign-in attempts on the account {email} in the last {minutes} minutes. The account is not locked; attempts from each address are slowed down.',
    sw: 'Dharura: majaribio {n} ya kuingia yameshindwa kwenye akaunti {email} katika dakika {minutes} zilizopita. Akaunti haijafungwa; majaribio kutoka kila anwani yanapunguzwa kasi.',
  },
} as const;

export function createAuthService(deps: AuthDeps) {
  const { db, users, sessions, mfa, config, clock, log, audit } = deps;
  const throttles = createThrottleRepo(db);
  const blindIndex = (kind: string, value: string) => deps.vault.blindIndex(kind, value);
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

  async function lockAccount(userId: string, reason: string, now: Date, tx: Executor): Promise<void> {
    await users.lockUntil(userId, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000), tx);
    log.warn({ event: 'auth.account_locked', reason, userId }, 'account locked');
    await audit.record(
      {
        actorId: userId,
        actorLabel: 'user',
        action: 'auth.account_locked',
        subjectType: 'user',
        subjectId: userId,
        meta: { reason, minutes: LOCKOUT_MINUTES },
      },
      tx,
    );
  }

  /** Tell the user and every administrator, in their language, through their notification rules. */
  async function alertBurst(user: UserRow, failures: number, now: Date): Promise<void> {
    const notifier = deps.notifier?.();
    if (!notifier) return;
    const vars = { n: String(failures), minutes: String(BURST_WINDOW_MS / 60_000), email: user.email };
    const text = (k: keyof typeof burstText) => ({
      en: fillTemplate(burstText[k].en, vars),
      sw: fillTemplate(burstText[k].sw, vars),
    });
    const key = ['auth.burst', user.id, now.toISOString()].join(':'); // an idempotency key
    try {
      await notifier.notifyUser({ userId: user.id, text: text('self'), idempotencyKey: `${key}:self` });
      for (const admin of await users.list()) {
        if (admin.id === user.id || admin.disabled || !(admin.roles as string[]).includes('admin')) continue;
        await notifier.notifyUser({
          userId: admin.id,
          text: text('admin'),
          idempotencyKey: `${key}:${admin.id}`,
        });
      }
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, userId: user.id }, 'failure burst not notified');
    }
  }

  return {
    /**
     * Step one: the password. Failures are throttled per email and address with growing delays (a
     * stranger elsewhere cannot lock the real user out), and an unknown email, a throttled attempt and a
     * wrong password get the same answer after the same password hash. A burst of failures at one
     * account, from anywhere, is told to the user and the administrators.
     */
    async login(email: string, password: string, address = 'unknown'): Promise<LoginStep> {
      const now = clock.now();
      const normal = email.trim().toLowerCase();
      const pairKey = `pair:${blindIndex('login', `${normal}\n${address}`)}`;
      const accountKey = `account:${blindIndex('login', normal)}`;
      const pair = await throttles.get(pairKey);
      const throttled = Boolean(pair?.blockedUntil && pair.blockedUntil > now);
      const found = await users.findByEmail(normal);
      const user = found && !found.disabled ? found : undefined;
      const hash = user && !throttled ? user.passwordHash : await dummyPasswordHash();
      const passwordOk = await verifyPassword(hash, password);
      if (!user || throttled || !passwordOk) {
        const reason = !user ? 'unknown_or_disabled' : throttled ? 'throttled' : 'bad_password';
        const outcome = await db.transaction(async (tx) => {
          let failures = pair?.failures ?? 0;
          if (!throttled) {
            const row = await throttles.bump(pairKey, now, new Date(now.getTime() - PAIR_FORGET_MS), tx);
            failures = row.failures;
            const delay = delayAfter(failures);
            if (delay > 0) await throttles.block(pairKey, new Date(now.getTime() + delay), tx);
          }
          const account = await throttles.bump(
            accountKey,
            now,
            new Date(now.getTime() - BURST_WINDOW_MS),
            tx,
          );
          const burst =
            Boolean(user) &&
            account.failures >= BURST_FAILURES &&
            (await throttles.claimAlert(accountKey, now, tx));
          await audit.record(
            {
              ...(user ? { actorId: user.id, actorLabel: 'user' } : { actorLabel: 'anonymous' }),
              action: 'auth.login_failed',
              meta: { reason, failures, delayed: throttled || delayAfter(failures) > 0 },
            },
            tx,
          );
          if (burst) {
            await audit.record(
              {
                actorLabel: 'system',
                action: 'auth.failure_burst',
                subjectType: 'user',
                subjectId: user!.id,
                meta: { failures: account.failures, minutes: BURST_WINDOW_MS / 60_000 },
              },
              tx,
            );
          }
          return { failures, burst, accountFailures: account.failures };
        });
        log.warn(
          { event: 'auth.login_failed', reason, userId: user?.id, failures: outcome.failures },
          'login failed',
        );
        if (outcome.burst) void alertBurst(user!, outcome.accountFailures, now);
        throw new AppError('INVALID_CREDENTIALS');
      }
      // Only someone who knows the password learns that its second factor is locked.
      if (user.lockedUntil && user.lockedUntil > now) {
        log.warn({ event: 'auth.login_failed', reason: 'locked', userId: user.id }, 'login failed');
        await audit.record({
          actorId: user.id,
          actorLabel: 'user',
          action: 'auth.login_failed',
          meta: { reason: 'locked' },
        });
        throw new AppError('ACCOUNT_LOCKED');
      }
      await throttles.clear(pairKey);
      const factor = await mfa.findMfa(user.id);
      const enrolled = Boolean(factor?.confirmedAt);
      const methods: MfaMethod[] = enrolled ? ['totp', 'recovery'] : ['totp'];
      if (enrolled && (await mfa.countCredentials(user.id)) > 0) methods.push('webauthn');
      const challenge = randomToken();
      const expiresAt = new Date(now.getTime() + LOGIN_CHALLENGE_MINUTES * 60_000);
      await db.transaction(async (tx) => {
        await users.resetFailedLogins(user.id, tx);
        await mfa.insertChallenge(
          {
            id: sha256Hex(challenge),
            userId: user.id,
            purpose: enrolled ? 'mfa' : 'enroll',
            expiresAt,
            createdAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorId: user.id,
            actorLabel: 'user',
            action: 'auth.password_verified',
            subjectType: 'user',
            subjectId: user.id,
            meta: { next: enrolled ? 'mfa' : 'mfa_enrollment' },
          },
          tx,
        );
      });
      log.info({ event: 'auth.password_verified', userId: user.id, enrolled }, 'password verified');
      return { status: enrolled ? 'mfa_required' : 'mfa_enrollment_required', challenge, methods, expiresAt };
    },

    /** Create a session once both factors are satisfied; audited in the caller's transaction. */
    async issueSession(user: UserRow, userAgent: string | undefined, method: MfaMethod, tx: Executor) {
      const now = clock.now();
      const token = randomToken();
      await sessions.insert(
        {
          id: sha256Hex(token),
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + absoluteMs),
          userAgent: userAgent?.slice(0, 200) ?? null,
          mfaMethod: method,
        },
        tx,
      );
      await users.markSignedIn(user.id, now, tx);
      await audit.record(
        {
          actorId: user.id,
          actorLabel: 'user',
          action: 'auth.login',
          subjectType: 'user',
          subjectId: user.id,
          meta: { mfa: method },
        },
        tx,
      );
      log.info({ event: 'auth.login', userId: user.id, mfa: method }, 'login');
      return { token, csrfToken: csrfTokenFor(token) };
    },

    lockAccount,

    /** The session behind a cookie token, or null when missing, expired or idle too long. */
    async resolve(token: string): Promise<Authenticated | null> {
      const id = sha256Hex(token);
      const session = await sessions.find(id);
      if (!session) return null;
      const now = clock.now();
      // A session without a second factor (made before MFA was mandatory) is not honoured.
      if (
        session.expiresAt <= now ||
        now.getTime() - session.lastSeenAt.getTime() > idleMs ||
        !session.mfaMethod
      ) {
        await sessions.delete(id);
        return null;
      }
      const user = await users.findById(session.userId);
      if (!user || user.disabled) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await sessions.touch(id, now);
      return {
        user,
        sessionId: id,
        csrfToken: csrfTokenFor(token),
        mfaMethod: session.mfaMethod,
        reauthenticatedAt: session.reauthenticatedAt,
        resolvedAt: now,
      };
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
      return db.transaction(async (tx) => {
        const n = await sessions.deleteForUser(userId, target.id, tx);
        if (n > 0) {
          await audit.record(
            {
              actorId: userId,
              actorLabel: 'user',
              action: 'auth.session_revoked',
              subjectType: 'user',
              subjectId: userId,
              meta: { count: n, by: 'self' },
            },
            tx,
          );
        }
        return n > 0;
      });
    },

    /** An administrator's view of someone's sessions. */
    async listSessionsOf(userId: string) {
      if (!(await users.findById(userId))) throw new AppError('NOT_FOUND');
      return sessions.listForUser(userId);
    },

    /** An administrator ends every session of a user (lost device, suspected compromise). */
    async revokeAllSessions(actorId: string, userId: string): Promise<number> {
      if (!(await users.findById(userId))) throw new AppError('NOT_FOUND');
      const n = await db.transaction(async (tx) => {
        const count = await sessions.deleteAllForUser(userId, tx);
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'auth.sessions_revoked',
            subjectType: 'user',
            subjectId: userId,
            meta: { count, by: 'admin' },
          },
          tx,
        );
        return count;
      });
      log.info({ event: 'auth.sessions_revoked', userId, by: actorId, count: n }, 'sessions revoked');
      return n;
    },

    async purgeExpiredSessions(): Promise<number> {
      const now = clock.now();
      await mfa.purgeExpiredChallenges(now);
      await throttles.purge(new Date(now.getTime() - PAIR_FORGET_MS));
      return sessions.purgeExpired(now, new Date(now.getTime() - idleMs));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
