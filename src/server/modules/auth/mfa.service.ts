import { createMfaCore, type MfaDeps } from './mfa-core.js';
import { createReauthentication } from './mfa-reauth.js';
import { createTotpMfa } from './mfa-totp.js';
import { createWebauthnMfa } from './mfa-webauthn.js';

export type { MfaDeps, RelyingParty, SecondFactor } from './mfa-core.js';

/**
 * Second factors: the authenticator app and recovery codes (mfa-totp.ts), security keys
 * (mfa-webauthn.ts) and step-up re-authentication (mfa-reauth.ts), over shared helpers (mfa-core.ts).
 */
export function createMfaService(deps: MfaDeps) {
  const core = createMfaCore(deps);
  const totp = createTotpMfa(deps, core);
  const webauthn = createWebauthnMfa(deps, core);
  const reauth = createReauthentication(deps, core);
  return {
    startEnrolment: totp.startEnrolment,
    confirmEnrolment: totp.confirmEnrolment,
    verify: totp.verify,
    webauthnLoginOptions: webauthn.webauthnLoginOptions,
    webauthnLoginVerify: webauthn.webauthnLoginVerify,
    reauthenticate: reauth.reauthenticate,
    status: totp.status,
    regenerateRecoveryCodes: totp.regenerateRecoveryCodes,
    webauthnRegistrationOptions: webauthn.webauthnRegistrationOptions,
    webauthnRegistrationVerify: webauthn.webauthnRegistrationVerify,
    listCredentials: webauthn.listCredentials,
    deleteCredential: webauthn.deleteCredential,
    enrolKnownTotpSecret: totp.enrolKnownTotpSecret,
  };
}
export type MfaService = ReturnType<typeof createMfaService>;
