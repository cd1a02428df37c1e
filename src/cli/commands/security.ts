import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../server/config.js';
import { StartupError, openAndMigrate, pgliteDirFor } from '../../server/main.js';
import { systemClock } from '../../server/lib/clock.js';
import { createAudit, verifyAuditChain } from '../../server/security/audit.js';
import { restoreBackup, writeBackup } from '../../server/security/backup.js';
import { addMasterKey, loadKeyring } from '../../server/security/keyring.js';
import { createVault } from '../../server/security/vault.js';
import { verifyRestoredEvidence } from '../../server/modules/evidence/restore-check.js';

/** The evidence blob store (sealed blobs; the server's `composition/services.ts` puts it here). */
const blobRootOf = (c: Config) => path.join(c.DATA_DIR, 'evidence');

/**
 * `dharura backup` must back up the database the server uses: opening a directory that holds no
 * database would create an empty one and write an empty backup. Refuse, naming where databases are.
 */
function refuseMissingDatabase(c: Config, name: 'pglite' | 'demo'): void {
  const dir = pgliteDirFor(c, name);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return;
  const hints: string[] = [];
  if (existsSync(path.join(c.DATA_DIR, 'PG_VERSION')))
    hints.push(
      `DATA_DIR is itself a database directory: set DATA_DIR to ${path.dirname(c.DATA_DIR)}` +
        (path.basename(c.DATA_DIR) === 'demo' ? ' and add --demo' : ''),
    );
  if (name === 'pglite' && existsSync(path.join(pgliteDirFor(c, 'demo'), 'PG_VERSION')))
    hints.push("the demo's database is there: add --demo to back it up");
  throw new StartupError(
    `no embedded database in ${dir}: nothing to back up` + (hints.length ? ` (${hints.join('; ')})` : ''),
  );
}

/** `dharura audit verify`, `dharura keys rotate`, `dharura backup`, `dharura restore`. */
export function registerSecurityCommands(
  program: Command,
  config: () => Config,
  fail: (err: unknown) => never,
): void {
  const keyringOf = (c: Config) =>
    loadKeyring({
      masterKeyEnv: c.DHARURA_MASTER_KEY,
      blindIndexKeyEnv: c.DHARURA_BLIND_INDEX_KEY,
      keyStateDir: c.DHARURA_KEY_STATE_DIR,
      dataDir: c.DATA_DIR,
    });

  program
    .command('audit')
    .description('work with the tamper-evident audit log')
    .command('verify')
    .description('walk the hash chain and report the first broken link')
    .action(async () => {
      try {
        const database = await openAndMigrate(config());
        try {
          const r = await verifyAuditChain(database.db, (n) =>
            process.stderr.write(`\rchecked ${n} entries`),
          );
          process.stderr.write('\n');
          if (r.ok) {
            console.log(`dharura: audit chain intact (${r.checked} entries)`);
          } else {
            console.error(
              `dharura: audit chain BROKEN at entry ${r.firstBroken!.seq}: ${r.firstBroken!.reason}`,
            );
            process.exitCode = 2;
          }
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('keys')
    .description('manage encryption keys')
    .command('rotate')
    .description('create a new master key and re-wrap every data key under it (no downtime)')
    .action(async () => {
      try {
        const c = config();
        const database = await openAndMigrate(c);
        try {
          const ring = keyringOf(c);
          const previous = ring.current.id;
          const mk = addMasterKey(ring);
          const vault = createVault(database.db, ring);
          // The key state (the KEKs) is re-sealed under the new master key; data keys made before
          // ADR 0007, still wrapped by a master key, move under the current KEK.
          const n = await vault.rewrapAll((done) => process.stderr.write(`\rre-wrapped ${done} data keys`));
          process.stderr.write('\n');
          await createAudit(database.db, systemClock).record({
            actorLabel: 'cli',
            action: 'keys.rotated',
            meta: { from: previous, to: mk.id, rewrapped: n },
          });
          console.log(`dharura: master key ${previous} → ${mk.id}; ${n} data keys re-wrapped`);
          console.log('keep the old key file until no backup made with it is needed');
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('backup')
    .description('write an encrypted, integrity-checked backup')
    .argument('[file]', 'output file', `dharura-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.dhb`)
    .option('--demo', "back up the demo's embedded database (DATA_DIR/demo) instead of the server's")
    .action(async (file: string, opts: { demo?: boolean }) => {
      try {
        const c = config();
        if (!c.DATABASE_URL) refuseMissingDatabase(c, opts.demo ? 'demo' : 'pglite');
        const database = await openAndMigrate(c, opts.demo ? 'demo' : 'pglite');
        try {
          const held = await database.query<{ n: number }>(
            'select (select count(*) from users)::int + (select count(*) from cases)::int as n',
          );
          if ((held.rows[0]?.n ?? 0) === 0) {
            throw new StartupError(
              `the database ${c.DATABASE_URL ? 'at DATABASE_URL' : `in ${pgliteDirFor(c, opts.demo ? 'demo' : 'pglite')}`} ` +
                'holds no users and no cases: refusing to write an empty backup (is this the database the server uses?)',
            );
          }
          const header = await writeBackup(
            database,
            keyringOf(c),
            path.resolve(file),
            (t, n) => process.stderr.write(`  ${t}: ${n} ${t === 'evidence blobs' ? 'files' : 'rows'}\n`),
            { blobRoot: blobRootOf(c) },
          );
          await createAudit(database.db, systemClock).record({
            actorLabel: 'cli',
            action: 'backup.written',
            meta: { tables: header.tables.length, masterKeyId: header.masterKeyId },
          });
          console.log(
            `dharura: backup written to ${path.resolve(file)} (sha256 ${header.sha256.slice(0, 16)}…)`,
          );
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('restore')
    .description('restore a backup into an empty data directory or database')
    .argument('<file>', 'backup file')
    .option(
      '--without-key-state',
      'restore a backup from another installation without its key state (shreds made after the backup are not known here)',
    )
    .action(async (file: string, opts: { withoutKeyState?: boolean }) => {
      try {
        const c = config();
        const ring = keyringOf(c);
        const database = await openAndMigrate(c);
        try {
          await restoreBackup(
            database,
            ring,
            path.resolve(file),
            (t, n) => process.stderr.write(`  ${t}: ${n} ${t === 'evidence blobs' ? 'files' : 'rows'}\n`),
            { withoutKeyState: Boolean(opts.withoutKeyState), blobRoot: blobRootOf(c) },
          );
          const check = await verifyAuditChain(database.db);
          console.log(
            `dharura: restored ${path.basename(file)}; audit chain ${check.ok ? 'intact' : 'BROKEN'} (${check.checked} entries)`,
          );
          // Every evidence file opens again to the SHA-256 recorded when it was received.
          const ev = await verifyRestoredEvidence(database.db, createVault(database.db, ring), blobRootOf(c));
          console.log(
            `dharura: evidence ${ev.failed.length === 0 ? 'intact' : 'DAMAGED'}: ${ev.verified} files match their SHA-256` +
              (ev.shredded ? `, ${ev.shredded} on shredded cases` : '') +
              (ev.failed.length ? `; failed: ${ev.failed.join(', ')}` : ''),
          );
          if (!check.ok || ev.failed.length > 0) process.exitCode = 2;
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err);
      }
    });
}
