import { api } from '../../api/client.js';
import { OFFLINE_DB, whenWiped } from './wipe.js';

/**
 * The console's offline store (docs/adr/0011): IndexedDB, every value sealed with AES-GCM under a key that is
 * never extractable and never stored. The key is derived by the server from the session
 * (GET /api/me/offline-key) and imported once per page: a reload gets the same key back while the
 * session lives; after sign-out or the idle timeout nobody can get it, so what was kept is unreadable.
 * Metadata needed to show the outbox without the key (an item's kind and state) is kept in clear; the
 * content of every write and every cached answer is sealed.
 */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

export type Store = 'outbox' | 'cache';

let key: CryptoKey | null = null;
let unlocking: Promise<CryptoKey> | null = null;
whenWiped(() => {
  key = null;
  unlocking = null;
  dbPromise = null;
});

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The session's key, fetched and imported once (needs the network the first time in a page). */
export function unlock(): Promise<CryptoKey> {
  if (key) return Promise.resolve(key);
  unlocking ??= api<{ key: string }>('/api/me/offline-key')
    .then((r) => {
      const raw = fromBase64Url(r.key);
      const imported = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
      raw.fill(0);
      return imported;
    })
    .then((k) => (key = k))
    .finally(() => {
      unlocking = null;
    });
  return unlocking;
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
    const req = indexedDB.open(OFFLINE_DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('outbox', { keyPath: 'id' });
      req.result.createObjectStore('cache', { keyPath: 'key' });
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
