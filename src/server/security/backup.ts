import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Database } from '../db/client.js';
import type { Keyring } from './keyring.js';

/**
 * Encrypted, integrity-checked logical backups. The whole dump is gzip'd JSON, sealed with AES-256-GCM
 * under a key derived (HKDF) from the current master key; the header names that key and carries the
 * SHA-256 of the plaintext. Field ciphertexts stay as they are inside, so a backup is encrypted twice.
 */
const MAGIC = Buffer.from('DHARURA-BACKUP-1\n');

/** Tables never backed up: live sessions and half-finished sign-ins are not worth restoring. */
const SKIPPED = new Set(['sessions', 'login_challenges', '__drizzle_migrations']);

export class BackupError extends Error {
  override name = 'BackupError';
}

interface BackupHeader {
  format: 'dharura-backup';
  version: 1;
  createdAt: string;
  masterKeyId: string;
  sha256: string;
  tables: { name: string; rows: number }[];
}

function backupKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dharura-backup-v1', 32));
}

/** Application tables in an order that satisfies foreign keys (parents first). */
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

export async function writeBackup(
  database: Database,
  ring: Keyring,
  file: string,
  onProgress?: (table: string, rows: number) => void,
): Promise<BackupHeader> {
  const data: Record<string, unknown[]> = {};
  const tables: BackupHeader['tables'] = [];
  for (const t of await tablesInDependencyOrder(database)) {
    const rows = (await database.query(`select * from "${t}"`)).rows;
    data[t] = rows;
    tables.push({ name: t, rows: rows.length });
    onProgress?.(t, rows.length);
  }
  const plain = gzipSync(Buffer.from(JSON.stringify({ tables: data })));
  const header: BackupHeader = {
    format: 'dharura-backup',
    version: 1,
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
  return header;
}

export function readBackup(
  file: string,
  ring: Keyring,
): { header: BackupHeader; tables: Record<string, Record<string, unknown>[]> } {
  const buf = readFileSync(file);
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError(`${file} is not a Dharura backup`);
  let off = MAGIC.length;
  const hlen = buf.readUInt32BE(off);
  off += 4;
  const headerBuf = buf.subarray(off, off + hlen);
  off += hlen;
  const header = JSON.parse(headerBuf.toString()) as BackupHeader;
  const mk = ring.byId.get(header.masterKeyId);
  if (!mk)
    throw new BackupError(
      `backup was made with master key ${header.masterKeyId}, which is not in this keyring`,
    );
  const iv = buf.subarray(off, off + 12);
  const tag = buf.subarray(buf.length - 16);
  const body = buf.subarray(off + 12, buf.length - 16);
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
  };
  return { header, tables: parsed.tables };
}

/**
 * Restore into an empty, migrated database. Data keys listed as shredded (the register kept beside the
 * master keys, and in the database) are restored as destroyed: crypto-shredding survives old backups.
 */
export async function restoreBackup(
  database: Database,
  ring: Keyring,
  file: string,
  shredded: ReadonlySet<string>,
  onProgress?: (table: string, rows: number) => void,
): Promise<BackupHeader> {
  const { header, tables } = readBackup(file, ring);
  const existing = await database.query<{ n: number }>(
    'select (select count(*) from users)::int + (select count(*) from cases)::int as n',
  );
  if ((existing.rows[0]?.n ?? 0) > 0) throw new BackupError('the target database is not empty');
  const order = header.tables.map((t) => t.name);
  // Restores into an empty database only, so a failed restore is redone from scratch rather than rolled back.
  for (const name of order) {
    let rows = tables[name] ?? [];
    if (name === 'audit_head') await database.query('delete from audit_head');
    if (name === 'data_keys') {
      rows = rows.map((r) =>
        shredded.has(String(r.id))
          ? {
              ...r,
              wrapped_key: null,
              destroyed_at: r.destroyed_at ?? new Date().toISOString(),
              destroy_reason: r.destroy_reason ?? 'shredded after this backup',
            }
          : r,
      );
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
