import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1) keeps a login well under 100 ms on the 2-core box.
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so timing does not reveal which emails are real. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dharura-timing-equaliser');
  return dummyHash;
}

export { passwordPolicy } from '../../../shared/contracts/auth.js';
