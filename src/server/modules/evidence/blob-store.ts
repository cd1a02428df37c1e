import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_CHUNK_BYTES } from '../../../shared/contracts/evidence.js';
import { blobSegmentAad } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';

/** IV (12) + tag (16) around each segment's ciphertext. */
const OVERHEAD = 28;
const SEGMENT = EVIDENCE_CHUNK_BYTES + OVERHEAD;

/** A blob could not be read back as it was written: missing, cut, reordered or changed on disk. */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}

/** How many segments a blob of `size` plaintext bytes has (at least one). */
export const segmentCount = (size: number) => Math.max(1, Math.ceil(size / EVIDENCE_CHUNK_BYTES));

/**
 * Evidence blobs on disk, under `<DATA_DIR>/evidence` (ADR 0010). A blob is a run of segments, each one
 * chunk of plaintext sealed with AES-256-GCM under the case's data key (`iv ‖ ciphertext ‖ tag`), its AAD
 * naming the blob, the segment's index and whether it is the last: a changed byte, a swapped or missing
 * segment, or a blob cut at a segment boundary all fail to open. Files are named by random ids, so neither
 * a name nor a byte of content is on disk in clear. A partial blob (an upload in progress) grows one
 * segment per chunk under `partial/` and is renamed into `blobs/` when complete; blobs are never written
 * again.
 */
export function createBlobStore(root: string, vault: Pick<Vault, 'sealBytes' | 'openBytes'>) {
  const blobsDir = path.join(root, 'blobs');
  const partialDir = path.join(root, 'partial');

  const blobPath = (id: string) => path.join(blobsDir, id.slice(0, 2), id);
  const partialPath = (id: string) => path.join(partialDir, id);

  /**
   * Write segment `index` of a partial blob. Whatever lies past the segment's start (a chunk whose
   * database update did not commit) is cut first, so a retried chunk replaces it.
   */
  async function appendSegment(
    id: string,
    keyId: string,
    index: number,
    plaintext: Buffer,
    last: boolean,
  ): Promise<void> {
    const sealed = await vault.sealBytes(keyId, plaintext, blobSegmentAad(id, index, last));
    await mkdir(partialDir, { recursive: true, mode: 0o700 }); // made on first use, not at boot
    const fh = await open(partialPath(id), constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      await fh.truncate(index * SEGMENT);
      await fh.write(sealed, 0, sealed.length, index * SEGMENT);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** The partial blob becomes a sealed blob (same id). */
  async function seal(id: string): Promise<void> {
    await mkdir(path.dirname(blobPath(id)), { recursive: true, mode: 0o700 });
    await rename(partialPath(id), blobPath(id));
  }

  /** A whole blob written at once (a viewing copy). */
  async function writeBlob(id: string, keyId: string, plaintext: Buffer): Promise<void> {
    const count = segmentCount(plaintext.length);
    for (let i = 0; i < count; i++) {
      const part = plaintext.subarray(i * EVIDENCE_CHUNK_BYTES, (i + 1) * EVIDENCE_CHUNK_BYTES);
      await appendSegment(id, keyId, i, part, i === count - 1);
    }
    await seal(id);
  }

  /** The plaintext of a blob, one segment at a time; IntegrityError when anything does not open. */
  async function* segments(
    id: string,
    keyId: string,
    size: number,
    where: 'blob' | 'partial' = 'blob',
  ): AsyncGenerator<Buffer> {
    const file = where === 'blob' ? blobPath(id) : partialPath(id);
    const count = segmentCount(size);
    const expected = size + count * OVERHEAD;
    const fh = await open(file, 'r').catch(() => {
      throw new IntegrityError(`blob ${id} is missing`);
    });
    try {
      const { size: onDisk } = await fh.stat();
      if (onDisk !== expected)
        throw new IntegrityError(`blob ${id} has ${onDisk} bytes, expected ${expected}`);
      for (let i = 0; i < count; i++) {
        const plainLen = i === count - 1 ? size - i * EVIDENCE_CHUNK_BYTES : EVIDENCE_CHUNK_BYTES;
        const buf = Buffer.alloc(plainLen + OVERHEAD);
        await fh.read(buf, 0, buf.length, i * SEGMENT);
        let plain: Buffer;
        try {
          plain = await vault.openBytes(keyId, buf, blobSegmentAad(id, i, i === count - 1));
        } catch {
          throw new IntegrityError(`blob ${id} segment ${i} does not open`);
        }
        yield plain;
      }
    } finally {
      await fh.close();
    }
  }

  /** SHA-256 (hex) of a blob's plaintext; with `keep`, also the plaintext itself (small files only). */
  async function digest(
    id: string,
    keyId: string,
    size: number,
    opts: { where?: 'blob' | 'partial'; keep?: boolean } = {},
  ): Promise<{ sha256: string; plaintext: Buffer | null }> {
    const hash = createHash('sha256');
    const parts: Buffer[] = [];
    for await (const part of segments(id, keyId, size, opts.where)) {
      hash.update(part);
      if (opts.keep) parts.push(part);
    }
    return { sha256: hash.digest('hex'), plaintext: opts.keep ? Buffer.concat(parts) : null };
  }

  return {
    appendSegment,
    seal,
    writeBlob,
    segments,
    digest,
    /** Bytes of a partial blob on disk (0 when there is none yet). */
    partialBytes: (id: string) =>
      stat(partialPath(id)).then(
        (s) => s.size,
        () => 0,
      ),
    discardPartial: (id: string) => rm(partialPath(id), { force: true }),
    discardBlob: (id: string) => rm(blobPath(id), { force: true }),
    /** Where a blob lives (tests flip bytes there; nothing else should need it). */
    pathOf: blobPath,
    root,
  };
}
export type BlobStore = ReturnType<typeof createBlobStore>;
