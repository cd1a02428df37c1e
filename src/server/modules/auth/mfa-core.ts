import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/crypto.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { UsersRepo } from '../users/users.repo.js';
import { MAX_FAILED_CODES, type AuthService, type MfaMethod } from './auth.service.js';
import type { ChallengePurpose, LoginChallengeRow, MfaRepo, UserMfaRow } from './mfa.repo.js';
import type { SessionsRepo } from './sessions.repo.js';
import { checkTotp, newRecoveryCodes, recoveryCodeHash } from './totp.js';

export interface MfaDeps {
  db: Db;
  users: UsersRepo;
  sessions: SessionsRepo;
  mfa: MfaRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  log: Logger;
  auth: AuthService;
}

/** Where WebAuthn ceremonies are bound: the host the console was loaded from. */
export interface RelyingParty {
  rpID: string;
  origin: string;
}

/** A second factor as submitted: a TOTP code or one recovery code. */
export type SecondFactor =
  { code: string; recoveryCode?: undefined } | { recoveryCode: string; code?: undefined };

export const totpAad = (userId: string) => aad('user_mfa', 'totp', userId);
export const registrationChallengeId = (sessionId: string) => sha256Hex(`webauthn-register:${sessionId}`);
export const WEBAUTHN_TIMEOUT_MS = 120_000;

/**
 * What every second-factor use case shares: opening a sign-in challenge, reading the TOTP secret,
 * counting a wrong code (the tenth locks the account), consuming a code once.
 */
export function createMfaCore(deps: MfaDeps) {
  const { db, users, mfa, vault, audit, clock, log, auth } = deps;

  /** The challenge behind a token, checked for purpose, expiry, the user's state and lockout. */
  async function openChallenge(
    token: string,
    purpose: ChallengePurpose,
  ): Promise<{ row: LoginChallengeRow; user: UserRow; now: Date }> {
    const now = clock.now();
    const row = await mfa.findChallenge(sha256Hex(token));
    if (!row || row.purpose !== purpose) throw new AppError('MFA_CHALLENGE_EXPIRED');
    if (row.expiresAt <= now) {
      await mfa.deleteChallenge(row.id);
      throw new AppError('MFA_CHALLENGE_EXPIRED');
    }
    const user = await users.findById(row.userId);
    if (!user || user.disabled) {
      await mfa.deleteChallenge(row.id);
      throw new AppError('MFA_CHALLENGE_EXPIRED');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      log.warn({ event: 'auth.login_failed', reason: 'locked', userId: user.id }, 'second factor refused');
      await audit.record({
        actorId: user.id,
        actorLabel: 'user',
        action: 'auth.login_failed',
        meta: { reason: 'locked', step: 'mfa' },
      });
      throw new AppError('ACCOUNT_LOCKED');
    }
    return { row, user, now };
  }

  async function totpSecretOf(factor: UserMfaRow): Promise<string> {
    return vault.decrypt(factor.dataKeyId, factor.totpSecretEnc, totpAad(factor.userId));
  }

  /** Count a wrong second factor; the tenth in a row locks the account. Always throws. */
  async function wrongCode(
    user: UserRow,
    method: MfaMethod,
    context: 'login' | 'enrol' | 'reauth',
  ): Promise<never> {
    const now = clock.now();
    const failures = await db.transaction(async (tx) => {
      const n = await mfa.recordFailedCode(user.id, tx);
      if (n >= MAX_FAILED_CODES) await auth.lockAccount(user.id, 'mfa_codes', now, tx);
      await audit.record(
        {
          actorId: user.id,
          actorLabel: 'user',
          action: 'auth.mfa_failed',
          subjectType: 'user',
          subjectId: user.id,
          meta: { method, context, failures: n, locked: n >= MAX_FAILED_CODES },
        },
        tx,
      );
      return n;
    });
    log.warn(
      { event: 'auth.mfa_failed', userId: user.id, method, context, failures },
      'second factor refused',
    );
    throw new AppError('MFA_INVALID_CODE');
  }

  /**
   * Check a TOTP code (against the already decrypted secret) or recovery code and consume it (the TOTP step is recorded so it cannot be
   * replayed; a recovery code is removed). Returns the method, or null when the factor is wrong.
   */
  async function consumeFactor(
    factor: UserMfaRow,
    submitted: SecondFactor,
    secret: string | null,
    now: Date,
    tx: Executor,
  ): Promise<{ method: MfaMethod; recoveryCodesLeft?: number } | null> {
    if (submitted.code !== undefined) {
      if (secret === null) return null;
      const step = await checkTotp(secret, submitted.code, now, factor.lastUsedStep);
      if (step === null) return null;
      return (await mfa.useTotpStep(factor.userId, step, tx)) ? { method: 'totp' } : null;
    }
    const left = await mfa.useRecoveryCode(
      factor.userId,
      recoveryCodeHash(factor.userId, submitted.recoveryCode),
      tx,
    );
    return left === null ? null : { method: 'recovery', recoveryCodesLeft: left };
  }

  async function confirmedFactor(userId: string): Promise<UserMfaRow> {
    const factor = await mfa.findMfa(userId);
    if (!factor?.confirmedAt) throw new AppError('MFA_CHALLENGE_EXPIRED');
    return factor;
  }

  function newRecoverySet(userId: string) {
    const codes = newRecoveryCodes();
    return { codes, hashes: codes.map((c) => recoveryCodeHash(userId, c)) };
  }

  return { openChallenge, totpSecretOf, wrongCode, consumeFactor, confirmedFactor, newRecoverySet };
}
export type MfaCore = ReturnType<typeof createMfaCore>;
