import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Database } from '../db/client.js';
import { appendBlobs, blobManifest, restoreBlobs, type BlobEntry } from './backup-blobs.js';
import { readShredRegister, type Keyring } from './keyring.js';
import { refreshKeyState } from './keystate.js';

/**
 * Encrypted, integrity-checked logical backups. The whole dump is gzip'd JSON, sealed with AES-256-GCM
 * under a key derived (HKDF) from the current master key; the header names that key and carries the
 * SHA-256 of the plaintext. Field ciphertexts stay as they are inside, so a backup is encrypted twice.
 * The body also carries the key-encryption keys its data keys are wrapped under (ADR 0007): a backup
 * restores on its own with the master key, and a restore re-wraps every data key under the live KEK,
 * except those the shred register names. Version 2 adds the evidence blob store after the sealed body
 * (ciphertext as it lies on disk, `backup-blobs.ts`); version 1 files still restore.
 */
const MAGIC_V1 = Buffer.from('DHARURA-BACKUP-1\n');
const MAGIC = Buffer.from('DHARURA-BACKUP-2\n');

/** Tables never backed up: live sessions and half-finished sign-ins are not worth restoring. */
const SKIPPED = new Set(['sessions', 'login_challenges', '__drizzle_migrations']);

export class BackupError extends Error {
  override name = 'BackupError';
}

interface BackupHeader {
  format: 'dharura-backup';
  version: 1 | 2;
  createdAt: string;
  /** Version 2: bytes of the sealed body (plaintext length under GCM), then its tag, then the blobs. */
  bodyBytes?: number;
  masterKeyId: string;
  sha256: string;
  tables: { name: string; rows: number }[];
}

function backupKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dharura-backup-v1', 32));
}

/** Application tables in an order that satisfies foreign keys (parents first). */
const WRAP_AAD = (id: string) => Buffer.from(`data-key:${id}`);
const unb64 = (v: string) => Buffer.from(v, 'base64url');
const b64 = (b: Buffer) => b.toString('base64url');

function unwrapKey(key: Buffer, wrapped: string, id: string): Buffer {
  const [v, iv, ct, tag] = wrapped.split('.');
  if (v !== 'v1' || !iv || ct === undefined || !tag) throw new BackupError(`data key ${id} is malformed`);
  const d = createDecipheriv('aes-256-gcm', key, unb64(iv));
  d.setAAD(WRAP_AAD(id));
  d.setAuthTag(unb64(tag));
  return Buffer.concat([d.update(unb64(ct)), d.final()]);
}

function wrapKey(key: Buffer, plain: Buffer, id: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(WRAP_AAD(id));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return `v1.${b64(iv)}.${b64(ct)}.${b64(c.getAuthTag())}`;
}

async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.query<{ t: string }>(
      "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
  ).rows
    .map((r) => r.t)
    .filter((t) => !SKIPPED.has(t));
  const deps = (
    await database.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
    )
  ).rows;
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size > 0) {
    const ready = [...pending].filter((t) =>
      deps.every((d) => d.child !== t || d.parent === t || !pending.has(d.parent)),
    );
    if (ready.length === 0) throw new BackupError('circular foreign keys between tables');
    for (const t of ready.sort()) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

export interface BackupOptions {
  /** The evidence blob store's root (DATA_DIR/evidence): its sealed blobs go into the backup as they are. */
  blobRoot?: string;
}

export async function writeBackup(
  database: Database,
  ring: Keyring,
  file: string,
  onProgress?: (table: string, rows: number) => void,
  opts: BackupOptions = {},
): Promise<BackupHeader> {
  const data: Record<string, unknown[]> = {};
  const tables: BackupHeader['tables'] = [];
  // The KEKs as before and after the tables were read: a shred running meanwhile moves data keys to a
  // new KEK and destroys the old one, and the backup needs whichever each row names.
  ring.state = refreshKeyState(ring, ring.state);
  const keks = new Map(ring.state.keks);
  for (const t of await tablesInDependencyOrder(database)) {
    const rows = (await database.query(`select * from "${t}"`)).rows;
    data[t] = rows;
    tables.push({ name: t, rows: rows.length });
    onProgress?.(t, rows.length);
  }
  ring.state = refreshKeyState(ring, ring.state);
  for (const [id, k] of ring.state.keks) keks.set(id, k);
  const needed = new Set(
    ((data.data_keys ?? []) as { kek_id?: string | null }[]).map((r) => r.kek_id).filter(Boolean),
  );
  const carried = [...needed].map((id) => {
    const k = keks.get(id!);
    if (!k)
      throw new BackupError('the keys changed while the backup was written (a shred ran): run it again');
    return { id: k.id, key: k.key.toString('base64') };
  });
  // Blobs are listed after the tables: every blob a row names was written before its row committed.
  const blobs = opts.blobRoot ? await blobManifest(opts.blobRoot) : [];
  if (opts.blobRoot) onProgress?.('evidence blobs', blobs.length);
  const plain = gzipSync(Buffer.from(JSON.stringify({ tables: data, keks: carried, blobs })));
  const header: BackupHeader = {
    format: 'dharura-backup',
    version: 2,
    bodyBytes: plain.length,
    createdAt: new Date().toISOString(),
    masterKeyId: ring.current.id,
    sha256: createHash('sha256').update(plain).digest('hex'),
    tables,
  };
  const headerBuf = Buffer.from(JSON.stringify(header));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', backupKey(ring.current.key), iv);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(headerBuf.length);
  // The header is authenticated too: changing a table count or key id breaks the tag.
  cipher.setAAD(headerBuf);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  writeFileSync(file, Buffer.concat([MAGIC, len, headerBuf, iv, body, cipher.getAuthTag()]), { mode: 0o600 });
  if (opts.blobRoot) await appendBlobs(file, opts.blobRoot, blobs);
  return header;
}

export function readBackup(
  file: string,
  ring: Keyring,
): {
  header: BackupHeader;
  tables: Record<string, Record<string, unknown>[]>;
  keks: { id: string; key: string }[];
  blobs: BlobEntry[];
  /** Where the blob bytes start in the file (they follow each other in manifest order). */
  blobsAt: number;
} {
  const { buf, headerBuf, header, off, total } = readHead(file);
  const mk = ring.byId.get(header.masterKeyId);
  if (!mk)
    throw new BackupError(
      `backup was made with master key ${header.masterKeyId}, which is not in this keyring`,
    );
  const iv = buf.subarray(off, off + 12);
  const bodyEnd = header.version === 2 ? off + 12 + (header.bodyBytes ?? 0) : buf.length - 16;
  const tag = buf.subarray(bodyEnd, bodyEnd + 16);
  const body = buf.subarray(off + 12, bodyEnd);
  if (tag.length !== 16 || bodyEnd + 16 > total)
    throw new BackupError('backup integrity check failed: the file is cut short');
  const d = createDecipheriv('aes-256-gcm', backupKey(mk.key), iv);
  d.setAAD(headerBuf);
  d.setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([d.update(body), d.final()]);
  } catch {
    throw new BackupError('backup integrity check failed: the file was changed or is damaged');
  }
  if (createHash('sha256').update(plain).digest('hex') !== header.sha256) {
    throw new BackupError('backup integrity check failed: checksum mismatch');
  }
  const parsed = JSON.parse(gunzipSync(plain).toString()) as {
    tables: Record<string, Record<string, unknown>[]>;
    keks?: { id: string; key: string }[];
    blobs?: BlobEntry[];
  };
  const blobs = parsed.blobs ?? [];
  const blobsAt = bodyEnd + 16;
  if (blobsAt + blobs.reduce((n, b) => n + b.bytes, 0) !== total)
    throw new BackupError('backup integrity check failed: the evidence blobs are cut short or extended');
  return { header, tables: parsed.tables, keks: parsed.keks ?? [], blobs, blobsAt };
}

/**
 * The header and the sealed body of a backup file, read into memory; the blob bytes after them (which
 * may be gigabytes) stay on disk and are streamed by the restore.
 */
function readHead(file: string) {
  const total = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const read = (at: number, n: number) => {
      const b = Buffer.alloc(Math.max(0, Math.min(n, total - at)));
      readSync(fd, b, 0, b.length, at);
      return b;
    };
    const magic = read(0, MAGIC.length);
    if (!magic.equals(MAGIC) && !magic.equals(MAGIC_V1))
      throw new BackupError(`${file} is not a Dharura backup`);
    const hlen = read(MAGIC.length, 4).readUInt32BE(0);
    const headerBuf = read(MAGIC.length + 4, hlen);
    const header = JSON.parse(headerBuf.toString()) as BackupHeader;
    const off = MAGIC.length + 4 + hlen;
    if (header.version === 2 && !magic.equals(MAGIC)) throw new BackupError(`${file} is damaged`);
    const end = header.version === 2 ? off + 12 + (header.bodyBytes ?? 0) + 16 : total;
    // The body is read into the same positions it has in the file, so offsets stay those of the file.
    const buf = Buffer.concat([read(0, off), read(off, end - off)]);
    return { buf, headerBuf, header, off, total };
  } finally {
    closeSync(fd);
  }
}

/**
 * Restore into an empty, migrated database. Data keys in the shred register (kept in the key state,
 * which travels with the keys, ADR 0007) are restored as destroyed; every other data key is re-wrapped
 * under the live KEK. A backup whose KEKs this key state has never heard of comes from a key state that
 * is missing here, without the shreds made since the backup: that is refused unless
 * `withoutKeyState` says the operator accepts it.
 */
export async function restoreBackup(
  database: Database,
  ring: Keyring,
  file: string,
  onProgress?: (table: string, rows: number) => void,
  opts: { withoutKeyState?: boolean } & BackupOptions = {},
): Promise<BackupHeader> {
  const { header, tables, keks, blobs, blobsAt } = readBackup(file, ring);
  const shredded = readShredRegister(ring);
  const state = ring.state;
  const unknown = keks.filter((k) => !state.keks.has(k.id) && !state.retired.has(k.id));
  if (unknown.length > 0 && !opts.withoutKeyState) {
    throw new BackupError(
      `this backup was made under a key state this installation does not have (KEK ${unknown[0]!.id}): ` +
        'restoring it here could bring back data shredded after it was made. Restore with the key state ' +
        'directory of the installation it came from (DHARURA_KEY_STATE_DIR), or pass --without-key-state',
    );
  }
  const kekById = new Map<string, Buffer>(keks.map((k) => [k.id, Buffer.from(k.key, 'base64')]));
  for (const [id, k] of state.keks) kekById.set(id, k.key);
  const existing = await database.query<{ n: number }>(
    'select (select count(*) from users)::int + (select count(*) from cases)::int as n',
  );
  if ((existing.rows[0]?.n ?? 0) > 0) throw new BackupError('the target database is not empty');
  const order = header.tables.map((t) => t.name);
  const now = new Date().toISOString();
  // Restores into an empty database only, so a failed restore is redone from scratch rather than rolled back.
  for (const name of order) {
    let rows = tables[name] ?? [];
    if (name === 'audit_head') await database.query('delete from audit_head');
    if (name === 'kek_generations') rows = [];
    if (name === 'data_keys') {
      await database.query('insert into kek_generations (id) values ($1) on conflict do nothing', [
        state.current.id,
      ]);
      rows = rows.map((r) => {
        const id = String(r.id);
        if (shredded.has(id) || !r.wrapped_key || r.destroyed_at) {
          return {
            ...r,
            wrapped_key: null,
            kek_id: null,
            destroyed_at: r.destroyed_at ?? now,
            destroy_reason: r.destroy_reason ?? 'shredded after this backup',
          };
        }
        const wrapper = r.kek_id
          ? kekById.get(String(r.kek_id))
          : ring.byId.get(String(r.master_key_id))?.key;
        if (!wrapper) throw new BackupError(`the key that wraps data key ${id} is not available`);
        const plain = unwrapKey(wrapper, String(r.wrapped_key), id);
        return {
          ...r,
          kek_id: state.current.id,
          master_key_id: null,
          wrapped_key: wrapKey(state.current.key, plain, id),
        };
      });
    }
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await database.query(
        `insert into "${name}" select * from json_populate_recordset(null::"${name}", $1::json)`,
        [JSON.stringify(batch)],
      );
    }
    onProgress?.(name, rows.length);
  }
  if (blobs.length > 0) {
    if (!opts.blobRoot)
      throw new BackupError('this backup holds evidence blobs: give the evidence store to restore them into');
    await restoreBlobs(
      file,
      blobsAt,
      blobs,
      opts.blobRoot,
      (id) =>
        new BackupError(`evidence blob ${id} does not match its hash in the backup (or already exists)`),
    );
    onProgress?.('evidence blobs', blobs.length);
  }
  // Serial columns continue after the restored ids.
  const serials = await database.query<{ t: string; c: string; s: string }>(
    `select table_name as t, column_name as c, pg_get_serial_sequence(quote_ident(table_name), column_name) as s
       from information_schema.columns where table_schema = 'public' and column_default like 'nextval%'`,
  );
  for (const { t, c, s } of serials.rows) {
    if (s)
      await database.query(
        `select setval('${s}', greatest((select coalesce(max("${c}"), 0) from "${t}"), 1))`,
      );
  }
  return header;
}
