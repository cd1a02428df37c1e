import QRCode from 'qrcode';
import { AppError } from '../../errors.js';
import { checkTotp, newTotpSecret, TOTP_ISSUER, totpUri } from './totp.js';
import { totpAad, type MfaCore, type MfaDeps, type SecondFactor } from './mfa-core.js';

/**
 * The authenticator app: enrolment (a new secret, confirmed by its first code, with recovery codes
 * shown once), the second step of sign-in by code or recovery code, status and new recovery codes.
 */
export function createTotpMfa(deps: MfaDeps, core: MfaCore) {
  const { db, mfa, vault, audit, clock, auth } = deps;
  const { openChallenge, totpSecretOf, wrongCode, consumeFactor, confirmedFactor, newRecoverySet } = core;

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
