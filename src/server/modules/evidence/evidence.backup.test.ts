import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestDatabase, loginAs, signIn, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import { readBackup, restoreBackup, writeBackup } from '../../security/backup.js';
import { createVault } from '../../security/vault.js';
import { evidenceHelpers, jpegWithGps, protestCase, sha256 } from './evidence.test-kit.js';
import { verifyRestoredEvidence } from './restore-check.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'dharura-evidence-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Issue 16: the backup carries the evidence blob store (ciphertext as it lies on disk) and a restore
 * brings it back with every hash checked: backup → restore → download gives the same SHA-256.
 */
describe('evidence in the backup', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('restores the sealed blobs, and the restored original downloads with the same SHA-256', async () => {
    const source = await buildTestApp({ config: { DATA_DIR: path.join(tmp, 'a') } });
    apps.push(source);
    const { newCase, upload, download, api } = evidenceHelpers(() => source.app);
    const duty = await loginAs(source.app, 'duty_officer');
    const caseId = await newCase(duty, protestCase);
    const jpeg = await jpegWithGps();
    const id = await upload(duty, caseId, jpeg, 'market.jpg');
    const before = await download(duty, id);
    expect(before.statusCode, before.body).toBe(200);
    expect(sha256(before.rawPayload)).toBe(sha256(jpeg));
    const view = await api('GET', `/api/evidence/${id}/view`, duty);

    const file = path.join(tmp, 'with-blobs.dhb');
    const ring = source.app.ctx.vault.keyring;
    await writeBackup(source.database, ring, file, undefined, { blobRoot: path.join(tmp, 'a', 'evidence') });
    const read = readBackup(file, ring);
    expect(read.header.version).toBe(2);
    // The original and its viewing copy, as ciphertext: the JPEG's bytes are nowhere in the file.
    expect(read.blobs).toHaveLength(2);
    expect(readFileSync(file).includes(jpeg.subarray(0, 400))).toBe(false);

    // Restore into an empty database and an empty evidence store.
    const target = await createTestDatabase();
    const blobRoot = path.join(tmp, 'b', 'evidence');
    await restoreBackup(target.database, ring, file, undefined, { blobRoot });
    const check = await verifyRestoredEvidence(
      target.database.db,
      createVault(target.database.db, ring),
      blobRoot,
    );
    expect(check).toEqual({ verified: 2, shredded: 0, failed: [] });

    const restored = await buildTestApp({
      db: target,
      config: { DATA_DIR: path.join(tmp, 'b') },
      clock: new ManualClock(source.clock.now().getTime() + 60_000),
    });
    apps.push(restored);
    const again = await signIn(restored.app, duty);
    const after = await evidenceHelpers(() => restored.app).download(again, id);
    expect(after.statusCode, after.body).toBe(200);
    expect(sha256(after.rawPayload)).toBe(sha256(jpeg));
    if (view.statusCode === 200) {
      const viewAfter = await evidenceHelpers(() => restored.app).api(
        'GET',
        `/api/evidence/${id}/view`,
        again,
      );
      expect(sha256(viewAfter.rawPayload)).toBe(sha256(view.rawPayload));
    }
    await target.drop();
  }, 300_000);

  it('refuses a backup whose blob bytes were changed, naming the blob', async () => {
    const source = await buildTestApp({ config: { DATA_DIR: path.join(tmp, 'c') } });
    apps.push(source);
    const { newCase, upload } = evidenceHelpers(() => source.app);
    const duty = await loginAs(source.app, 'duty_officer');
    await upload(duty, await newCase(duty, protestCase), await jpegWithGps(), 'gate.jpg');
    const ring = source.app.ctx.vault.keyring;
    const file = path.join(tmp, 'flipped.dhb');
    await writeBackup(source.database, ring, file, undefined, { blobRoot: path.join(tmp, 'c', 'evidence') });
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0xff; // inside the last blob
    writeFileSync(file, bytes);
    const target = await createTestDatabase();
    await expect(
      restoreBackup(target.database, ring, file, undefined, { blobRoot: path.join(tmp, 'd', 'evidence') }),
    ).rejects.toThrow(/evidence blob .* does not match its hash/);
    // A backup cut inside its blobs is refused before anything is restored.
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(() => readBackup(file, ring)).toThrow(/cut short/);
    await target.drop();
  }, 300_000);
});
