import { afterEach, describe, expect, it, vi } from 'vitest';
import { isIdempotencyKey, uuidv7 } from '../../../shared/idempotency.js';
import { chunkKey, sendPhoto } from './photoUpload.js';

/**
 * A small stand-in for the server's resumable upload (ADR 0010) with its Idempotency-Key plugin: a key
 * seen before is answered with its first answer; a completed upload is deleted (its status is then
 * 404), exactly as the real routes behave.
 */
function fakeServer(chunkBytes: number) {
  const answers = new Map<string, { status: number; body: unknown }>();
  const uploads = new Map<string, { size: number; received: number }>();
  const evidence: string[] = [];
  let loseNextCompletion = false;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const view = (id: string, u: { size: number; received: number }, evidenceId: string | null = null) => ({
    uploadId: id,
    caseId: 'c',
    size: u.size,
    offset: u.received,
    chunkBytes,
    complete: evidenceId !== null,
    evidenceId,
    expiresAt: '2026-12-07T00:00:00Z',
  });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const key = headers.get('idempotency-key');
    if (key && answers.has(key)) {
      const a = answers.get(key)!;
      return json(a.status, a.body);
    }
    let body: unknown;
    let lost = false;
    if (method === 'POST' && path.endsWith('/evidence/uploads')) {
      const { size } = JSON.parse(String(init?.body)) as { size: number };
      const id = `u${uploads.size + 1}`;
      uploads.set(id, { size, received: 0 });
      body = view(id, uploads.get(id)!);
    } else {
      const id = path.split('/').pop()!;
      const u = uploads.get(id);
      if (!u) return json(404, { error: { code: 'NOT_FOUND', message: 'not found' } });
      if (method === 'GET') return json(200, view(id, u));
      const offset = Number(headers.get('upload-offset'));
      const bytes = (init?.body as Uint8Array).length;
      if (offset !== u.received)
        return json(409, { error: { code: 'UPLOAD_OFFSET_MISMATCH', message: 'offset' } });
      u.received += bytes;
      if (u.received === u.size) {
        evidence.push(id);
        uploads.delete(id);
        body = view(id, u, `e-${id}`);
        lost = loseNextCompletion;
        loseNextCompletion = false;
      } else body = view(id, u);
    }
    if (key) answers.set(key, { status: 200, body });
    // The server did the work; the answer never reaches the phone.
    if (lost) throw new TypeError('network connection was lost');
    return json(200, body);
  });
  return {
    fetch,
    evidence,
    loseNextCompletion: () => {
      loseNextCompletion = true;
    },
  };
}

describe('a photo from the outbox', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives each chunk of each item its own stable key', async () => {
    const a = uuidv7();
    const b = uuidv7();
    expect(await chunkKey(a, 0)).toBe(await chunkKey(a, 0));
    expect(await chunkKey(a, 0)).not.toBe(await chunkKey(a, 4));
    expect(await chunkKey(a, 0)).not.toBe(await chunkKey(b, 0));
    expect(isIdempotencyKey(await chunkKey(a, 8 * 1024 * 1024))).toBe(true);
  });

  it('is uploaded exactly once when the answer to its completing chunk is lost', async () => {
    const server = fakeServer(4);
    vi.stubGlobal('fetch', server.fetch);
    const id = uuidv7();
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const req = { path: '/api/cases/c/evidence/uploads', body: { fileName: 'a.jpg', size: bytes.length } };

    server.loseNextCompletion();
    await expect(sendPhoto(id, req, bytes)).rejects.toMatchObject({ status: 0 });
    expect(server.evidence).toHaveLength(1);

    // The outbox tries again: the same upload, every chunk answered from the first time.
    const done = await sendPhoto(id, req, bytes);
    expect(done).toMatchObject({ complete: true, evidenceId: 'e-u1' });
    expect(server.evidence).toEqual(['u1']);
  });

  it('resumes from where the server is after a chunk sent without a key', async () => {
    const server = fakeServer(4);
    vi.stubGlobal('fetch', server.fetch);
    const id = uuidv7();
    const bytes = new Uint8Array(10);
    const req = { path: '/api/cases/c/evidence/uploads', body: { fileName: 'b.jpg', size: 10 } };
    // Someone (an earlier console) sent the first chunk on this upload already.
    const start = (await (
      await server.fetch(req.path, {
        method: 'POST',
        headers: { 'idempotency-key': id },
        body: JSON.stringify(req.body),
      })
    ).json()) as { uploadId: string };
    await server.fetch(`/api/evidence/uploads/${start.uploadId}`, {
      method: 'PUT',
      headers: { 'upload-offset': '0' },
      body: bytes.subarray(0, 4),
    });
    const done = await sendPhoto(id, req, bytes);
    expect(done.complete).toBe(true);
    expect(server.evidence).toEqual([start.uploadId]);
  });
});
