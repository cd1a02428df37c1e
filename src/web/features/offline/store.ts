import { api } from '../../api/client.js';
import { afterWrongPasscode, unwrapWithPasscode, wrapWithPasscode, type PasscodeRecord } from './passcode.js';
import { OFFLINE_DB, whenWiped, wipeOfflineStore } from './wipe.js';

/**
 * The console's offline store (docs/adr/0011): IndexedDB, every value sealed with AES-GCM under a key that is
 * never extractable and never stored. The key is derived by the server from the session
 * (GET /api/me/offline-key) and imported once per page: a reload gets the same key back while the
 * session lives; after sign-out or the idle timeout nobody can get it, so what was kept is unreadable.
 * A reload without a network opens it with the user's offline passcode instead (passcode.ts), if they
 * set one. Metadata needed to show the outbox without the key (an item's kind and state) is kept in clear; the
 * content of every write and every cached answer is sealed.
 */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** `meta` is in clear: the idle timeout, the last activity, the passcode-wrapped key (passcode.ts). */
export type Store = 'outbox' | 'cache' | 'meta';

let key: CryptoKey | null = null;
let unlocking: Promise<CryptoKey> | null = null;
whenWiped(() => {
  key = null;
  unlocking = null;
  idleMs = null;
  dbPromise = null;
});

export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

interface OfflineKey {
  key: string;
  idleMinutes: number;
}

/** The session's idle timeout as the server last said (kept in the clear `meta` store as well). */
let idleMs: number | null = null;

async function importRaw(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** The session's key, fetched and imported once (needs the network the first time in a page). */
export function unlock(): Promise<CryptoKey> {
  if (key) return Promise.resolve(key);
  unlocking ??= api<OfflineKey>('/api/me/offline-key')
    .then(async (r) => {
      idleMs = r.idleMinutes * 60_000;
      await putMeta({ key: 'idle', idleMs });
      return importRaw(fromBase64Url(r.key));
    })
    .then((k) => (key = k))
    .finally(() => {
      unlocking = null;
    });
  return unlocking;
}

/** The idle timeout in force (null before the store was ever unlocked in this browser). */
export async function idleTimeoutMs(): Promise<number | null> {
  if (idleMs !== null) return idleMs;
  const kept = await getMeta<{ idleMs: number }>('idle');
  idleMs = kept?.idleMs ?? null;
  return idleMs;
}

/**
 * Keep a passcode-sealed copy of the session's key, so the console opens after a reload without a
 * network (passcode.ts). Online only: the key's bytes are fetched again (the imported key is never
 * extractable) and zeroed once wrapped.
 */
export async function setPasscode(passcode: string): Promise<void> {
  const r = await api<OfflineKey>('/api/me/offline-key');
  const raw = fromBase64Url(r.key);
  try {
    const record = await wrapWithPasscode(raw, passcode);
    await putMeta({ key: 'passcode', ...record });
  } finally {
    raw.fill(0);
  }
}

export async function hasPasscode(): Promise<boolean> {
  return (await getMeta<PasscodeRecord>('passcode').catch(() => undefined)) !== undefined;
}

/**
 * Open the store with the passcode (a reload offline). A wrong passcode counts; the fifth in a row
 * wipes the store. Answers what happened, so the form can say how many tries are left.
 */
export async function unlockWithPasscode(
  passcode: string,
): Promise<{ ok: true } | { ok: false; triesLeft: number }> {
  const record = await getMeta<PasscodeRecord & { key: string }>('passcode');
  if (!record) return { ok: false, triesLeft: 0 };
  const raw = await unwrapWithPasscode(record, passcode);
  if (!raw) {
    const wrong = afterWrongPasscode(record.failures);
    if (wrong.wipe) {
      wipeOfflineStore();
      return { ok: false, triesLeft: 0 };
    }
    await putMeta({ ...record, failures: wrong.failures });
    return { ok: false, triesLeft: wrong.triesLeft };
  }
  if (record.failures > 0) await putMeta({ ...record, failures: 0 });
  key = await importRaw(raw);
  return { ok: true };
}

export function isUnlocked(): boolean {
  return key !== null;
}

const encoder = new TextEncoder();

/** Seal a JSON value, bound to `context` (the record it belongs to) as additional data. */
export async function seal(value: unknown, context: string): Promise<Sealed> {
  const k = await unlock();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    k,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data };
}

/** Seal bytes (a photo) as they are, bound to `context`. */
export async function sealBytes(bytes: ArrayBuffer, context: string): Promise<Sealed> {
  const k = await unlock();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    k,
    bytes,
  );
  return { iv, data };
}

export async function openBytes(sealed: Sealed, context: string): Promise<Uint8Array> {
  const k = await unlock();
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(context) },
      k,
      sealed.data,
    ),
  );
}

export async function open<T>(sealed: Sealed, context: string): Promise<T> {
  const k = await unlock();
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(context) },
    k,
    sealed.data,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(OFFLINE_DB, 2);
    req.onupgradeneeded = () => {
      const names = req.result.objectStoreNames;
      if (!names.contains('outbox')) req.result.createObjectStore('outbox', { keyPath: 'id' });
      if (!names.contains('cache')) req.result.createObjectStore('cache', { keyPath: 'key' });
      if (!names.contains('meta')) req.result.createObjectStore('meta', { keyPath: 'key' });
    };
    req.onsuccess = () => {
      // A wipe (another tab's sign-out) must not wait on this connection.
      req.result.onversionchange = () => {
        req.result.close();
        dbPromise = null;
      };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
  return dbPromise;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

export async function put(store: Store, value: object): Promise<void> {
  const tx = (await db()).transaction(store, 'readwrite');
  await done(tx.objectStore(store).put(value));
}

export async function get<T>(store: Store, id: string): Promise<T | undefined> {
  const tx = (await db()).transaction(store, 'readonly');
  return (await done(tx.objectStore(store).get(id))) as T | undefined;
}

export async function all<T>(store: Store): Promise<T[]> {
  const tx = (await db()).transaction(store, 'readonly');
  return (await done(tx.objectStore(store).getAll())) as T[];
}

export async function remove(store: Store, id: string): Promise<void> {
  const tx = (await db()).transaction(store, 'readwrite');
  await done(tx.objectStore(store).delete(id));
}

export function putMeta(value: { key: string } & Record<string, unknown>): Promise<void> {
  return put('meta', value);
}

export function getMeta<T>(name: string): Promise<T | undefined> {
  return get<T>('meta', name);
}
