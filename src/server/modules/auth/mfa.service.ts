import QRCode from 'qrcode';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { UsersRepo } from '../users/users.repo.js';
import {
  LOGIN_CHALLENGE_MINUTES,
  MAX_FAILED_CODES,
  MAX_FAILED_LOGINS,
  type AuthService,
  type Authenticated,
  type MfaMethod,
} from './auth.service.js';
import type { ChallengePurpose, LoginChallengeRow, MfaRepo, UserMfaRow } from './mfa.repo.js';
import { verifyPassword } from './passwords.js';
import type { SessionsRepo } from './sessions.repo.js';
import {
  checkTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  TOTP_ISSUER,
  totpUri,
} from './totp.js';

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

const totpAad = (userId: string) => `user_mfa.totp:${userId}`;
const registrationChallengeId = (sessionId: string) => sha256Hex(`webauthn-register:${sessionId}`);
const WEBAUTHN_TIMEOUT_MS = 120_000;

export function createMfaService(deps: MfaDeps) {
  const { db, users, sessions, mfa, vault, audit, clock, log, auth } = deps;

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

  return {
    /** Enrolment, step 1: a fresh TOTP secret, stored encrypted and unconfirmed until a code proves it. */
    async startEnrolment(challenge: string) {
      const { user } = await openChallenge(challenge, 'enroll');
      const existing = await mfa.findMfa(user.id);
      if (existing?.confirmedAt) throw new AppError('MFA_CHALLENGE_EXPIRED');
      const secret = newTotpSecret();
      await db.transaction(async (tx) => {
        const dataKeyId = existing?.dataKeyId ?? (await vault.createDataKey('user', tx));
        const enc = await vault.encrypt(dataKeyId, secret, totpAad(user.id), tx);
        if (!(await mfa.upsertPendingMfa(user.id, dataKeyId, enc, tx))) throw new AppError('CONFLICT');
        await audit.record(
          {
            actorId: user.id,
            actorLabel: 'user',
            action: 'auth.mfa_enrolment_started',
            subjectType: 'user',
            subjectId: user.id,
            meta: { method: 'totp' },
          },
          tx,
        );
      });
      const otpauthUrl = totpUri(secret, user.email);
      const qrDataUrl = await QRCode.toDataURL(otpauthUrl, {
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 240,
      });
      return { secret, otpauthUrl, qrDataUrl, issuer: TOTP_ISSUER };
    },

    /** Enrolment, step 2: the first code confirms the secret; recovery codes are shown once; signed in. */
    async confirmEnrolment(challenge: string, code: string, userAgent: string | undefined) {
      const { row, user, now } = await openChallenge(challenge, 'enroll');
      const factor = await mfa.findMfa(user.id);
      if (!factor || factor.confirmedAt) throw new AppError('CONFLICT');
      const step = await checkTotp(await totpSecretOf(factor), code, now, factor.lastUsedStep);
      if (step === null) return wrongCode(user, 'totp', 'enrol');
      const recovery = newRecoverySet(user.id);
      const session = await db.transaction(async (tx) => {
        if (!(await mfa.confirmMfa(user.id, now, step, recovery.hashes, tx))) throw new AppError('CONFLICT');
        await audit.record(
          {
            actorId: user.id,
            actorLabel: 'user',
            action: 'auth.mfa_enrolled',
            subjectType: 'user',
            subjectId: user.id,
            meta: { method: 'totp', recoveryCodes: recovery.codes.length },
          },
          tx,
        );
        await mfa.deleteChallenge(row.id, tx);
        return auth.issueSession(user, userAgent, 'totp', tx);
      });
      return { user, ...session, recoveryCodes: recovery.codes };
    },

    /** Step two for an enrolled user: a TOTP code or a recovery code. */
    async verify(challenge: string, submitted: SecondFactor, userAgent: string | undefined) {
      const { row, user, now } = await openChallenge(challenge, 'mfa');
      const factor = await confirmedFactor(user.id);
      // Decrypted before the transaction: PGlite has one connection, so no query may run beside it.
      const secret = submitted.code !== undefined ? await totpSecretOf(factor) : null;
      const result = await db.transaction(async (tx) => {
        const used = await consumeFactor(factor, submitted, secret, now, tx);
        if (!used) return null;
        if (used.method === 'recovery') {
          await audit.record(
            {
              actorId: user.id,
              actorLabel: 'user',
              action: 'auth.recovery_code_used',
              subjectType: 'user',
              subjectId: user.id,
              meta: { context: 'login', left: used.recoveryCodesLeft },
            },
            tx,
          );
        }
        await mfa.deleteChallenge(row.id, tx);
        return { method: used.method, session: await auth.issueSession(user, userAgent, used.method, tx) };
      });
      if (!result) return wrongCode(user, submitted.code !== undefined ? 'totp' : 'recovery', 'login');
      return { user, ...result.session };
    },

    /** Step two with a security key: the options for navigator.credentials.get(). */
    async webauthnLoginOptions(
      challenge: string,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialRequestOptionsJSON> {
      const { row, user } = await openChallenge(challenge, 'mfa');
      const creds = await mfa.listCredentials(user.id);
      if (creds.length === 0) throw new AppError('NOT_FOUND');
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        allowCredentials: creds.map((c) => ({
          id: c.id,
          ...(c.transports ? { transports: c.transports } : {}),
        })),
        userVerification: 'preferred',
        timeout: WEBAUTHN_TIMEOUT_MS,
      });
      await mfa.setWebauthnChallenge(row.id, options.challenge);
      return options;
    },

    async webauthnLoginVerify(
      challenge: string,
      response: AuthenticationResponseJSON,
      rp: RelyingParty,
      userAgent: string | undefined,
    ) {
      const { row, user, now } = await openChallenge(challenge, 'mfa');
      const expected = await mfa.takeWebauthnChallenge(row.id);
      if (!expected) throw new AppError('MFA_INVALID_CODE');
      const cred = await mfa.findCredential(user.id, response.id);
      if (!cred) return wrongCode(user, 'webauthn', 'login');
      let newCounter: number;
      try {
        const r = await verifyAuthenticationResponse({
          response,
          expectedChallenge: expected,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          credential: {
            id: cred.id,
            publicKey: isoBase64URL.toBuffer(cred.publicKey),
            counter: cred.counter,
            ...(cred.transports ? { transports: cred.transports } : {}),
          },
          requireUserVerification: false,
        });
        if (!r.verified) return wrongCode(user, 'webauthn', 'login');
        newCounter = r.authenticationInfo.newCounter;
      } catch (err) {
        if (err instanceof AppError) throw err;
        return wrongCode(user, 'webauthn', 'login');
      }
      const session = await db.transaction(async (tx) => {
        await mfa.credentialUsed(cred.id, newCounter, now, tx);
        await mfa.resetFailedCodes(user.id, tx);
        await mfa.deleteChallenge(row.id, tx);
        return auth.issueSession(user, userAgent, 'webauthn', tx);
      });
      return { user, ...session };
    },

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

    /** What the signed-in user has set up (never the secrets themselves). */
    async status(userId: string) {
      const factor = await mfa.findMfa(userId);
      return {
        totp: {
          enrolled: Boolean(factor?.confirmedAt),
          confirmedAt: factor?.confirmedAt?.toISOString() ?? null,
        },
        recoveryCodesLeft: factor?.confirmedAt ? factor.recoveryCodeHashes.length : 0,
        webauthnCredentials: await mfa.countCredentials(userId),
      };
    },

    /** A new set of ten recovery codes; the old ones stop working. */
    async regenerateRecoveryCodes(userId: string): Promise<string[]> {
      await confirmedFactor(userId);
      const recovery = newRecoverySet(userId);
      await db.transaction(async (tx) => {
        await mfa.setRecoveryCodes(userId, recovery.hashes, tx);
        await audit.record(
          {
            actorId: userId,
            actorLabel: 'user',
            action: 'auth.recovery_codes_regenerated',
            subjectType: 'user',
            subjectId: userId,
            meta: { count: recovery.codes.length },
          },
          tx,
        );
      });
      return recovery.codes;
    },

    /** Security keys: the options for navigator.credentials.create(), bound to this session. */
    async webauthnRegistrationOptions(
      a: Authenticated,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const now = clock.now();
      const creds = await mfa.listCredentials(a.user.id);
      const options = await generateRegistrationOptions({
        rpName: TOTP_ISSUER,
        rpID: rp.rpID,
        userName: a.user.email,
        userDisplayName: a.user.displayName,
        userID: new Uint8Array(Buffer.from(a.user.id.replace(/-/g, ''), 'hex')),
        attestationType: 'none',
        excludeCredentials: creds.map((c) => ({
          id: c.id,
          ...(c.transports ? { transports: c.transports } : {}),
        })),
        authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
        timeout: WEBAUTHN_TIMEOUT_MS,
      });
      const id = registrationChallengeId(a.sessionId);
      await db.transaction(async (tx) => {
        await mfa.deleteChallenge(id, tx);
        await mfa.insertChallenge(
          {
            id,
            userId: a.user.id,
            purpose: 'webauthn_register',
            expiresAt: new Date(now.getTime() + LOGIN_CHALLENGE_MINUTES * 60_000),
            webauthnChallenge: options.challenge,
            createdAt: now,
          },
          tx,
        );
      });
      return options;
    },

    async webauthnRegistrationVerify(
      a: Authenticated,
      response: RegistrationResponseJSON,
      label: string | undefined,
      rp: RelyingParty,
    ) {
      const now = clock.now();
      const id = registrationChallengeId(a.sessionId);
      const row = await mfa.findChallenge(id);
      // One answer per options request, right or wrong.
      await mfa.deleteChallenge(id);
      if (!row || row.userId !== a.user.id || row.expiresAt <= now || !row.webauthnChallenge) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'response', message: 'no registration pending' }],
        });
      }
      let credential;
      try {
        const r = await verifyRegistrationResponse({
          response,
          expectedChallenge: row.webauthnChallenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: false,
        });
        if (!r.verified) throw new Error('not verified');
        credential = r.registrationInfo.credential;
      } catch {
        log.warn(
          { event: 'auth.webauthn_register_failed', userId: a.user.id },
          'security key registration refused',
        );
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'response', message: 'not a valid registration' }],
        });
      }
      if (await mfa.findCredential(a.user.id, credential.id)) throw new AppError('CONFLICT');
      await db.transaction(async (tx) => {
        await mfa.insertCredential(
          {
            id: credential.id,
            userId: a.user.id,
            publicKey: isoBase64URL.fromBuffer(credential.publicKey),
            counter: credential.counter,
            transports: credential.transports ?? null,
            label: label ?? null,
            createdAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorId: a.user.id,
            actorLabel: 'user',
            action: 'auth.webauthn_registered',
            subjectType: 'user',
            subjectId: a.user.id,
          },
          tx,
        );
      });
      const stored = await mfa.findCredential(a.user.id, credential.id);
      return stored!;
    },

    listCredentials: (userId: string) => mfa.listCredentials(userId),

    async deleteCredential(userId: string, credentialId: string): Promise<void> {
      const deleted = await db.transaction(async (tx) => {
        if (!(await mfa.deleteCredential(userId, credentialId, tx))) return false;
        await audit.record(
          {
            actorId: userId,
            actorLabel: 'user',
            action: 'auth.webauthn_removed',
            subjectType: 'user',
            subjectId: userId,
          },
          tx,
        );
        return true;
      });
      if (!deleted) throw new AppError('NOT_FOUND');
    },

    /** Enrol a known TOTP secret directly, already confirmed (demo accounts only; no recovery codes). */
    async enrolKnownTotpSecret(userId: string, secret: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const dataKeyId = await vault.createDataKey('user', tx);
        await mfa.insertConfirmedMfa(
          {
            userId,
            dataKeyId,
            totpSecretEnc: await vault.encrypt(dataKeyId, secret, totpAad(userId), tx),
            confirmedAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorLabel: 'system',
            action: 'auth.mfa_enrolled',
            subjectType: 'user',
            subjectId: userId,
            meta: { method: 'totp', by: 'demo-seed' },
          },
          tx,
        );
      });
    },
  };
}
export type MfaService = ReturnType<typeof createMfaService>;
