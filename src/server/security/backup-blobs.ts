import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The evidence blob store in a backup (issue #16). Blobs are already sealed on disk (AES-256-GCM
 * segments under each case's data key, `modules/evidence/blob-store.ts`), so a backup carries their
 * bytes as they are: ciphertext only, never opened. The manifest (blob id, size and SHA-256 of the
 * ciphertext) travels inside the backup's sealed body, so it is authenticated; the bytes follow the body
 * in manifest order, and a restore checks each one against its manifest hash before it is put in place.
 * Partial blobs (uploads in progress) are not carried: such an upload starts again after a restore.
 */
export interface BlobEntry {
  /** The blob's file name (a random id): `blobs/<first two>/<id>` under the store's root. */
  id: string;
  bytes: number;
  sha256: string;
}

const ID = /^[0-9a-f-]{36}$/;
const blobFile = (root: string, id: string) => path.join(root, 'blobs', id.slice(0, 2), id);

async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Every sealed blob under `root` with its ciphertext's size and SHA-256 (empty when there is no store). */
export async function blobManifest(root: string): Promise<BlobEntry[]> {
  const dir = path.join(root, 'blobs');
  if (!existsSync(dir)) return [];
  const out: BlobEntry[] = [];
  for (const prefix of readdirSync(dir).sort()) {
    const sub = path.join(dir, prefix);
    if (!statSync(sub).isDirectory()) continue;
    for (const id of readdirSync(sub).sort()) {
      if (!ID.test(id)) continue;
      const file = path.join(sub, id);
      out.push({ id, bytes: statSync(file).size, sha256: await hashFile(file) });
    }
  }
  return out;
}

/** Append the manifest's blobs, in order, to the end of `file`; a blob changed since it was hashed fails. */
export async function appendBlobs(file: string, root: string, manifest: readonly BlobEntry[]): Promise<void> {
  for (const b of manifest) {
    const h = createHash('sha256');
    let n = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        h.update(chunk);
        n += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(createReadStream(blobFile(root, b.id)), tap, createWriteStream(file, { flags: 'a' }));
    if (n !== b.bytes || h.digest('hex') !== b.sha256)
      throw new Error(`evidence blob ${b.id} changed while the backup was written: run it again`);
  }
}

/**
 * Put the manifest's blobs back under `root`, read from `file` starting at `offset`. Each blob is written
 * beside its place, its SHA-256 checked against the manifest, and only then renamed into place; a
 * mismatch stops the restore with the blob's id. An existing blob with the same id is refused.
 */
export async function restoreBlobs(
  file: string,
  offset: number,
  manifest: readonly BlobEntry[],
  root: string,
  onMismatch: (id: string) => Error,
): Promise<number> {
  let at = offset;
  for (const b of manifest) {
    if (!ID.test(b.id)) throw onMismatch(b.id);
    const target = blobFile(root, b.id);
    if (existsSync(target)) throw onMismatch(b.id);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.restoring`;
    const h = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        h.update(chunk);
        done(null, chunk);
      },
    });
    const source =
      b.bytes === 0 ? [Buffer.alloc(0)] : createReadStream(file, { start: at, end: at + b.bytes - 1 });
    await pipeline(source, tap, createWriteStream(tmp, { mode: 0o600 }));
    if (statSync(tmp).size !== b.bytes || h.digest('hex') !== b.sha256) {
      await rm(tmp, { force: true });
      throw onMismatch(b.id);
    }
    await rename(tmp, target);
    at += b.bytes;
  }
  return manifest.length;
}
