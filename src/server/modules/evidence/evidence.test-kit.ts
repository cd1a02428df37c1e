import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Session } from '../../../../test/helpers.js';
import { CHUNK_CONTENT_TYPE, EVIDENCE_CHUNK_BYTES } from '../../../shared/contracts/evidence.js';

/** The evidence tests' fixtures and request helpers. */
export const CHUNK = EVIDENCE_CHUNK_BYTES;

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A case that is not sensitive by rule, so its creator reads it in full. */
export const protestCase = {
  channel: 'hotline',
  narrative: 'A human rights defender was arrested at a protest in the CBD and taken to Central.',
  county: 'Nairobi',
  inDangerNow: false,
  violationTypes: ['arbitrary_detention', 'protest_repression'],
  reporter: { anonymous: true, locale: 'en' },
  victim: { name: 'Defender Test', sex: 'male', ageGroup: 'adult' },
};

/** A JPEG carrying EXIF with GPS (Nairobi), a camera make and model. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CanaryCam', Model: 'X1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '1/1 17/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '36/1 49/1 0/1',
      },
    })
    .toBuffer();
}

/** An MP4-looking file (an `ftyp` box, then filler) of `size` bytes: the content says video/mp4. */
export function fakeMp4(size: number, fill = 0x5a): Buffer {
  const b = Buffer.alloc(size, fill);
  Buffer.from([0, 0, 0, 0x18]).copy(b, 0);
  Buffer.from('ftypmp42\0\0\0\0mp42isom', 'latin1').copy(b, 4);
  for (let i = 32; i < size; i += 4093) b[i] = i % 251; // not one repeated byte
  return b;
}

/** A small PDF whose text is `text`. */
export function pdfWith(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n` + 'x'.repeat(5000) + '\n%%EOF\n',
    'latin1',
  );
}

export function evidenceHelpers(app: () => FastifyInstance) {
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, s: Session, payload?: object) =>
    app().inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  async function newCase(s: Session, body: object = protestCase): Promise<string> {
    const res = await api('POST', '/api/cases', s, body);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }

  const startUpload = (s: Session, caseId: string, body: object) =>
    api('POST', `/api/cases/${caseId}/evidence/uploads`, s, body);

  const putChunk = (s: Session, uploadId: string, offset: number, chunk: Buffer) =>
    app().inject({
      method: 'PUT',
      url: `/api/evidence/uploads/${uploadId}`,
      headers: { ...s.headers, 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': String(offset) },
      payload: chunk,
    });

  /** Upload a whole file in chunks; returns the evidence id. */
  async function upload(s: Session, caseId: string, file: Buffer, fileName: string, capture?: object) {
    const created = await startUpload(s, caseId, {
      fileName,
      size: file.length,
      ...(capture ? { capture } : {}),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { uploadId } = created.json() as { uploadId: string };
    let last: { evidenceId: string | null; complete: boolean } | undefined;
    for (let off = 0; off < file.length; off += CHUNK) {
      const res = await putChunk(s, uploadId, off, file.subarray(off, off + CHUNK));
      expect(res.statusCode, res.body).toBe(200);
      last = res.json();
    }
    expect(last!.complete).toBe(true);
    return last!.evidenceId!;
  }

  async function download(s: Session, evidenceId: string, reason = 'Prepare the court bundle') {
    return api('POST', `/api/evidence/${evidenceId}/download`, s, { reason });
  }

  return { api, newCase, startUpload, putChunk, upload, download };
}
