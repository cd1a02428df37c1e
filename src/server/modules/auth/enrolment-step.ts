import type { Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { LOGIN_CHALLENGE_MINUTES, type LoginStep } from './auth.service.js';
import type { MfaRepo } from './mfa.repo.js';

/**
 * Step two for someone who just chose their password (an accepted invitation, the first administrator):
 * the same short-lived enrolment challenge a first sign-in gets, so the page goes straight on to the
 * authenticator app (POST /api/auth/mfa/enroll/start, then /confirm) and no session exists before it.
 */
export function createEnrolmentStep(deps: { mfa: Pick<MfaRepo, 'insertChallenge'>; clock: Clock }) {
  return async function enrolmentStep(userId: string, tx: Executor): Promise<LoginStep> {
    const now = deps.clock.now();
    const challenge = randomToken();
    const expiresAt = new Date(now.getTime() + LOGIN_CHALLENGE_MINUTES * 60_000);
    await deps.mfa.insertChallenge(
      { id: sha256Hex(challenge), userId, purpose: 'enroll', expiresAt, createdAt: now },
      tx,
    );
    return { status: 'mfa_enrollment_required', challenge, methods: ['totp'], expiresAt };
  };
}
export type EnrolmentStep = ReturnType<typeof createEnrolmentStep>;
