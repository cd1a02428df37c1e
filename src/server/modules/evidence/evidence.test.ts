import { mkdtempSync, openSync, readSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import {
  CHUNK,
  evidenceHelpers,
  fakeMp4,
  jpegWithGps,
  pdfWith,
  protestCase,
  sha256,
} from './evidence.test-kit.js';

describe('evidence vault', () => {
  let t: TestApp;
  let duty: SignedIn;
  let legal: SignedIn;
  let analyst: SignedIn;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-evidence-'));

  beforeAll(async () => {
    t = await buildTestApp({
      config: { DATA_DIR: dataDir, EVIDENCE_MAX_FILE_MB: '16', EVIDENCE_MAX_CASE_MB: '24' },
    });
    duty = await loginAs(t.app, 'duty_officer');
    legal = await loginAs(t.app, 'legal');
    analyst = await loginAs(t.app, 'analyst');
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const { api, newCase, startUpload, putChunk, upload, download } = evidenceHelpers(() => t.app);
  const custodyOf = async (evidenceId: string, s = duty) =>
    (
      (await api('GET', `/api/evidence/${evidenceId}`, s)).json() as {
        custody: {
          action: string;
          outcome: string;
          actorId: string;
          reason: string | null;
          sha256: string;
          copy: string;
        }[];
      }
    ).custody;

  it('strips EXIF and GPS from the viewing copy, keeps the original byte for byte, and logs every access', async () => {
    const caseId = await newCase(duty);
    const original = await jpegWithGps();
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(-1.2917, 3); // the fixture does carry GPS
    const id = await upload(duty, caseId, original, 'scene.jpg', {
      capturedAt: '2026-03-01T08:30:00Z',
      latitude: -1.2917,
      longitude: 36.8167,
      device: 'Field phone 7',
      sha256: sha256(original),
    });

    const detail = (await api('GET', `/api/evidence/${id}`, duty)).json();
    expect(detail).toMatchObject({
      kind: 'image',
      mediaType: 'image/jpeg',
      size: original.length,
      sha256: sha256(original),
      hasViewingCopy: true,
      fileName: 'scene.jpg',
      capture: {
        latitude: -1.2917,
        device: 'Field phone 7',
        sha256AtCapture: sha256(original),
        hashMatches: true,
      },
    });

    const view = await api('GET', `/api/evidence/${id}/view`, legal);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.headers['content-type']).toBe('image/jpeg');
    const copy = view.rawPayload;
    // An independent reader finds no metadata at all in the viewing copy, and no GPS.
    expect(await exifr.parse(copy, true)).toBeUndefined();
    expect(await exifr.gps(copy)).toBeUndefined();
    expect(copy.includes(Buffer.from('CanaryCam'))).toBe(false);

    const got = await download(legal, id, 'Court bundle for the habeas corpus application');
    expect(got.statusCode, got.body).toBe(200);
    expect(sha256(got.rawPayload)).toBe(sha256(original));
    expect(got.rawPayload.equals(original)).toBe(true);
    expect(got.headers['x-evidence-sha256']).toBe(sha256(original));

    expect((await api('POST', `/api/evidence/${id}/hash-check`, duty)).json()).toMatchObject({
      outcome: 'ok',
    });

    const custody = await custodyOf(id);
    expect(custody.map((e) => [e.action, e.outcome, e.actorId])).toEqual([
      ['upload', 'ok', duty.userId],
      ['view', 'ok', legal.userId],
      ['download', 'ok', legal.userId],
      ['hash_check', 'ok', duty.userId],
    ]);
    expect(custody[2]!.reason).toBe('Court bundle for the habeas corpus application');
    expect(custody.every((e) => e.sha256)).toBe(true);
    // The reason is sealed in the table, and the table is append-only.
    const [row] = (
      await t.database.query<{ reason_enc: string }>(
        "select reason_enc from evidence_custody where evidence_id = $1 and action = 'download'",
        [id],
      )
    ).rows;
    expect(row!.reason_enc).not.toContain('habeas');
    await expect(t.database.query('update evidence_custody set outcome = $1', ['ok'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query('delete from evidence_custody')).rejects.toThrow(/append-only/);
    await expect(t.database.query("update evidence_items set sha256 = 'x'")).rejects.toThrow(/append-only/);
  }, 60_000);

  it('refuses to serve an original with one byte flipped on disk, records it and raises an alert', async () => {
    const caseId = await newCase(duty);
    const file = pdfWith('Post-mortem report, page 1');
    const id = await upload(duty, caseId, file, 'pm-report.pdf');
    const [item] = (
      await t.database.query<{ blob_id: string }>('select blob_id from evidence_items where id = $1', [id])
    ).rows;
    const blob = path.join(dataDir, 'evidence', 'blobs', item!.blob_id.slice(0, 2), item!.blob_id);
    const fd = openSync(blob, 'r+');
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, 100);
    one[0] = one[0]! ^ 0x01;
    writeSync(fd, one, 0, 1, 100);
    closeSync(fd);

    const res = await download(legal, id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'EVIDENCE_INTEGRITY_FAILED' } });
    expect(res.rawPayload.includes(Buffer.from('Post-mortem'))).toBe(false);
    const check = await api('POST', `/api/evidence/${id}/hash-check`, duty);
    expect(check.statusCode).toBe(409);

    const alerts = (
      await t.database.query<{ reason: string }>('select reason from alerts where case_id = $1', [caseId])
    ).rows;
    expect(alerts.map((a) => a.reason)).toContain('evidence_integrity');
    const custody = await custodyOf(id);
    expect(custody.slice(1).map((e) => [e.action, e.outcome])).toEqual([
      ['download', 'mismatch'],
      ['hash_check', 'mismatch'],
    ]);
  }, 60_000);

  it('resumes an interrupted upload from the offset the server holds', async () => {
    const caseId = await newCase(duty);
    const file = fakeMp4(2 * CHUNK + 12_345);
    const created = await startUpload(duty, caseId, { fileName: 'arrest.mp4', size: file.length });
    const { uploadId } = created.json() as { uploadId: string };

    // The first half arrives; the second chunk is cut off mid-way (the connection drops).
    expect((await putChunk(duty, uploadId, 0, file.subarray(0, CHUNK))).statusCode).toBe(200);
    const cut = await putChunk(duty, uploadId, CHUNK, file.subarray(CHUNK, CHUNK + 1000));
    expect(cut.statusCode).toBe(400);
    // A stale client resending the first chunk is told the server is elsewhere.
    expect((await putChunk(duty, uploadId, 0, file.subarray(0, CHUNK))).statusCode).toBe(409);

    const status = (await api('GET', `/api/evidence/uploads/${uploadId}`, duty)).json();
    expect(status).toMatchObject({ offset: CHUNK, size: file.length, complete: false });
    // Another user cannot see or continue it.
    expect((await api('GET', `/api/evidence/uploads/${uploadId}`, legal)).statusCode).toBe(404);

    let last;
    for (let off = status.offset as number; off < file.length; off += CHUNK) {
      last = await putChunk(duty, uploadId, off, file.subarray(off, off + CHUNK));
      expect(last.statusCode, last.body).toBe(200);
    }
    const done = last!.json() as { evidenceId: string; complete: boolean };
    expect(done.complete).toBe(true);
    const detail = (await api('GET', `/api/evidence/${done.evidenceId}`, duty)).json();
    expect(detail).toMatchObject({
      kind: 'video',
      mediaType: 'video/mp4',
      sha256: sha256(file),
      hasViewingCopy: false,
    });
    const got = await download(duty, done.evidenceId);
    expect(sha256(got.rawPayload)).toBe(sha256(file));
    // A video has no viewing copy: only the original, with a reason.
    expect((await api('GET', `/api/evidence/${done.evidenceId}/view`, duty)).statusCode).toBe(404);
    expect((await api('POST', `/api/evidence/${done.evidenceId}/download`, duty, {})).statusCode).toBe(400);
  }, 60_000);

  it('detects the type from content, enforces quotas, and answers in Kiswahili', async () => {
    const caseId = await newCase(duty);
    // A user who reads Kiswahili (their preference decides the language of errors).
    expect((await api('PATCH' as 'POST', '/api/me/preferences', duty, { locale: 'sw' })).statusCode).toBe(
      200,
    );
    const sw = duty.headers;
    const created = await startUpload(duty, caseId, { fileName: 'photo.jpg', size: 6000 });
    const { uploadId } = created.json() as { uploadId: string };
    const text = Buffer.from('just some text, named like a photo '.repeat(200).slice(0, 6000));
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/evidence/uploads/${uploadId}`,
      headers: { ...sw, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: text,
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error).toMatchObject({
      code: 'EVIDENCE_TYPE_UNSUPPORTED',
      message: expect.stringMatching(/Aina hii/),
    });
    expect((await api('GET', `/api/evidence/uploads/${uploadId}`, duty)).statusCode).toBe(404); // ended

    const tooBig = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/evidence/uploads`,
      headers: sw,
      payload: { fileName: 'big.mp4', size: 17 * 1024 * 1024 },
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({
      code: 'EVIDENCE_TOO_LARGE',
      message: expect.stringMatching(/Faili hili/),
    });

    expect((await startUpload(duty, caseId, { fileName: 'a.mp4', size: 15 * 1024 * 1024 })).statusCode).toBe(
      201,
    );
    const over = await startUpload(duty, caseId, { fileName: 'b.mp4', size: 10 * 1024 * 1024 });
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toMatchObject({
      code: 'EVIDENCE_QUOTA_EXCEEDED',
      message: expect.stringMatching(/Kesi hii/),
    });
    expect((await api('PATCH' as 'POST', '/api/me/preferences', duty, { locale: 'en' })).statusCode).toBe(
      200,
    );

    // Roles without the right cannot upload; list stays readable to case readers.
    expect((await startUpload(analyst, caseId, { fileName: 'x.jpg', size: 10 })).statusCode).toBe(403);
    const list = (await api('GET', `/api/cases/${caseId}/evidence`, legal)).json();
    expect(list).toMatchObject({ evidence: [], usedBytes: 0, quotaBytes: 24 * 1024 * 1024 });
  }, 60_000);

  it("applies need-to-know: a sensitive case's evidence does not exist for staff off its team", async () => {
    const caseId = await newCase(duty, {
      ...protestCase,
      violationTypes: ['femicide'],
      narrative: 'Threats against a woman by her partner.',
    });
    const id = await upload(duty, caseId, pdfWith('OB extract'), 'ob.pdf');
    for (const [method, url, body] of [
      ['GET', `/api/cases/${caseId}/evidence`],
      ['GET', `/api/evidence/${id}`],
      ['GET', `/api/evidence/${id}/view`],
      ['POST', `/api/evidence/${id}/download`, { reason: 'curious' }],
      ['POST', `/api/evidence/${id}/hash-check`, {}],
      ['POST', `/api/cases/${caseId}/evidence/uploads`, { fileName: 'x.pdf', size: 100 }],
      ['GET', `/api/cases/${caseId}/testimonies`],
    ] as const) {
      const res = await api(method, url, legal, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // Nothing was read: the only custody entry is the upload.
    expect((await custodyOf(id)).map((e) => e.action)).toEqual(['upload']);
  }, 60_000);

  it('records testimonies, written or recorded, with their language and consent, sealed under the case key', async () => {
    const caseId = await newCase(duty);
    const audioId = await upload(duty, caseId, fakeMp4(9000), 'statement.m4a');
    const written = await api('POST', `/api/cases/${caseId}/testimonies`, legal, {
      text: 'I saw two officers take him into the Land Cruiser.',
      language: 'sw',
      consent: 'court',
    });
    expect(written.statusCode, written.body).toBe(201);
    // The fixture's content is MP4 video: a recording must match the medium it claims.
    const wrong = await api('POST', `/api/cases/${caseId}/testimonies`, legal, {
      medium: 'audio',
      evidenceId: audioId,
      language: 'luo',
      consent: 'internal',
    });
    expect(wrong.statusCode).toBe(400);
    const recorded = await api('POST', `/api/cases/${caseId}/testimonies`, legal, {
      medium: 'video',
      evidenceId: audioId,
      language: 'luo',
      consent: 'public_redacted',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const missing = await api('POST', `/api/cases/${caseId}/testimonies`, legal, {
      language: 'en',
      consent: 'court',
    });
    expect(missing.statusCode).toBe(400);

    const list = (await api('GET', `/api/cases/${caseId}/testimonies`, duty)).json().testimonies;
    expect(list).toHaveLength(2);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          medium: 'text',
          language: 'sw',
          consent: 'court',
          recordedBy: legal.userId,
          text: expect.stringMatching(/Land Cruiser/),
        }),
        expect.objectContaining({
          medium: 'video',
          evidenceId: audioId,
          consent: 'public_redacted',
          text: null,
        }),
      ]),
    );
    const rows = (
      await t.database.query<{ text_enc: string | null }>(
        'select text_enc from testimonies where case_id = $1',
        [caseId],
      )
    ).rows;
    expect(rows.some((r) => r.text_enc?.includes('Land Cruiser'))).toBe(false);
    expect(rows.some((r) => r.text_enc !== null)).toBe(true);

    // The dossier's listing: hashes and a custody summary.
    const c = await t.app.ctx.services.workflow.loadForActor(caseId, {
      id: duty.userId,
      roles: ['duty_officer'],
    });
    const listed = await t.app.ctx.services.evidence.listWithCustody(c);
    expect(listed).toEqual([
      expect.objectContaining({
        id: audioId,
        sha256: expect.any(String),
        custody: expect.objectContaining({ entries: 1, mismatches: 0 }),
      }),
    ]);
  }, 60_000);
  it('an upload replayed from the outbox is one item: the start and each chunk answered again by their Idempotency-Keys', async () => {
    const caseId = await newCase(duty);
    const file = await jpegWithGps();
    const startKey = '01900000-0000-7000-8000-00000000a001';
    const chunkKey = '0b6f3c1e-2d4a-8b5c-9d6e-7f8091a2b3c4';
    const start = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/evidence/uploads`,
        headers: { ...duty.headers, 'idempotency-key': startKey },
        payload: { fileName: 'outbox.jpg', size: file.length },
      });
    const first = await start();
    expect(first.statusCode, first.body).toBe(201);
    const { uploadId } = first.json() as { uploadId: string };
    const chunk = () =>
      t.app.inject({
        method: 'PUT',
        url: `/api/evidence/uploads/${uploadId}`,
        headers: {
          ...duty.headers,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': '0',
          'idempotency-key': chunkKey,
        },
        payload: file,
      });
    const done = await chunk();
    expect(done.statusCode, done.body).toBe(200);
    const { evidenceId } = done.json() as { evidenceId: string };
    // The phone never heard: it starts again (the same upload) and sends the chunk again (the same answer).
    const again = await start();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as { uploadId: string }).uploadId).toBe(uploadId);
    const replayed = await chunk();
    expect(replayed.statusCode).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toMatchObject({ complete: true, evidenceId });
    const list = (await api('GET', `/api/cases/${caseId}/evidence`, duty)).json() as {
      evidence: { id: string }[];
    };
    expect(list.evidence.map((e) => e.id)).toEqual([evidenceId]);
  });
});
