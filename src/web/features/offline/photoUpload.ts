import { api, ApiError, currentCsrfToken } from '../../api/client.js';
import type { UploadView } from '../../../shared/contracts/evidence.js';
import { CHUNK_CONTENT_TYPE } from '../../../shared/uploads.js';
import { i18n } from '../../i18n/index.js';

/**
 * An evidence photo from the outbox (docs/adr/0011), sent exactly once over the resumable upload
 * protocol (ADR 0010). The upload is started with the outbox item's id as its Idempotency-Key, so a
 * retry gets the same upload back; every chunk carries a key of its own, derived from the item and the
 * chunk's offset, so a chunk whose answer was lost — the last one completes the item — is answered
 * again from the server's first answer instead of being written twice (or found gone: a completed
 * upload is deleted).
 */
export const MAX_OUTBOX_PHOTO_BYTES = 20 * 1024 * 1024;

/** A stable Idempotency-Key (a UUID, version 8: RFC 9562's custom layout) for one chunk of one item. */
export async function chunkKey(itemId: string, offset: number): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${itemId}:chunk:${offset}`)),
  );
  const b = digest.slice(0, 16);
  b[6] = 0x80 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface PhotoRequest {
  /** POST /api/cases/:id/evidence/uploads */
  path: string;
  body: { fileName: string; size: number; capture?: unknown };
}

async function putChunk(uploadId: string, offset: number, chunk: Uint8Array, key: string) {
  let res: Response;
  try {
    const headers: Record<string, string> = {
      'content-type': CHUNK_CONTENT_TYPE,
      'upload-offset': String(offset),
      'idempotency-key': key,
      'accept-language': i18n.language || 'en',
    };
    const csrf = currentCsrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    res = await fetch(`/api/evidence/uploads/${encodeURIComponent(uploadId)}`, {
      method: 'PUT',
      headers,
      credentials: 'same-origin',
      body: chunk as Uint8Array<ArrayBuffer>,
    });
    if (res.ok) return (await res.json()) as UploadView;
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  throw new ApiError(
    res.status,
    body?.error?.code ?? `HTTP_${res.status}`,
    body?.error?.message ?? i18n.t('errors.unexpected'),
  );
}

/** Send the photo; resolves with the completed upload (its evidence id) or rejects with an ApiError. */
export async function sendPhoto(itemId: string, req: PhotoRequest, bytes: Uint8Array): Promise<UploadView> {
  let up = await api<UploadView>(req.path, { method: 'POST', body: req.body, idempotencyKey: itemId });
  let mismatches = 0;
  while (!up.complete) {
    const chunk = bytes.subarray(up.offset, Math.min(bytes.length, up.offset + up.chunkBytes));
    try {
      up = await putChunk(up.uploadId, up.offset, chunk, await chunkKey(itemId, up.offset));
    } catch (e) {
      // Not where the server is (a chunk sent before without a key): ask where, and go on from there.
      if (!(e instanceof ApiError && e.code === 'UPLOAD_OFFSET_MISMATCH') || ++mismatches > 3) throw e;
      up = await api<UploadView>(`/api/evidence/uploads/${encodeURIComponent(up.uploadId)}`);
    }
  }
  return up;
}
