import { randomInt, timingSafeEqual } from 'node:crypto';
import type { CaseStatus } from '../../../shared/workflow.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from './cases.repo.js';

/**
 * The case a status check answers for: a case closed as a duplicate answers with the case it was merged
 * into (the reporter keeps her reference). Follows at most a few links.
 */
export async function survivorOf<C extends { status: string; duplicateOf: string | null }>(
  cases: { findById(id: string): Promise<C | undefined> },
  c: C,
): Promise<C> {
  let current = c;
  for (let i = 0; i < 3 && current.status === 'duplicate' && current.duplicateOf; i++) {
    const next = await cases.findById(current.duplicateOf);
    if (!next) break;
    current = next;
  }
  return current;
}

/** Unambiguous on a keypad and a screen: no 0/O, 1/I/L. */
const SECRET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const STATUS_SECRET_LENGTH = 4;

/** A reporter's short secret for the public status check: 4 of 31 characters (~920,000 values). */
export function newStatusSecret(): string {
  let s = '';
  for (let i = 0; i < STATUS_SECRET_LENGTH; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

/** What the status check compares: the blind index (HMAC) of reference and secret, never the secret. */
export function statusCheckOf(vault: Pick<Vault, 'blindIndex'>, reference: string, secret: string): string {
  return vault.blindIndex('status', `${reference}-${secret.toUpperCase()}`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The public status check: a reporter's reference and secret suffix give the case's status, nothing
 * more. The reference alone is guessable (references are consecutive), so the secret must match too.
 */
export function createStatusCheck(deps: {
  cases: Pick<CasesRepo, 'findByReference' | 'findById'>;
  vault: Pick<Vault, 'blindIndex'>;
}) {
  const { cases, vault } = deps;
  /**
   * The status of the case, or null. Unknown reference, missing or wrong secret, a case made before
   * secrets existed: all get null, after the same HMAC.
   */
  return async function statusOf(
    reference: string | null,
    secret: string | null,
  ): Promise<CaseStatus | null> {
    const c = reference ? await cases.findByReference(reference) : undefined;
    const check = statusCheckOf(vault, reference ?? 'UA-0000-00000', secret ?? '----');
    const matches = Boolean(c?.statusCheck && secret && sameSecret(check, c.statusCheck));
    return c && matches ? ((await survivorOf(cases, c)).status as CaseStatus) : null;
  };
}
