import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type Database } from '../db/client.js';
import { createLogger } from '../logger.js';
import { ManualClock } from '../lib/clock.js';
import {
  createTestDatabase,
  loginAs,
  serverUrl,
  testConfig,
  type TestDatabase,
} from '../../../test/helpers.js';
import { InsertBatch } from '../db/bulk.js';
import { verifyAuditChain } from './audit.js';
import { readBackup, restoreBackup, writeBackup } from './backup.js';
import { addMasterKey, loadKeyring, type Keyring } from './keyring.js';
import { ShreddedError, createVault } from './vault.js';
import { aad } from './aad.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), 'dharura-sec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A database whose files (PGlite) or dump (PostgreSQL) the test can inspect afterwards. */
async function inspectableDatabase(
  name: string,
): Promise<{ database: Database; server?: TestDatabase; dir?: string }> {
  if (serverUrl) {
    const server = await createTestDatabase();
    return { database: server.database, server };
  }
  const dir = path.join(tmp, name);
  const database = await openDatabase({ pgliteDir: dir });
  await database.migrate();
  return { database, dir };
}

async function appOn(database: Database, url: string | undefined, keyring: Keyring, logs?: string[]) {
  const sink = new Writable({
    write(chunk, _e, cb) {
      logs?.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp({
    config: testConfig({ ...(url ? { DATABASE_URL: url } : {}), LOG_LEVEL: 'trace' }),
    database,
    keyring,
    clock: new ManualClock(),
    logger: createLogger('trace', sink),
    startJobs: false,
  });
  await app.ready();
  return app;
}

describe('encryption at rest', () => {
  it('keeps a plaintext canary out of database files, dumps, logs and backups', async () => {
    const canary = `Canary${Date.now()}Zx`;
    const phoneDigits = '0712' + String(Date.now()).slice(-6);
    const e164 = '+254' + phoneDigits.slice(1);
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-canary') });
    const { database, server, dir } = await inspectableDatabase('canary');
    const logs: string[] = [];
    const app = await appOn(database, server?.url, keyring, logs);
    // Through the HTTP API, so request logging, validation and the case page all see the canary.
    const staff = await loginAs(app, 'duty_officer');
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: staff.headers,
      payload: {
        channel: 'hotline',
        narrative: `Testimony: ${canary} was threatened at home`,
        place: `${canary} house, Kware`,
        reporter: { anonymous: false, name: `Reporter ${canary}`, phone: phoneDigits, locale: 'en' },
        victim: { name: `Victim ${canary}`, phone: phoneDigits },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json() as { id: string };
    const page = await app.inject({ url: `/api/cases/${c.id}`, headers: staff.headers });
    expect(page.body).toContain(canary);
    // A bad request echoing the canary must not log it either.
    await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: staff.headers,
      payload: { narrative: canary, channel: 'nope' },
    });
    const stored = await database.query<{ narrative_enc: string }>(
      'select narrative_enc from cases where id = $1',
      [c.id],
    );
    expect(stored.rows[0]!.narrative_enc).toMatch(/^v1\./);

    const backupFile = path.join(tmp, 'canary.dhb');
    await writeBackup(database, keyring, backupFile);
    const plainBackup = JSON.stringify(readBackup(backupFile, keyring).tables);
    await app.close();

    const haystacks: { where: string; text: string }[] = [
      { where: 'logs', text: logs.join('') },
      { where: 'backup file', text: readFileSync(backupFile).toString('latin1') },
      { where: 'decrypted backup body', text: plainBackup },
    ];
    if (dir) {
      await database.close();
      for (const f of filesUnder(dir)) haystacks.push({ where: f, text: readFileSync(f).toString('latin1') });
    } else {
      const dump = execFileSync('pg_dump', [server!.url!], {
        encoding: 'latin1',
        maxBuffer: 256 * 1024 * 1024,
      });
      haystacks.push({ where: 'pg_dump', text: dump });
      await server!.drop();
    }
    expect(haystacks.length).toBeGreaterThan(3);
    // The logs really were written (requests, validation failure), so their silence about the canary means something.
    expect(logs.join('')).toContain('request completed');
    for (const h of haystacks) {
      expect(h.text.includes(canary), `canary in ${h.where}`).toBe(false);
      expect(h.text.includes(e164), `phone in ${h.where}`).toBe(false);
      expect(h.text.includes(phoneDigits), `raw phone in ${h.where}`).toBe(false);
    }
  }, 120_000);

  it('crypto-shreds a case: unreadable afterwards, also from a backup taken before', async () => {
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-shred') });
    const { database, server } = await inspectableDatabase('shred');
    const app = await appOn(database, server?.url, keyring);
    const c = await app.ctx.services.intake.receive(
      {
        channel: 'hotline',
        narrative: 'secret testimony to be shredded',
        reporter: { anonymous: true, locale: 'en' },
      },
      { userId: null, label: 'test' },
    );
    const backupFile = path.join(tmp, 'before-shred.dhb');
    await writeBackup(database, keyring, backupFile);
    await app.ctx.vault.shred([c.dataKeyId], 'test', new Date());
    const row = (
      await database.query<{ narrative_enc: string }>('select narrative_enc from cases where id = $1', [c.id])
    ).rows[0]!;
    const fresh = createVault(database.db, keyring);
    await expect(
      fresh.decrypt(c.dataKeyId, row.narrative_enc, aad('cases', 'narrative', c.reference)),
    ).rejects.toThrow(/destroyed/);
    await app.close();
    if (server) await server.drop();
    else await database.close();

    // Restore the older backup into an empty database: the shred register keeps the key dead.
    const target = serverUrl ? await createTestDatabase() : undefined;
    const restored = target?.database ?? (await openDatabase({ pgliteDir: 'memory://' }));
    if (!target) await restored.migrate();
    await restoreBackup(restored, keyring, backupFile);
    const again = (
      await restored.query<{ narrative_enc: string }>('select narrative_enc from cases where id = $1', [c.id])
    ).rows[0]!;
    const vault = createVault(restored.db, keyring);
    await expect(
      vault.decrypt(c.dataKeyId, again.narrative_enc, aad('cases', 'narrative', c.reference)),
    ).rejects.toThrow(/destroyed/);
    if (target) await target.drop();
    else await restored.close();
  }, 120_000);

  it('a shred destroys the KEK for every instance sharing the key state; the database refuses keys under it', async () => {
    const dataDir = path.join(tmp, 'keys-two-instances');
    const ringA = loadKeyring({ dataDir });
    const ringB = loadKeyring({ dataDir });
    const db = serverUrl ? await createTestDatabase() : undefined;
    const database = db?.database ?? (await openDatabase({ pgliteDir: 'memory://' }));
    if (!db) await database.migrate();
    const a = createVault(database.db, ringA);
    const b = createVault(database.db, ringB);
    const [gone, kept] = await a.createDataKeys('case', 2);
    const sealed = await a.encrypt(kept!, 'stays readable', 'aad');
    expect(await b.decrypt(kept!, sealed, 'aad')).toBe('stays readable');
    const generation = ringA.state.current.id;

    await a.shred([gone!], 'test', new Date());
    // Instance B learns of the new KEK from the shared file; the survivor was re-wrapped under it.
    const fresh = createVault(database.db, ringB);
    expect(await fresh.decrypt(kept!, sealed, 'aad')).toBe('stays readable');
    const state = loadKeyring({ dataDir }).state;
    expect(state.keks.has(generation)).toBe(false);
    expect(state.retired.has(generation)).toBe(true);
    expect(state.shredded.has(gone!)).toBe(true);
    await expect(fresh.decrypt(gone!, 'v1.x.y.z', 'aad')).rejects.toBeInstanceOf(ShreddedError);
    // Nothing can be wrapped under the destroyed generation again, whoever writes it.
    await expect(
      database.query(
        "insert into data_keys (id, scope, kek_id, wrapped_key) values (gen_random_uuid(), 'case', $1, 'v1.a.b.c')",
        [generation],
      ),
    ).rejects.toThrow(/retired/);
    expect(await fresh.createDataKey('case')).toMatch(/^[0-9a-f-]{36}$/);
    if (db) await db.drop();
    else await database.close();
  });

  it('rotates the master key without losing access, and refuses a world-readable key file', async () => {
    const keyDir = path.join(tmp, 'keys-rotate');
    const keyring = loadKeyring({ dataDir: keyDir });
    const db = serverUrl ? await createTestDatabase() : undefined;
    const database = db?.database ?? (await openDatabase({ pgliteDir: 'memory://' }));
    if (!db) await database.migrate();
    const vault = createVault(database.db, keyring);
    const id = await vault.createDataKey('case');
    const sealed = await vault.encrypt(id, 'before rotation', 'aad');
    const old = keyring.current.id;
    addMasterKey(keyring);
    // Data keys are wrapped by KEKs (ADR 0007): nothing in the database is wrapped by a master key.
    expect(await vault.rewrapAll()).toBe(0);
    // The key state that holds the KEKs is sealed under the new master key now.
    const envelope = JSON.parse(readFileSync(path.join(keyDir, 'keys', 'key-state'), 'utf8')) as {
      masterKeyId: string;
    };
    expect(envelope.masterKeyId).toBe(keyring.current.id);
    expect(envelope.masterKeyId).not.toBe(old);
    // A fresh process with the new keyring reads data sealed before the rotation.
    const later = createVault(database.db, loadKeyring({ dataDir: keyDir }));
    expect(await later.decrypt(id, sealed, 'aad')).toBe('before rotation');
    if (db) await db.drop();
    else await database.close();

    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(keyDir, 'keys', `master-${old}.key`), 0o644);
    expect(() => loadKeyring({ dataDir: keyDir })).toThrow(/world-readable/);
  });
});

describe('backups', () => {
  it('restores into an empty database with the same cases, decryptable, and an intact audit chain', async () => {
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-backup') });
    const source = await createTestDatabase();
    const app = await appOn(source.database, source.url, keyring);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await app.ctx.services.intake.receive(
          {
            channel: 'sms',
            narrative: `report number ${i} from Mukuru`,
            county: 'Nairobi',
            reporter: { anonymous: true, locale: 'sw' },
          },
          { userId: null, label: 'test' },
        ),
      );
    }
    await app.close();
    const file = path.join(tmp, 'roundtrip.dhb');
    await writeBackup(source.database, keyring, file);
    await source.drop();

    const target = await createTestDatabase();
    await restoreBackup(target.database, keyring, file);
    expect((await verifyAuditChain(target.database.db)).ok).toBe(true);
    const vault = createVault(target.database.db, keyring);
    for (const [i, c] of made.entries()) {
      const row = (
        await target.database.query<{ narrative_enc: string; reference: string }>(
          'select narrative_enc, reference from cases where id = $1',
          [c.id],
        )
      ).rows[0]!;
      expect(row.reference).toBe(c.reference);
      expect(
        await vault.decrypt(c.dataKeyId, row.narrative_enc, aad('cases', 'narrative', c.reference)),
      ).toBe(`report number ${i} from Mukuru`);
    }
    // New cases continue the sequences after the restored ones.
    const app2 = await appOn(target.database, target.url, keyring);
    const next = await app2.ctx.services.intake.receive(
      { channel: 'web', narrative: 'after restore', reporter: { anonymous: true, locale: 'en' } },
      { userId: null, label: 'test' },
    );
    expect(next.reference > made.at(-1)!.reference).toBe(true);
    await app2.close();
    // Restoring twice is refused: the target is no longer empty.
    await expect(restoreBackup(target.database, keyring, file)).rejects.toThrow(/not empty/);
    await target.drop();
  });

  it('rejects a backup that was changed, or one read with the wrong keys', async () => {
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-backup2') });
    const source = await createTestDatabase();
    const file = path.join(tmp, 'tamper.dhb');
    await writeBackup(source.database, keyring, file);
    await source.drop();
    const { writeFileSync } = await import('node:fs');
    const buf = readFileSync(file);
    buf[buf.length - 40] = buf[buf.length - 40]! ^ 0xff;
    writeFileSync(file, buf);
    expect(() => readBackup(file, keyring)).toThrow(/integrity/);
    expect(() => readBackup(file, loadKeyring({ dataDir: path.join(tmp, 'other-keys') }))).toThrow(
      /not in this keyring/,
    );
  });
});

describe('tamper-evident audit', () => {
  it('keeps one unbroken chain under concurrent writers outside any transaction', async () => {
    const tdb = await createTestDatabase();
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-concurrent') });
    const app = await appOn(tdb.database, tdb.url, keyring);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.ctx.audit.record({ actorLabel: 'system', action: 'test.concurrent', meta: { i } }),
      ),
    );
    expect(await verifyAuditChain(tdb.database.db)).toMatchObject({ ok: true, checked: 40 });
    await app.close();
    await tdb.drop();
  });

  it('chains entries hashed by the database (one statement, with other writers) like its own', async () => {
    const tdb = await createTestDatabase();
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-in-sql') });
    const app = await appOn(tdb.database, tdb.url, keyring);
    const appendInSql = async (i: number) => {
      const batch = new InsertBatch();
      app.ctx.audit.appendInto(batch, [
        { actorLabel: 'system', action: 'test.sql', meta: { i, place: 'Murang’a — “Kenol”', n: 1.5 } },
        { actorLabel: 'user', action: 'test.sql', subjectType: 'case', subjectId: `c-${i}`, meta: {} },
      ]);
      await batch.write(tdb.database.db);
    };
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? appendInSql(i)
          : app.ctx.audit.record({ actorLabel: 'system', action: 'test.js', meta: { i, w: 'ŋ' } }),
      ),
    );
    expect(await verifyAuditChain(tdb.database.db)).toMatchObject({ ok: true, checked: 15 });
    await app.close();
    await tdb.drop();
  });

  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('verifies an untouched chain and detects an edit, a deletion and a swap', async () => {
    db = await createTestDatabase();
    const keyring = loadKeyring({ dataDir: path.join(tmp, 'keys-audit') });
    const app = await appOn(db.database, db.url, keyring);
    for (let i = 0; i < 6; i++) {
      await app.ctx.audit.record({
        actorLabel: 'system',
        action: 'test.event',
        meta: { i, nested: { b: 2, a: 1 } },
      });
    }
    await app.close();
    const q = (s: string) => db.database.exec(s);
    expect(await verifyAuditChain(db.database.db)).toMatchObject({ ok: true, checked: 6 });

    // The application cannot change or remove audit rows at all.
    await expect(q("update audit_log set action = 'x' where seq = 2")).rejects.toThrow(/append-only/);
    await expect(q('delete from audit_log where seq = 2')).rejects.toThrow(/append-only/);

    // Someone with superuser rights switches the triggers off and tampers; verify notices each time.
    await q('alter table audit_log disable trigger user');
    const snapshot = (await db.database.query('select * from audit_log order by seq')).rows;
    const restore = async () => {
      await q('delete from audit_log');
      await db.database.query(
        'insert into audit_log select * from json_populate_recordset(null::audit_log, $1::json)',
        [JSON.stringify(snapshot)],
      );
    };

    await q(`update audit_log set meta = '{"i": 99}' where seq = 3`);
    expect(await verifyAuditChain(db.database.db)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    await restore();
    expect((await verifyAuditChain(db.database.db)).ok).toBe(true);

    await q('delete from audit_log where seq = 4');
    expect(await verifyAuditChain(db.database.db)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    await restore();

    // Swap rows 2 and 5 (content moves, positions stay).
    await q(`update audit_log set seq = -2 where seq = 2`);
    await q(`update audit_log set seq = 2 where seq = 5`);
    await q(`update audit_log set seq = 5 where seq = -2`);
    expect(await verifyAuditChain(db.database.db)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    await restore();

    await q('delete from audit_log where seq = 6');
    expect(await verifyAuditChain(db.database.db)).toMatchObject({ ok: false });
    await restore();
    await q('alter table audit_log enable trigger user');
    expect((await verifyAuditChain(db.database.db)).ok).toBe(true);
  });
});
