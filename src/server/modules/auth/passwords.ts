import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1) keeps a login well under 100 ms on the 2-core box.
const production = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// argon2id at its floor (1 MiB, t=1): the same code path at ~1 ms, for test runs that create hundreds of
// users. Only `setPasswordHashCostForTests` selects it, and only under NODE_ENV=test.
const minimal = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;
let options: typeof production | typeof minimal = production;
let dummyHash: Promise<string> | undefined;

/** Test runs only: hash new passwords at the minimal cost (verification reads the cost from the hash). */
export function setPasswordHashCostForTests(cost: 'minimal' | 'production'): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('password hash cost is fixed outside tests');
  options = cost === 'minimal' ? minimal : production;
  dummyHash = undefined;
}

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
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dharura-timing-equaliser');
  return dummyHash;
}

export { passwordPolicy } from '../../../shared/contracts/auth.js';
