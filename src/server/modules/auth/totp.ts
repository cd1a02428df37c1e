import { createHash, randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { sha256Hex } from '../../lib/crypto.js';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'Dharura';
export const RECOVERY_CODE_COUNT = 10;

const epochOf = (at: Date) => Math.floor(at.getTime() / 1000);

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/** The code an authenticator shows at `at` (tests, demo tooling). */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: epochOf(at) });
}

/**
 * Check a code against `secret` at `at`, one step of clock drift either way. Returns the matched time
 * step, or null. Steps at or before `afterStep` (already used) never match, so a code cannot be replayed.
 */
export async function checkTotp(
  secret: string,
  code: string,
  at: Date,
  afterStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const r = await verify({
      secret,
      token,
      epoch: epochOf(at),
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    // The functional API also types HOTP results; a TOTP match always carries its time step.
    return r.valid && 'timeStep' in r ? r.timeStep : null;
  } catch {
    return null;
  }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten-character codes (about 49 bits), shown as `xxxxx-xxxxx`; no 0/o/1/l/i to misread. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(10);
    let s = '';
    for (const b of bytes) s += RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length];
    codes.push(`${s.slice(0, 5)}-${s.slice(5)}`);
  }
  return codes;
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Only this hash is stored; it is bound to the user so a copied hash is useless for anyone else. */
export function recoveryCodeHash(userId: string, code: string): string {
  return sha256Hex(`recovery:${userId}:${normaliseRecoveryCode(code)}`);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xfff; // at most 4 leftover bits + 8 new ones
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A fixed, public secret for a demo account: 20 bytes derived from a label. Never for real accounts. */
export function demoTotpSecret(label: string): string {
  return base32(createHash('sha256').update(`dharura-demo-totp:${label}`).digest().subarray(0, 20));
}
