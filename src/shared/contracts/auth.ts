import { z } from 'zod';
import { roles } from '../permissions.js';

/** Password length rules: the server's hashing and the console's forms check the same numbers. */
export const passwordPolicy = { minLength: 10, maxLength: 200 } as const;

export const loginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    locale: z.enum(['en', 'sw']),
  }),
  csrfToken: z.string(),
});

export const preferencesBody = z.object({ locale: z.enum(['en', 'sw']) });

export const sessionList = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

/** A correct password: no session yet, only a challenge for the second step (valid 5 minutes). */
export const loginStepResponse = z.object({
  status: z.enum(['mfa_required', 'mfa_enrollment_required']),
  challenge: z.string(),
  methods: z.array(z.enum(['totp', 'recovery', 'webauthn'])),
  expiresAt: z.string(),
});

const challenge = z.string().min(16).max(128);
const totpCode = z.string().trim().min(1).max(20);
const recoveryCode = z.string().trim().min(1).max(40);

export const challengeBody = z.object({ challenge });

export const enrolStartResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
  issuer: z.string(),
});

export const enrolConfirmBody = z.object({ challenge, code: totpCode });

/** Shown once, right after enrolment; only their hashes are kept. */
/**
 * 32 random-looking bytes (base64url) bound to the session: the console's offline store key; and the
 * session's idle timeout, after which the console wipes what it kept (docs/adr/0011).
 */
export const offlineKeyResponse = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  idleMinutes: z.number().int().min(1),
});

export const enrolConfirmResponse = meResponse.extend({ recoveryCodes: z.array(z.string()) });

const oneFactor = (v: { code?: string | undefined; recoveryCode?: string | undefined }) =>
  (v.code === undefined) !== (v.recoveryCode === undefined);
const oneFactorMessage = { message: 'give either code or recoveryCode', path: ['code'] };

/** A second factor as the sign-in step sends it: an authenticator code or one recovery code. */
export const secondFactor = z.union([
  z.object({ code: totpCode }).strict(),
  z.object({ recoveryCode }).strict(),
]);
export type SecondFactor = z.infer<typeof secondFactor>;

export const verifyBody = z
  .object({ challenge, code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .refine(oneFactor, oneFactorMessage);

export const reauthBody = z
  .object({
    password: z.string().min(1).max(200),
    code: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .refine(oneFactor, oneFactorMessage);

export const reauthResponse = z.object({ reauthenticatedAt: z.string() });

/** Options for navigator.credentials.create()/get(), passed through as JSON (see @simplewebauthn). */
export const webauthnOptionsResponse = z.looseObject({ challenge: z.string() });

/** A PublicKeyCredential as JSON (what @simplewebauthn/browser's start* functions return). */
export const webauthnCredentialJson = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().max(16_384) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().optional(),
});

export const webauthnLoginVerifyBody = z.object({ challenge, response: webauthnCredentialJson });

export const webauthnRegisterVerifyBody = z.object({
  response: webauthnCredentialJson,
  label: z.string().trim().min(1).max(80).optional(),
});

export const webauthnCredentialView = z.object({
  id: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const webauthnCredentialList = z.object({ credentials: z.array(webauthnCredentialView) });

export const mfaStatusResponse = z.object({
  totp: z.object({ enrolled: z.boolean(), confirmedAt: z.string().nullable() }),
  recoveryCodesLeft: z.number().int(),
  webauthnCredentials: z.number().int(),
});

export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

/** An administrator's view of a user's sessions. */
export const adminSessionList = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      userAgent: z.string().nullable(),
      mfaMethod: z.string().nullable(),
      reauthenticatedAt: z.string().nullable(),
    }),
  ),
});

export const revokedResponse = z.object({ revoked: z.number().int() });
