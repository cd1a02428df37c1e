import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../server/config.js';
import { openAndMigrate } from '../../server/main.js';
import { systemClock } from '../../server/lib/clock.js';
import { createAudit, verifyAuditChain } from '../../server/security/audit.js';
import { restoreBackup, writeBackup } from '../../server/security/backup.js';
import { addMasterKey, loadKeyring } from '../../server/security/keyring.js';
import { createVault } from '../../server/security/vault.js';

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
    .action(async (file: string) => {
      try {
        const c = config();
        const database = await openAndMigrate(c);
        try {
          const header = await writeBackup(database, keyringOf(c), path.resolve(file), (t, n) =>
            process.stderr.write(`  ${t}: ${n} rows\n`),
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
      "restore a backup from another installation without its key state (shreds made after the backup are not known here)",
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
            (t, n) => process.stderr.write(`  ${t}: ${n} rows\n`),
            { withoutKeyState: Boolean(opts.withoutKeyState) },
          );
          const check = await verifyAuditChain(database.db);
          console.log(
            `dharura: restored ${path.basename(file)}; audit chain ${check.ok ? 'intact' : 'BROKEN'} (${check.checked} entries)`,
          );
          if (!check.ok) process.exitCode = 2;
        } finally {
          await database.close();
        }
      } catch (err) {
        fail(err);
      }
    });
}
