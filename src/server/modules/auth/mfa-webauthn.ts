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
import { AppError } from '../../errors.js';
import { LOGIN_CHALLENGE_MINUTES, type Authenticated } from './auth.service.js';
import {
  registrationChallengeId,
  WEBAUTHN_TIMEOUT_MS,
  type MfaCore,
  type MfaDeps,
  type RelyingParty,
} from './mfa-core.js';
import { TOTP_ISSUER } from './totp.js';

/** Security keys (WebAuthn): registering and removing them, and signing in with one as the second step. */
export function createWebauthnMfa(deps: MfaDeps, core: MfaCore) {
  const { db, mfa, audit, clock, log, auth } = deps;
  const { openChallenge, wrongCode } = core;

  return {
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
  };
}
