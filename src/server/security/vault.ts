import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { bulkInsert, type InsertBatch } from '../db/bulk.js';
import { dataKeys, kekGenerations } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { readKeyDir, type Keyring } from './keyring.js';
import { addKek, refreshKeyState, retireKek, updateKeyState, type Kek } from './keystate.js';

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
const KEK_GENERATION_MS = 24 * 3_600_000;
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

  /** Legacy data keys (before ADR 0007) were wrapped by a master key directly. */
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

  /** The key state as another instance may have left it (one stat per call). */
  function state() {
    ring.state = refreshKeyState(ring, ring.state);
    return ring.state;
  }

  function kekFor(id: string): Kek {
    const kek = state().keks.get(id);
    if (!kek) throw new ShreddedError(`key-encryption key ${id} was destroyed`);
    return kek;
  }

  /** Bounded: every new case adds a key, so under intake load the oldest entries make room. */
  function remember(id: string, key: Buffer): void {
    cache.delete(id);
    while (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(id, { key, at: Date.now() });
  }

  function unwrap(row: typeof dataKeys.$inferSelect): Buffer {
    if (!row.wrappedKey || row.destroyedAt) throw new ShreddedError(`data key ${row.id} was destroyed`);
    if (row.kekId) return open(kekFor(row.kekId).key, row.wrappedKey, `data-key:${row.id}`);
    return open(masterFor(row.masterKeyId!).key, row.wrappedKey, `data-key:${row.id}`);
  }

  async function dataKey(id: string, tx: Executor = db): Promise<Buffer> {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.key;
    const [row] = await tx.select().from(dataKeys).where(eq(dataKeys.id, id));
    if (!row) throw new ShreddedError(`data key ${id} does not exist`);
    if (state().shredded.has(id)) throw new ShreddedError(`data key ${id} was destroyed`);
    const key = unwrap(row);
    remember(id, key);
    return key;
  }

  /** A new data key, wrapped under the current KEK. The id is made here: it is the wrap's AAD. */
  function newDataKey(scope: string, kek: Kek) {
    const id = randomUUID();
    const key = randomBytesFromBlock(32);
    const row = {
      id,
      scope,
      kekId: kek.id,
      wrappedKey: seal(kek.key, key, `data-key:${id}`),
    };
    return { id, key, row };
  }

  /**
   * The KEK new data keys are wrapped under. A generation lasts a day at most, so a shred re-wraps one
   * day's keys, not the whole table.
   */
  function currentKek(): Kek {
    const now = Date.now();
    const young = (k: Kek) => now - Date.parse(k.createdAt) < KEK_GENERATION_MS;
    if (young(state().current)) return ring.state.current;
    ring.state = updateKeyState(ring, (s) => {
      if (!young(s.current)) addKek(s);
    });
    return ring.state.current;
  }

  /**
   * The KEK's id in the database, which data keys refer to. Registering again never revives a retired
   * generation (`retired_at` stays set), and a trigger refuses data keys wrapped under a retired one.
   */
  const registerKek = (kek: Kek) =>
    sql`insert into ${kekGenerations} (id) values (${kek.id}) on conflict do nothing`;

  /** Re-wrap these rows (all wrapped under `old`) under `to`, in one statement. */
  async function rewrap(rows: (typeof dataKeys.$inferSelect)[], old: Kek, to: Kek, tx: Executor) {
    const moved = rows.map((row) => ({
      id: row.id,
      w: seal(to.key, open(old.key, row.wrappedKey!, `data-key:${row.id}`), `data-key:${row.id}`),
    }));
    await tx.execute(
      sql`update ${dataKeys} set wrapped_key = v.w, kek_id = ${to.id}, rotated_at = now()
          from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as v(id uuid, w text)
          where ${dataKeys.id} = v.id and ${dataKeys.kekId} = ${old.id}`,
    );
  }

  const liveUnder = (from: string, tx: Executor, limit = 500) =>
    tx
      .select()
      .from(dataKeys)
      .where(and(eq(dataKeys.kekId, from), isNull(dataKeys.destroyedAt), isNotNull(dataKeys.wrappedKey)))
      .limit(limit);

  /**
   * Move every live data key wrapped under `from` (a KEK id) to `to`, then destroy `from`. The last step
   * marks the generation retired in the database first: that waits for any transaction still inserting
   * a data key under it (the trigger holds its row FOR SHARE) and refuses new ones; the keys those
   * transactions committed are re-wrapped in the same transaction. Only then is the KEK removed from
   * the key state, so no data key can be left wrapped under a destroyed KEK.
   */
  async function drainKek(from: string, to: Kek): Promise<number> {
    const old = state().keks.get(from);
    let moved = 0;
    if (old) {
      for (;;) {
        const batch = await liveUnder(from, db);
        if (batch.length === 0) break;
        await db.transaction((tx) => rewrap(batch, old, to, tx));
        moved += batch.length;
      }
      await db.transaction(async (tx) => {
        await tx.execute(sql`update ${kekGenerations} set retired_at = now() where id = ${from}`);
        for (;;) {
          const late = await liveUnder(from, tx);
          if (late.length === 0) break;
          await rewrap(late, old, to, tx);
          moved += late.length;
        }
      });
    } else if ((await liveUnder(from, db, 1)).length > 0) {
      throw new Error(`KEK ${from} is gone but data keys still need it`);
    }
    ring.state = updateKeyState(ring, (s) => {
      if (s.keks.has(from)) retireKek(s, from);
      s.draining.delete(from);
    });
    return moved;
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
      if (count === 0) return [];
      const kek = currentKek();
      const made = Array.from({ length: count }, () => newDataKey(scope, kek));
      const rows = made.map((m) => m.row);
      if (batch) {
        batch.statement(registerKek(kek));
        batch.insert(dataKeys, rows);
      } else {
        await tx.execute(registerKek(kek));
        await bulkInsert(tx, dataKeys, rows);
      }
      for (const m of made) remember(m.id, m.key);
      return made.map((m) => m.id);
    },

    async encrypt(dataKeyId: string, plaintext: string, aad: string, tx?: Executor): Promise<string> {
      return seal(await dataKey(dataKeyId, tx), Buffer.from(plaintext, 'utf8'), aad);
    },

    async decrypt(dataKeyId: string, sealed: string, aad: string, tx?: Executor): Promise<string> {
      return open(await dataKey(dataKeyId, tx), sealed, aad).toString('utf8');
    },

    /** Seal bytes (an evidence segment): `iv ‖ ciphertext ‖ tag`, AES-256-GCM under the data key. */
    async sealBytes(dataKeyId: string, plaintext: Buffer, aad: string): Promise<Buffer> {
      const key = await dataKey(dataKeyId);
      const iv = randomBytesFromBlock(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(aad));
      return Buffer.concat([iv, c.update(plaintext), c.final(), c.getAuthTag()]);
    },

    /** Open what `sealBytes` made; throws when a byte was changed or the AAD does not match. */
    async openBytes(dataKeyId: string, sealed: Buffer, aad: string): Promise<Buffer> {
      const key = await dataKey(dataKeyId);
      if (sealed.length < 28) throw new Error('sealed segment too short');
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
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

    /**
     * Crypto-shred data keys (ADR 0007). The ids go into the shred register and a new KEK becomes
     * current; then, in one transaction, the data keys' rows lose their wrapped key (and `work` clears
     * what else the caller holds: ciphertexts, blind indexes). Only after that commits are the other data
     * keys of the same KEK generations re-wrapped under the new KEK and the old KEKs destroyed — the
     * only copies of them are in the key state file, outside the database, so the old wrapped keys left
     * in dead tuples, the WAL or a copy of the database files cannot be opened by anyone.
     */
    async shred(
      dataKeyIds: string[],
      reason: string,
      at: Date,
      work?: (tx: Executor) => Promise<void>,
    ): Promise<void> {
      if (dataKeyIds.length === 0) return;
      const affected = await db
        .selectDistinct({ kekId: dataKeys.kekId })
        .from(dataKeys)
        .where(and(inArray(dataKeys.id, dataKeyIds), isNotNull(dataKeys.kekId)));
      let next!: Kek;
      // The register first: if anything below fails, the keys are already refused everywhere.
      ring.state = updateKeyState(ring, (s) => {
        for (const id of dataKeyIds) s.shredded.add(id);
        for (const { kekId } of affected) s.draining.add(kekId!);
        next = addKek(s);
      });
      for (const id of dataKeyIds) cache.delete(id);
      await db.execute(registerKek(next));
      const locked = await db.transaction(async (tx) => {
        // Locked: a concurrent shred elsewhere may have re-wrapped one of them under another KEK since.
        const rows = await tx
          .select({ kekId: dataKeys.kekId })
          .from(dataKeys)
          .where(inArray(dataKeys.id, dataKeyIds))
          .for('update');
        await tx
          .update(dataKeys)
          .set({ wrappedKey: null, kekId: null, destroyedAt: at, destroyReason: reason })
          .where(inArray(dataKeys.id, dataKeyIds));
        await work?.(tx);
        return rows;
      });
      const missed = locked.filter((r) => r.kekId && !affected.some((a) => a.kekId === r.kekId));
      if (missed.length > 0) {
        ring.state = updateKeyState(ring, (s) => {
          for (const { kekId } of missed) if (s.keks.has(kekId!)) s.draining.add(kekId!);
        });
      }
      await this.finishShreds();
    },

    /** Finish shreds (also one a crash interrupted): drain and destroy the KEKs marked draining. */
    async finishShreds(): Promise<void> {
      const s = state();
      for (const id of [...s.draining]) await drainKek(id, s.current);
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
     * Move data keys still wrapped by a master key (made before ADR 0007) under the current KEK, in
     * batches, while the app keeps serving: readers unwrap with whatever a row names.
     */
    async rewrapAll(onProgress?: (done: number) => void): Promise<number> {
      let done = 0;
      const kek = state().current;
      await db.execute(registerKek(kek));
      for (;;) {
        const batch = await db
          .select()
          .from(dataKeys)
          .where(and(isNull(dataKeys.kekId), isNull(dataKeys.destroyedAt), isNotNull(dataKeys.wrappedKey)))
          .limit(500);
        if (batch.length === 0) return done;
        for (const row of batch) {
          const key = unwrap(row);
          await db
            .update(dataKeys)
            .set({
              wrappedKey: seal(kek.key, key, `data-key:${row.id}`),
              kekId: kek.id,
              masterKeyId: null,
              rotatedAt: new Date(),
            })
            .where(and(eq(dataKeys.id, row.id), isNull(dataKeys.kekId)));
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
