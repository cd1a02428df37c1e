import { execFileSync } from 'node:child_process';
import { createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type Database } from '../db/client.js';
import { ManualClock } from '../lib/clock.js';
import { testConfig } from '../../../test/helpers.js';
import { restoreBackup, writeBackup } from './backup.js';
import { loadKeyring, type KeySource } from './keyring.js';
import { ShreddedError, createVault } from './vault.js';
import { aad } from './aad.js';

/**
 * Issue 12, acceptance: after a shred, a copy of the raw database files (PGlite's directory; PostgreSQL's
 * whole cluster directory with pg_wal) holds no wrapped key that the keys still in existence can open
 * for the shredded case; and a backup taken before the shred, restored on another instance with the
 * keys from the environment, keeps the case shredded.
 */
const PG_BIN = '/usr/lib/postgresql/15/bin';
/** `v1.<iv 12 bytes>.<ciphertext 32 bytes>.<tag 16 bytes>`, base64url: the format of a wrapped data key. */
const WRAPPED = /v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})/g;

const tmp = mkdtempSync(path.join(tmpdir(), 'dharura-forensics-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? filesUnder(p) : st.isFile() ? [p] : [];
  });
}

/** Every distinct wrapped-key-shaped string in every file under `dir`. */
function candidateBlobs(dir: string): Set<string> {
  const found = new Set<string>();
  for (const f of filesUnder(dir)) {
    for (const m of readFileSync(f).toString('latin1').matchAll(WRAPPED)) found.add(m[0]);
  }
  return found;
}

function opens(key: Buffer, blob: string, dataKeyId: string): boolean {
  const [, iv, ct, tag] = blob.split('.');
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
    d.setAAD(Buffer.from(`data-key:${dataKeyId}`));
    d.setAuthTag(Buffer.from(tag!, 'base64url'));
    Buffer.concat([d.update(Buffer.from(ct!, 'base64url')), d.final()]);
    return true;
  } catch {
    return false;
  }
}

/** Every key that exists after the shred: master keys and the KEKs in the key state, freshly read. */
function keysInExistence(src: KeySource): Buffer[] {
  const ring = loadKeyring(src);
  return [...[...ring.byId.values()].map((k) => k.key), ...[...ring.state.keks.values()].map((k) => k.key)];
}

/** The multi-instance set-up: master and blind-index keys from the environment, one shared key state. */
function environment(name: string) {
  const keys = {
    masterKeyEnv: randomBytes(32).toString('base64'),
    blindIndexKeyEnv: randomBytes(32).toString('base64'),
    keyStateDir: path.join(tmp, name, 'shared-key-state'),
  };
  return {
    keys,
    instance: (n: string): KeySource => ({ ...keys, dataDir: path.join(tmp, name, `instance-${n}`) }),
  };
}

interface Made {
  id: string;
  reference: string;
  dataKeyId: string;
}

async function runScenario(opts: {
  name: string;
  database: Database;
  url?: string;
  /** Copy the raw files once the shred is done (the database may be closed by then). */
  copyFiles: () => Promise<string>;
  /** A fresh, empty, migrated database on the same kind of server, for the restore. */
  emptyDatabase: () => Promise<Database>;
}) {
  const env = environment(opts.name);
  const src = env.instance('a');
  const keyring = loadKeyring(src);
  const app = await buildApp({
    config: testConfig(opts.url ? { DATABASE_URL: opts.url } : {}),
    database: opts.database,
    keyring,
    clock: new ManualClock(),
    startJobs: false,
  });
  await app.ready();
  const made: Made[] = [];
  for (const who of ['shredded', 'survivor-1', 'survivor-2']) {
    made.push(
      await app.ctx.services.intake.receive(
        {
          channel: 'hotline',
          narrative: `testimony of the ${who}`,
          reporter: { anonymous: false, name: `Reporter ${who}`, phone: '0712345678', locale: 'en' },
        },
        { userId: null, label: 'test' },
      ),
    );
  }
  const [target, survivor] = made as [Made, Made];
  const backupFile = path.join(tmp, `${opts.name}-before-shred.dhb`);
  await writeBackup(opts.database, keyring, backupFile);

  const wrappedBefore = (
    await opts.database.query<{ wrapped_key: string }>('select wrapped_key from data_keys where id = $1', [
      target.dataKeyId,
    ])
  ).rows[0]!.wrapped_key;
  await app.ctx.vault.shred([target.dataKeyId], 'test', new Date(), async (tx) => {
    await tx.execute(sql`update cases set narrative_enc = null where id = ${target.id}`);
  });
  const narrativeOf = async (db: Database, c: Made) =>
    (await db.query<{ narrative_enc: string }>('select narrative_enc from cases where id = $1', [c.id]))
      .rows[0]!.narrative_enc;
  // The survivors of the shredded key's KEK generation were re-wrapped and still open.
  const survivorSealed = await narrativeOf(opts.database, survivor);
  expect(
    await createVault(opts.database.db, loadKeyring(src)).decrypt(
      survivor.dataKeyId,
      survivorSealed,
      aad('cases', 'narrative', survivor.reference),
    ),
  ).toBe('testimony of the survivor-1');
  await app.close();

  // A copy of the raw files: every wrapped key in them, live or dead, tried with every key that exists.
  const copy = await opts.copyFiles();
  const blobs = candidateBlobs(copy);
  const keys = keysInExistence(src);
  // The scan does find wrapped keys, and current keys open the survivors' ones: it would notice.
  expect(blobs.size).toBeGreaterThanOrEqual(3);
  // The shredded key's old wrapped copy is still in the files (a dead tuple, the WAL): the database
  // cannot forget it, which is why its KEK had to go.
  expect(blobs.has(wrappedBefore)).toBe(true);
  expect([...blobs].some((b) => keys.some((k) => opens(k, b, survivor.dataKeyId)))).toBe(true);
  const opened = [...blobs].filter((b) => keys.some((k) => opens(k, b, target.dataKeyId)));
  expect(opened, 'a wrapped copy of the shredded key that current keys open').toEqual([]);

  // Another instance (own data directory, keys from the environment, the shared key state) restores
  // the backup taken before the shred: the case stays shredded, the others come back.
  const restoredDb = await opts.emptyDatabase();
  const ringB = loadKeyring(env.instance('b'));
  await restoreBackup(restoredDb, ringB, backupFile);
  const vaultB = createVault(restoredDb.db, ringB);
  const oldSealed = (
    await restoredDb.query<{ narrative_enc: string }>('select narrative_enc from cases where id = $1', [
      target.id,
    ])
  ).rows[0]!.narrative_enc;
  expect(oldSealed).toMatch(/^v1\./);
  await expect(
    vaultB.decrypt(target.dataKeyId, oldSealed, aad('cases', 'narrative', target.reference)),
  ).rejects.toBeInstanceOf(ShreddedError);
  expect(
    await vaultB.decrypt(
      survivor.dataKeyId,
      await narrativeOf(restoredDb, survivor),
      aad('cases', 'narrative', survivor.reference),
    ),
  ).toBe('testimony of the survivor-1');
  await restoredDb.close();

  // Without the shared key state (a new machine with only the environment keys) the restore is
  // refused rather than bringing the shredded case back.
  const lonely = await opts.emptyDatabase();
  const ringC = loadKeyring({
    ...env.instance('c'),
    keyStateDir: path.join(tmp, opts.name, 'instance-c', 'own-key-state'),
  });
  await expect(restoreBackup(lonely, ringC, backupFile)).rejects.toThrow(/key state/);
  await lonely.close();
}

describe('crypto-shredding really forgets (raw database files)', () => {
  it('PGlite: no wrapped key in the data directory opens the shredded case; a restore keeps it shredded', async () => {
    const dir = path.join(tmp, 'pglite-data');
    const database = await openDatabase({ pgliteDir: dir });
    await database.migrate();
    await runScenario({
      name: 'pglite',
      database,
      async copyFiles() {
        await database.close();
        const copy = path.join(tmp, 'pglite-copy');
        cpSync(dir, copy, { recursive: true });
        return copy;
      },
      async emptyDatabase() {
        const d = await openDatabase({ pgliteDir: 'memory://' });
        await d.migrate();
        return d;
      },
    });
  }, 300_000);

  it.skipIf(!existsSync(path.join(PG_BIN, 'initdb')))(
    'PostgreSQL: no wrapped key in the cluster directory (heap and pg_wal) opens the shredded case; a restore keeps it shredded',
    async () => {
      const cluster = await throwawayCluster();
      try {
        const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 3 });
        await database.migrate();
        let databases = 0;
        await runScenario({
          name: 'postgres',
          database,
          url: cluster.url,
          async copyFiles() {
            // Dead tuples are written to the heap files, and everything is in the WAL.
            await database.query('checkpoint');
            await database.close();
            const copy = path.join(tmp, 'pg-copy');
            cpSync(cluster.dataDir, copy, { recursive: true });
            expect(existsSync(path.join(copy, 'pg_wal'))).toBe(true);
            return copy;
          },
          async emptyDatabase() {
            const name = `restore_${(databases += 1)}`;
            const admin = await openDatabase({ databaseUrl: cluster.url, poolSize: 1 });
            await admin.query(`create database ${name}`);
            await admin.close();
            const d = await openDatabase({ databaseUrl: cluster.url.replace(/\/postgres$/, `/${name}`) });
            await d.migrate();
            return d;
          },
        });
      } finally {
        cluster.stop();
      }
    },
    180_000,
  );
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** A PostgreSQL 15 cluster of its own under a temporary directory (as user postgres when run as root). */
async function throwawayCluster(): Promise<{ url: string; dataDir: string; stop: () => void }> {
  const root = path.join(tmp, 'pg-cluster');
  mkdirSync(root, { recursive: true });
  chmodSync(tmp, 0o755);
  chmodSync(root, 0o777);
  const dataDir = path.join(root, 'data');
  const run = (bin: string, args: string[]) =>
    process.getuid?.() === 0
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(PG_BIN, bin), args, { stdio: 'pipe' });
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    dataDir,
    '-w',
    '-l',
    path.join(root, 'log'),
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } catch {
        /* already stopped */
      }
    },
  };
}
