import { createHash, randomUUID } from 'node:crypto';
import {
  type captureInput,
  EVIDENCE_CHUNK_BYTES,
  type uploadCreateInput,
  type UploadView,
} from '../../../shared/contracts/evidence.js';
import type { z } from 'zod';
import type { CaseRow, EvidenceUploadRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { requireNotShredded } from '../../security/vault.js';
import { UPLOAD_TTL_MS, type EvidenceDeps, type EvidenceKit } from './evidence.shared.js';
import { detectMedia, kindOf, makeViewingCopy, VIEWING_COPY_MAX_BYTES } from './media.js';

type Capture = z.output<typeof captureInput>;

/**
 * Resumable uploads (ADR 0010): an upload is created with its declared size (quotas are checked then),
 * receives fixed-size chunks at the offset the server holds — each chunk sealed into the partial blob as
 * it arrives, so no plaintext ever touches the disk — and the chunk that reaches the declared size
 * completes it: the SHA-256 of the plaintext is computed from the sealed blob, the viewing copy made,
 * and the item, its capture record and its first custody entry written together.
 */
export function createUploadUseCases(deps: EvidenceDeps, kit: EvidenceKit) {
  const { db, repo, workflow, vault, clock, store, limits } = deps;

  const view = (u: EvidenceUploadRow, evidenceId: string | null = null): UploadView => ({
    uploadId: u.id,
    caseId: u.caseId,
    size: u.size,
    offset: u.received,
    chunkBytes: EVIDENCE_CHUNK_BYTES,
    complete: evidenceId !== null,
    evidenceId,
    expiresAt: u.expiresAt.toISOString(),
  });

  async function createUpload(
    caseId: string,
    actor: Actor,
    input: z.output<typeof uploadCreateInput>,
  ): Promise<UploadView> {
    const c = await workflow.loadForActor(caseId, actor).catch(requireNotShredded);
    const size = input.size;
    if (size > limits.maxFileBytes)
      throw new AppError('EVIDENCE_TOO_LARGE', { maxBytes: limits.maxFileBytes });
    const now = clock.now();
    const { used, reserved } = await repo.bytesOfCase(c.id, now);
    if (used + reserved + size > limits.maxCaseBytes)
      throw new AppError('EVIDENCE_QUOTA_EXCEEDED', { maxBytes: limits.maxCaseBytes });
    const id = randomUUID();
    const capture = input.capture ?? null;
    const row = await db
      .transaction(async (tx) =>
        repo.insertUpload(
          {
            id,
            caseId: c.id,
            createdBy: actor.id,
            fileNameEnc: await vault.encrypt(
              c.dataKeyId,
              input.fileName.trim(),
              aad('evidence_uploads', 'file_name', id),
              tx,
            ),
            captureEnc: capture
              ? await vault.encrypt(
                  c.dataKeyId,
                  JSON.stringify(capture),
                  aad('evidence_uploads', 'capture', id),
                  tx,
                )
              : null,
            size,
            received: 0,
            createdAt: now,
            expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
          },
          tx,
        ),
      )
      .catch(requireNotShredded);
    return view(row);
  }

  /** The upload as its creator may see it (others, and expired uploads, do not exist). */
  async function ownUpload(uploadId: string, actor: Actor): Promise<{ u: EvidenceUploadRow; c: CaseRow }> {
    const u = await repo.upload(uploadId);
    if (!u || u.createdBy !== actor.id || u.expiresAt.getTime() <= clock.now().getTime())
      throw new AppError('NOT_FOUND');
    const c = await workflow.loadForActor(u.caseId, actor).catch(requireNotShredded);
    return { u, c };
  }

  /** Where an interrupted upload resumes. */
  async function uploadStatus(uploadId: string, actor: Actor): Promise<UploadView> {
    return view((await ownUpload(uploadId, actor)).u);
  }

  /** Give up an upload: its reservation and partial blob go. */
  async function cancelUpload(uploadId: string, actor: Actor): Promise<void> {
    const { u } = await ownUpload(uploadId, actor);
    await repo.deleteUpload(u.id);
    await store.discardPartial(u.id);
  }

  /**
   * One chunk at `offset` (which must be where the server is). Every chunk but the last is exactly
   * `EVIDENCE_CHUNK_BYTES`; the first one's content decides the media type (refused types end the
   * upload). An empty chunk at the end retries a completion that was interrupted.
   */
  async function putChunk(uploadId: string, actor: Actor, offset: number, body: Buffer): Promise<UploadView> {
    const { u, c } = await ownUpload(uploadId, actor);
    if (offset !== u.received) throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: u.received });
    if (u.received === u.size) {
      if (body.length !== 0) throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: u.received });
      return complete(u, c, actor);
    }
    const expected = Math.min(EVIDENCE_CHUNK_BYTES, u.size - u.received);
    if (body.length !== expected)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'body', message: `must be ${expected} bytes at this offset` }],
      });
    let mediaType = u.mediaType;
    if (u.received === 0) {
      const found = await detectMedia(body);
      if (!found) {
        await repo.deleteUpload(u.id);
        await store.discardPartial(u.id);
        throw new AppError('EVIDENCE_TYPE_UNSUPPORTED');
      }
      mediaType = found.mediaType;
    }
    const received = u.received + body.length;
    const index = u.received / EVIDENCE_CHUNK_BYTES;
    const updated = await db.transaction(async (tx) => {
      const locked = await repo.lockUpload(u.id, tx);
      if (!locked || locked.received !== offset)
        throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: locked?.received ?? 0 });
      await store.appendSegment(u.id, c.dataKeyId, index, body, received === u.size);
      await repo.setReceived(u.id, received, mediaType, tx);
      return { ...locked, received, mediaType };
    });
    return received === u.size ? complete(updated, c, actor) : view(updated);
  }

  /** Seal the item: hash the plaintext (from the sealed blob), make the viewing copy, write the records. */
  async function complete(u: EvidenceUploadRow, c: CaseRow, actor: Actor): Promise<UploadView> {
    const found = u.mediaType ? kindOf(u.mediaType) : null;
    if (!found) throw new AppError('EVIDENCE_TYPE_UNSUPPORTED');
    const small = found === 'image' && u.size <= VIEWING_COPY_MAX_BYTES;
    // A completion retried after a crash may find the blob already moved out of `partial/`.
    const partial = (await store.partialBytes(u.id)) > 0;
    const where = partial ? 'partial' : 'blob';
    const { sha256, plaintext } = await store.digest(u.id, c.dataKeyId, u.size, { where, keep: small });
    const copy = plaintext ? await makeViewingCopy(plaintext) : null;
    const id = randomUUID();
    let viewing: { id: string; size: number; sha256: string } | null = null;
    if (copy) {
      viewing = {
        id: randomUUID(),
        size: copy.length,
        sha256: createHash('sha256').update(copy).digest('hex'),
      };
      await store.writeBlob(viewing.id, c.dataKeyId, copy);
    }
    if (partial) await store.seal(u.id);
    const now = clock.now();
    const fileName = await vault.decrypt(
      c.dataKeyId,
      u.fileNameEnc,
      aad('evidence_uploads', 'file_name', u.id),
    );
    const capture = u.captureEnc
      ? (JSON.parse(
          await vault.decrypt(c.dataKeyId, u.captureEnc, aad('evidence_uploads', 'capture', u.id)),
        ) as Capture)
      : null;
    await db.transaction(async (tx) => {
      const item = await repo.insertItem(
        {
          id,
          caseId: c.id,
          blobId: u.id,
          size: u.size,
          sha256,
          mediaType: u.mediaType!,
          kind: found,
          fileNameEnc: await vault.encrypt(c.dataKeyId, fileName, aad('evidence_items', 'file_name', id), tx),
          viewBlobId: viewing?.id ?? null,
          viewSize: viewing?.size ?? null,
          viewSha256: viewing?.sha256 ?? null,
          viewMediaType: viewing ? 'image/jpeg' : null,
          uploadedBy: actor.id,
          uploadedAt: now,
        },
        tx,
      );
      if (capture) await writeCapture(c, id, sha256, capture, now, tx);
      await repo.deleteUpload(u.id, tx);
      await kit.custody(c, { item, action: 'upload', actor, at: now, sha256, outcome: 'ok' }, tx);
      await kit.caseLog(
        {
          caseId: c.id,
          actorId: actor.id,
          type: 'evidence.added',
          data: {
            evidenceId: id,
            kind: found,
            mediaType: u.mediaType,
            size: u.size,
            sha256,
            viewingCopy: Boolean(viewing),
          },
          at: now,
        },
        tx,
      );
    });
    return view({ ...u, received: u.size }, id);
  }

  /** The capture record: times and hashes in clear, place and device sealed under the case's key. */
  async function writeCapture(
    c: CaseRow,
    evidenceId: string,
    sha256: string,
    capture: Capture,
    now: Date,
    tx: Parameters<typeof repo.insertCapture>[1],
  ) {
    const details = {
      latitude: capture.latitude ?? null,
      longitude: capture.longitude ?? null,
      accuracyMetres: capture.accuracyMetres ?? null,
      device: capture.device ?? null,
    };
    const any = Object.values(details).some((v) => v !== null);
    await repo.insertCapture(
      {
        evidenceId,
        capturedAt: capture.capturedAt ? new Date(capture.capturedAt) : null, // JSON brought it back as text
        sha256AtCapture: capture.sha256 ?? null,
        hashMatches: capture.sha256 ? capture.sha256 === sha256 : null,
        detailsEnc: any
          ? await vault.encrypt(
              c.dataKeyId,
              JSON.stringify(details),
              aad('evidence_captures', 'details', evidenceId),
              tx,
            )
          : null,
        recordedAt: now,
      },
      tx,
    );
  }

  return { createUpload, uploadStatus, cancelUpload, putChunk };
}
