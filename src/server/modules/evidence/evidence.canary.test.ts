import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAs, testConfig } from '../../../../test/helpers.js';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/client.js';
import { ManualClock } from '../../lib/clock.js';
import { createLogger } from '../../logger.js';
import { readBackup, writeBackup } from '../../security/backup.js';
import { evidenceHelpers, pdfWith, protestCase } from './evidence.test-kit.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'dharura-evidence-canary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? filesUnder(p) : st.isFile() ? [p] : [];
  });
}

/** Files under `dir` whose bytes hold `needle` (as UTF-8, or UTF-16LE as some engines store text). */
function filesHolding(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return forms.some((n) => bytes.includes(n));
  });
}

/**
 * Issue 16, acceptance: a plaintext canary in a testimony, in an uploaded file's name and in its content
 * never reaches the database files (PGlite's data directory, on disk), the blob store, a backup (its file,
 * with the evidence blobs in it, and its decrypted body), or the logs (at
 * trace level, every request logged).
 */
describe('evidence canary', () => {
  it('never writes the canary in clear to the database files, the blob store, a backup or the logs', async () => {
    const canary = `CANARY-${Date.now().toString(36)}-ZEBRA`;
    const pgDir = path.join(tmp, 'pglite');
    const dataDir = path.join(tmp, 'data');
    const backupFile = path.join(tmp, 'backup.dhb');
    let backupBody: string | undefined;
    let backupBlobs: number | undefined;
    const database = await openDatabase({ pgliteDir: pgDir });
    await database.migrate();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await buildApp({
      config: testConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'trace' }),
      database,
      clock: new ManualClock(Date.now()),
      logger: createLogger('trace', sink),
      startJobs: false,
    });
    await app.ready();
    try {
      const { api, newCase, upload, download } = evidenceHelpers(() => app);
      const duty = await loginAs(app, 'duty_officer');
      const caseId = await newCase(duty, protestCase);
      const file = pdfWith(`Witness statement ${canary} signed`);
      const id = await upload(duty, caseId, file, `statement-${canary}.pdf`, { device: `phone ${canary}` });
      const testimony = await api('POST', `/api/cases/${caseId}/testimonies`, duty, {
        text: `She said ${canary} twice`,
        language: 'sw',
        consent: 'internal',
      });
      expect(testimony.statusCode, testimony.body).toBe(201);
      // Every read path runs once, so their logs are in the sample too.
      expect((await api('GET', `/api/evidence/${id}`, duty)).body).toContain(canary);
      expect((await download(duty, id, `reason ${canary}`)).rawPayload.includes(Buffer.from(canary))).toBe(
        true,
      );
      expect((await api('GET', `/api/cases/${caseId}/testimonies`, duty)).body).toContain(canary);
      expect((await api('GET', `/api/cases/${caseId}/evidence`, duty)).body).toContain(canary);
      await database.query('checkpoint');
      // A backup of the database (encrypted as a whole; its decrypted body still holds only ciphertext).
      // With the evidence blob store: its sealed blobs go in as they lie on disk (ciphertext only).
      await writeBackup(database, app.ctx.vault.keyring, backupFile, undefined, {
        blobRoot: path.join(dataDir, 'evidence'),
      });
      const read = readBackup(backupFile, app.ctx.vault.keyring);
      backupBody = JSON.stringify({ tables: read.tables, blobs: read.blobs });
      backupBlobs = read.blobs.length;
    } finally {
      await app.close();
      await database.close();
    }
    expect(lines.length).toBeGreaterThan(10); // the logs were really captured
    expect(lines.filter((l) => l.includes(canary))).toEqual([]);
    expect(filesUnder(pgDir).length).toBeGreaterThan(100);
    expect(filesHolding(pgDir, canary)).toEqual([]);
    expect(filesUnder(path.join(dataDir, 'evidence')).length).toBeGreaterThan(0);
    expect(filesHolding(dataDir, canary)).toEqual([]);
    expect(backupBody ?? '').toContain('testimonies'); // the backup really holds the tables
    expect((backupBody ?? '').includes(canary)).toBe(false);
    expect(backupBlobs ?? 0).toBeGreaterThan(0); // the backup really holds the uploaded file's blob
    expect(readFileSync(backupFile).includes(Buffer.from(canary))).toBe(false);
    // The file names on disk are random ids, not the uploaded name.
    expect(filesUnder(dataDir).some((f) => f.includes('statement'))).toBe(false);
  }, 400_000);
});
