import type { Executor } from '../../db/client.js';
import type { Vault } from '../../security/vault.js';
import { createBlobStore, IntegrityError } from './blob-store.js';
import { createEvidenceRepo } from './evidence.repo.js';

export interface RestoreCheck {
  /** Blobs (originals and viewing copies) whose plaintext SHA-256 matched the row's. */
  verified: number;
  /** Items on cases whose data key was shredded: nothing to open, by design. */
  shredded: number;
  /** Evidence ids whose original or viewing copy is missing, does not open or has another hash. */
  failed: string[];
}

/**
 * After a restore: open every evidence item's sealed original (and viewing copy) in the restored blob
 * store under its case's key, and compare the SHA-256 of the plaintext with the one recorded on receipt.
 * The backup's own hashes prove the ciphertext came back byte for byte; this proves it still opens to
 * the file that was uploaded. Nothing is written, and only hashes are compared.
 */
export async function verifyRestoredEvidence(
  db: Executor,
  vault: Pick<Vault, 'sealBytes' | 'openBytes'>,
  root: string,
): Promise<RestoreCheck> {
  const store = createBlobStore(root, vault);
  const out: RestoreCheck = { verified: 0, shredded: 0, failed: [] };
  for (const item of await createEvidenceRepo(db).sealedBlobs()) {
    if (item.shredded) {
      out.shredded++;
      continue;
    }
    const blobs: [string, number, string][] = [[item.blobId, item.size, item.sha256]];
    if (item.viewBlobId && item.viewSize !== null && item.viewSha256)
      blobs.push([item.viewBlobId, item.viewSize, item.viewSha256]);
    let ok = true;
    for (const [blobId, size, sha256] of blobs) {
      try {
        const got = await store.digest(blobId, item.dataKeyId, size);
        if (got.sha256 === sha256) out.verified++;
        else ok = false;
      } catch (e) {
        if (!(e instanceof IntegrityError)) throw e;
        ok = false;
      }
    }
    if (!ok) out.failed.push(item.id);
  }
  return out;
}
