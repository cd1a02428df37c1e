import { AppError } from '../../errors.js';
import { MAX_FAILED_LOGINS, type Authenticated } from './auth.service.js';
import type { MfaCore, MfaDeps, SecondFactor } from './mfa-core.js';
import { verifyPassword } from './passwords.js';

/** Step-up: password and second factor again before something sensitive (the session is marked). */
export function createReauthentication(deps: MfaDeps, core: MfaCore) {
  const { db, users, sessions, mfa, audit, clock, log, auth } = deps;
  const { totpSecretOf, wrongCode, consumeFactor } = core;

  return {
    /** Password and second factor again, for a signed-in user about to do something sensitive. */
    async reauthenticate(a: Authenticated, password: string, submitted: SecondFactor) {
      const now = clock.now();
      const user = await users.findById(a.user.id);
      if (!user || user.disabled) throw new AppError('AUTH_REQUIRED');
      if (user.lockedUntil && user.lockedUntil > now) throw new AppError('ACCOUNT_LOCKED');
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failures = await db.transaction(async (tx) => {
          const n = await users.recordFailedLogin(user.id, null, tx);
          if (n >= MAX_FAILED_LOGINS) await auth.lockAccount(user.id, 'passwords', now, tx);
          await audit.record(
            {
              actorId: user.id,
              actorLabel: 'user',
              action: 'auth.reauth_failed',
              subjectType: 'user',
              subjectId: user.id,
              meta: { reason: 'bad_password', failures: n, locked: n >= MAX_FAILED_LOGINS },
            },
            tx,
          );
          return n;
        });
        log.warn(
          { event: 'auth.reauth_failed', reason: 'bad_password', userId: user.id, failures },
          'reauth failed',
        );
        throw new AppError('INVALID_CREDENTIALS');
      }
      const factor = await mfa.findMfa(user.id);
      if (!factor?.confirmedAt) throw new AppError('AUTH_REQUIRED');
      const secret = submitted.code !== undefined ? await totpSecretOf(factor) : null;
      const method = await db.transaction(async (tx) => {
        const used = await consumeFactor(factor, submitted, secret, now, tx);
        if (!used) return null;
        await users.resetFailedLogins(user.id, tx);
        await sessions.markReauthenticated(a.sessionId, now, tx);
        if (used.method === 'recovery') {
          await audit.record(
            {
              actorId: user.id,
              actorLabel: 'user',
              action: 'auth.recovery_code_used',
              subjectType: 'user',
              subjectId: user.id,
              meta: { context: 'reauth', left: used.recoveryCodesLeft },
            },
            tx,
          );
        }
        await audit.record(
          {
            actorId: user.id,
            actorLabel: 'user',
            action: 'auth.reauthenticated',
            subjectType: 'user',
            subjectId: user.id,
            meta: { mfa: used.method },
          },
          tx,
        );
        return used.method;
      });
      if (!method) return wrongCode(user, submitted.code !== undefined ? 'totp' : 'recovery', 'reauth');
      log.info({ event: 'auth.reauthenticated', userId: user.id, mfa: method }, 'reauthenticated');
      return { reauthenticatedAt: now };
    },
  };
}
