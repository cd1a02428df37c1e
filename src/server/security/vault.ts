import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { bulkInsert, type InsertBatch } from '../db/bulk.js';
import { dataKeys } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { appendShredRegister, readKeyDir, type Keyring } from './keyring.js';

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

/**
 * CSPRNG output fetched a block at a time (as `randomUUID` does): intake needs a fresh IV per field and a
 * fresh key per case, and one call per value costs more than the encryption. Bytes are never reused.
 */
const entropy = { block: Buffer.alloc(0), at: 0 };
function randomBytesFromBlock(n: number): Buffer {
  if (entropy.at + n > entropy.block.length) {
    entropy.block = randomBytes(4096);
    entropy.at = 0;
  }
  // A copy: a key kept in the cache must not keep the whole block alive.
  const out = Buffer.from(entropy.block.subarray(entropy.at, entropy.at + n));
  entropy.at += n;
  return out;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytesFromBlock(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return `v1.${b64(iv)}.${b64(ct)}.${b64(c.getAuthTag())}`;
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [v, iv, ct, tag] = sealed.split('.');
  if (v !== 'v1' || !iv || ct === undefined || !tag) throw new Error('not a Dharura ciphertext');
  const d = createDecipheriv('aes-256-gcm', key, unb64(iv));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(unb64(tag));
  return Buffer.concat([d.update(unb64(ct)), d.final()]);
}

/** Thrown when data was crypto-shredded: its key no longer exists anywhere. */
export class ShreddedError extends Error {
  override name = 'ShreddedError';
}

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 5_000;

/**
 * Envelope encryption: a random AES-256 data key per case (or person), wrapped by the current master
 * key and stored in `data_keys`. Field values are sealed with AES-256-GCM, bound by AAD to where they
 * belong so a ciphertext cannot be moved to another row or column.
 */
export function createVault(db: Executor, ring: Keyring) {
  // Short-lived cache so a busy case does not unwrap its key on every read; the TTL bounds how long a
  // shredded key can linger in another instance's memory.
  const cache = new Map<string, { key: Buffer; at: number }>();

  function masterFor(id: string) {
    let mk = ring.byId.get(id);
    if (!mk && ring.dir) {
      // Another process may have rotated: pick up new key files without a restart.
      const fresh = readKeyDir(ring.dir);
      for (const [k, v] of fresh.byId) ring.byId.set(k, v);
      ring.current = fresh.current;
      mk = ring.byId.get(id);
    }
    if (!mk) throw new Error(`master key ${id} is not in the keyring`);
    return mk;
  }

  /** Bounded: every new case adds a key, so under intake load the oldest entries make room. */
  function remember(id: string, key: Buffer): void {
    cache.delete(id);
    while (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(id, { key, at: Date.now() });
  }

  async function dataKey(id: string, tx: Executor = db): Promise<Buffer> {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.key;
    const [row] = await tx.select().from(dataKeys).where(eq(dataKeys.id, id));
    if (!row) throw new ShreddedError(`data key ${id} does not exist`);
    if (!row.wrappedKey || row.destroyedAt) throw new ShreddedError(`data key ${id} was destroyed`);
    const key = open(masterFor(row.masterKeyId).key, row.wrappedKey, `data-key:${id}`);
    remember(id, key);
    return key;
  }

  /** A new data key, wrapped under the current master key. The id is made here: it is the wrap's AAD. */
  function newDataKey(scope: string) {
    const id = randomUUID();
    const key = randomBytesFromBlock(32);
    const row = {
      id,
      scope,
      masterKeyId: ring.current.id,
      wrappedKey: seal(ring.current.key, key, `data-key:${id}`),
    };
    return { id, key, row };
  }

  return {
    async createDataKey(scope: string, tx: Executor = db): Promise<string> {
      const [id] = await this.createDataKeys(scope, 1, tx);
      return id!;
    },

    /**
     * `count` new data keys in one statement (intake makes one per case, a batch at a time); with `batch`,
     * their rows join that batch's statement instead.
     */
    async createDataKeys(
      scope: string,
      count: number,
      tx: Executor = db,
      batch?: InsertBatch,
    ): Promise<string[]> {
      const made = Array.from({ length: count }, () => newDataKey(scope));
      if (made.length === 0) return [];
      const rows = made.map((m) => m.row);
      if (batch) batch.insert(dataKeys, rows);
      else await bulkInsert(tx, dataKeys, rows);
      for (const m of made) remember(m.id, m.key);
      return made.map((m) => m.id);
    },

    async encrypt(dataKeyId: string, plaintext: string, aad: string, tx?: Executor): Promise<string> {
      return seal(await dataKey(dataKeyId, tx), Buffer.from(plaintext, 'utf8'), aad);
    },

    async decrypt(dataKeyId: string, sealed: string, aad: string, tx?: Executor): Promise<string> {
      return open(await dataKey(dataKeyId, tx), sealed, aad).toString('utf8');
    },

    async encryptOptional(dataKeyId: string, value: string | null | undefined, aad: string, tx?: Executor) {
      return value === null || value === undefined || value === ''
        ? null
        : this.encrypt(dataKeyId, value, aad, tx);
    },

    async decryptOptional(dataKeyId: string, sealed: string | null, aad: string, tx?: Executor) {
      if (!sealed) return null;
      try {
        return await this.decrypt(dataKeyId, sealed, aad, tx);
      } catch (err) {
        if (err instanceof ShreddedError) return null;
        throw err;
      }
    },

    /** Crypto-shred: the key material is overwritten, so every ciphertext under it is noise. */
    async destroyDataKey(dataKeyId: string, reason: string, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(dataKeys)
        .set({ wrappedKey: null, destroyedAt: at, destroyReason: reason })
        .where(eq(dataKeys.id, dataKeyId));
      cache.delete(dataKeyId);
      appendShredRegister(ring, dataKeyId);
    },

    async isDestroyed(dataKeyId: string, tx: Executor = db): Promise<boolean> {
      const [row] = await tx
        .select({ d: dataKeys.destroyedAt })
        .from(dataKeys)
        .where(eq(dataKeys.id, dataKeyId));
      return !row || row.d !== null;
    },

    /** HMAC blind index for exact lookups (phone numbers) without storing the value. */
    blindIndex(kind: string, normalisedValue: string): string {
      return createHmac('sha256', ring.blindIndexKey)
        .update(`${kind}:${normalisedValue}`)
        .digest('base64url');
    },

    /**
     * Re-wrap every live data key under the current master key, in batches, while the app keeps
     * serving: readers unwrap with whichever master key a row names, so there is no window of failure.
     */
    async rewrapAll(onProgress?: (done: number) => void): Promise<number> {
      let done = 0;
      for (;;) {
        const batch = await db
          .select()
          .from(dataKeys)
          .where(
            and(
              ne(dataKeys.masterKeyId, ring.current.id),
              isNull(dataKeys.destroyedAt),
              isNotNull(dataKeys.wrappedKey),
            ),
          )
          .limit(500);
        if (batch.length === 0) return done;
        for (const row of batch) {
          const key = open(masterFor(row.masterKeyId).key, row.wrappedKey!, `data-key:${row.id}`);
          await db
            .update(dataKeys)
            .set({
              wrappedKey: seal(ring.current.key, key, `data-key:${row.id}`),
              masterKeyId: ring.current.id,
              rotatedAt: new Date(),
            })
            .where(and(eq(dataKeys.id, row.id), eq(dataKeys.masterKeyId, row.masterKeyId)));
          done += 1;
        }
        onProgress?.(done);
      }
    },

    keyring: ring,
  };
}
export type Vault = ReturnType<typeof createVault>;

export function requireNotShredded(err: unknown): never {
  if (err instanceof ShreddedError) throw new AppError('NOT_FOUND');
  throw err;
}
