/**
 * The offline passcode (docs/adr/0011): after a reload without a network the session's key cannot be
 * fetched from the server, so the user may open the sealed store with a passcode of their own. The
 * session's key bytes are sealed (AES-GCM) under a key derived from the passcode (PBKDF2-SHA-256, a
 * random salt per passcode); only that wrapped copy is kept. Nothing here touches IndexedDB: the store
 * keeps the record; this file makes and opens it (and is tested in Node, which has the same WebCrypto).
 */
export interface PasscodeRecord {
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  /** The session key's 32 bytes, sealed under the passcode's key. */
  wrapped: ArrayBuffer;
  /** Wrong passcodes in a row; at MAX_PASSCODE_FAILURES the store is wiped. */
  failures: number;
}

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; about half a second on a cheap phone. */
export const PASSCODE_ITERATIONS = 600_000;
export const PASSCODE_MIN_LENGTH = 8;
export const MAX_PASSCODE_FAILURES = 5;
const CONTEXT = new TextEncoder().encode('dharura offline passcode v1');

/** After a wrong passcode: the new count, the tries left, and whether the store must now be wiped. */
export function afterWrongPasscode(failures: number): { failures: number; triesLeft: number; wipe: boolean } {
  const next = failures + 1;
  return {
    failures: next,
    triesLeft: Math.max(0, MAX_PASSCODE_FAILURES - next),
    wipe: next >= MAX_PASSCODE_FAILURES,
  };
}

/** Why a passcode is not accepted, or null when it is (the form shows the message). */
export function passcodeProblem(passcode: string, repeat: string): 'tooShort' | 'mismatch' | null {
  if ([...passcode].length < PASSCODE_MIN_LENGTH) return 'tooShort';
  if (passcode !== repeat) return 'mismatch';
  return null;
}

async function passcodeKey(passcode: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passcode.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Seal the session key's bytes under a passcode. */
export async function wrapWithPasscode(
  raw: Uint8Array<ArrayBuffer>,
  passcode: string,
  iterations = PASSCODE_ITERATIONS,
): Promise<PasscodeRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await passcodeKey(passcode, salt, iterations);
  const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: CONTEXT }, key, raw);
  return { salt, iterations, iv, wrapped, failures: 0 };
}

/** The session key's bytes, or null for a wrong passcode (AES-GCM's tag does not verify). */
export async function unwrapWithPasscode(
  record: PasscodeRecord,
  passcode: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await passcodeKey(passcode, record.salt, record.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: CONTEXT },
      key,
      record.wrapped,
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
