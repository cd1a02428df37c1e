import { createEvidenceKit, type EvidenceDeps } from './evidence.shared.js';
import { createEvidenceViews } from './evidence.views.js';
import { createReadUseCases } from './reads.js';
import { createTestimonyUseCases } from './testimonies.js';
import { createUploadUseCases } from './uploads.js';

export type { EvidenceDeps } from './evidence.shared.js';

/**
 * The evidence vault and testimonies (DESIGN §2.5, ADR 0010): resumable uploads sealed under the case's
 * data key as they arrive, SHA-256 on receipt and on every read, viewing copies without metadata, capture
 * records, and the append-only chain of custody. Each family of use cases lives in its own file.
 */
export function createEvidenceService(deps: EvidenceDeps) {
  const kit = createEvidenceKit(deps);
  const views = createEvidenceViews(deps.vault);
  const uploads = createUploadUseCases(deps, kit);
  const reads = createReadUseCases(deps, kit, views);
  const testimonies = createTestimonyUseCases(deps, kit, views);
  return {
    limits: deps.limits,
    createUpload: uploads.createUpload,
    uploadStatus: uploads.uploadStatus,
    cancelUpload: uploads.cancelUpload,
    putChunk: uploads.putChunk,
    list: reads.list,
    detail: reads.detail,
    viewCopy: reads.viewCopy,
    download: reads.download,
    hashCheck: reads.hashCheck,
    /** For the dossier and exports: verify an item and record its export or share in the custody chain. */
    recordRelease: reads.recordRelease,
    /** For the dossier: a case's evidence with SHA-256 and a custody summary (case already loaded). */
    listWithCustody: reads.listWithCustody,
    recordTestimony: testimonies.record,
    testimonies: testimonies.list,
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
