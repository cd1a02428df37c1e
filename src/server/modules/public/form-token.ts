import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../lib/crypto.js';
import type { Clock } from '../../lib/clock.js';

/**
 * A signed, time-bound form token (ADR 0005): `<issuedAt ms>.<nonce>.<HMAC>`. A person needs more than a
 * few seconds to fill in the form; a bot that fetches and posts at once does not, and a token cannot be
 * minted without the server key. Nothing is stored.
 */
export const TOKEN_MIN_AGE_MS = 3_000;
export const TOKEN_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export type TokenCheck = 'ok' | 'too_fresh' | 'expired' | 'invalid';

export interface FormTokens {
  issue(): string;
  check(token: string): TokenCheck;
  /** The token is genuine (whatever its age): safe to hand back to the same form. */
  isGenuine(token: string): boolean;
}

export function createFormTokens(key: Buffer, clock: Clock): FormTokens {
  // A distinct prefix keeps these MACs apart from the blind indexes made with the same key.
  const mac = (payload: string) =>
    createHmac('sha256', key).update(`form-token:${payload}`).digest('base64url');
  const parse = (token: string): { issuedAt: number } | null => {
    const parts = token.split('.');
    if (parts.length !== 3 || !/^\d{1,15}$/.test(parts[0]!) || !/^[\w-]{16}$/.test(parts[1]!)) return null;
    const payload = `${parts[0]}.${parts[1]}`;
    return safeEqual(parts[2]!, mac(payload)) ? { issuedAt: Number(parts[0]) } : null;
  };
  return {
    issue() {
      const payload = `${clock.now().getTime()}.${randomBytes(12).toString('base64url')}`;
      return `${payload}.${mac(payload)}`;
    },
    check(token) {
      const parsed = parse(token);
      if (!parsed) return 'invalid';
      const age = clock.now().getTime() - parsed.issuedAt;
      if (age < TOKEN_MIN_AGE_MS) return 'too_fresh';
      if (age > TOKEN_MAX_AGE_MS) return 'expired';
      return 'ok';
    },
    isGenuine(token) {
      return parse(token) !== null;
    },
  };
}
