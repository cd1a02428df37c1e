import { z } from 'zod';

/**
 * The evidence vault and testimonies (DESIGN §2.5). Uploads use Dharura's resumable chunked protocol
 * (docs/adr/0010-evidence-vault.md): create an upload, PUT fixed-size chunks at the server's offset,
 * ask the offset after an interruption, and the last chunk completes the item.
 */

const trimmed = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();
const sha256Hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex (64 characters)');

export { CHUNK_CONTENT_TYPE, EVIDENCE_CHUNK_BYTES } from '../uploads.js';

export const evidenceKinds = ['image', 'video', 'audio', 'document'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const custodyActions = ['upload', 'view', 'download', 'export', 'share', 'hash_check'] as const;
export type CustodyAction = (typeof custodyActions)[number];

export const testimonyMedia = ['text', 'audio', 'video'] as const;
/** Consent to use: inside the organisation only, in court, or in public once redacted. */
export const testimonyConsents = ['internal', 'court', 'public_redacted'] as const;

export const caseIdParams = z.object({ id: uuid });
export const evidenceParams = z.object({ evidenceId: uuid });
export const uploadParams = z.object({ uploadId: uuid });

/** What the capturing device says about the file (all optional; kept as an immutable record). */
export const captureInput = z.object({
  capturedAt: isoDate.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracyMetres: z.number().min(0).max(1_000_000).optional(),
  device: trimmed(200).min(1).optional(),
  sha256: sha256Hex.optional(),
});
export type CaptureInput = z.input<typeof captureInput>;

export const uploadCreateInput = z.object({
  fileName: trimmed(255).min(1),
  /** Plaintext size in bytes. */
  size: z.number().int().min(1),
  capture: captureInput.optional(),
});
export type UploadCreateInput = z.input<typeof uploadCreateInput>;

export const uploadView = z.object({
  uploadId: uuid,
  caseId: uuid,
  size: z.number(),
  /** The next chunk starts here. */
  offset: z.number(),
  chunkBytes: z.number(),
  complete: z.boolean(),
  /** Set by the chunk that completed the upload. */
  evidenceId: uuid.nullable(),
  expiresAt: z.string(),
});
export type UploadView = z.infer<typeof uploadView>;

export const captureView = z.object({
  capturedAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accuracyMetres: z.number().nullable(),
  device: z.string().nullable(),
  sha256AtCapture: z.string().nullable(),
  hashMatches: z.boolean().nullable(),
  recordedAt: z.string(),
});

export const custodyEntryView = z.object({
  id: uuid,
  action: z.enum(custodyActions),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  sha256: z.string().nullable(),
  outcome: z.enum(['ok', 'mismatch']),
  copy: z.enum(['original', 'view']),
});
export type CustodyEntryView = z.infer<typeof custodyEntryView>;

export const evidenceView = z.object({
  id: uuid,
  caseId: uuid,
  fileName: z.string().nullable(),
  kind: z.enum(evidenceKinds),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** Images only: a re-encoded copy without metadata (EXIF, GPS, XMP, maker notes). */
  hasViewingCopy: z.boolean(),
  uploadedBy: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
  capture: captureView.nullable(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const evidenceDetailView = evidenceView.extend({ custody: z.array(custodyEntryView) });
export type EvidenceDetailView = z.infer<typeof evidenceDetailView>;

export const evidenceList = z.object({
  evidence: z.array(evidenceView),
  usedBytes: z.number(),
  quotaBytes: z.number(),
  maxFileBytes: z.number(),
});
export type EvidenceList = z.infer<typeof evidenceList>;

/** A download of the original, or a recorded export or share: always with a reason. */
export const reasonInput = z.object({ reason: trimmed(500).min(3) });
export type ReasonInput = z.input<typeof reasonInput>;

export const hashCheckView = z.object({ evidenceId: uuid, sha256: z.string(), outcome: z.literal('ok') });

/* ---------- Testimonies ---------- */

export const testimonyInput = z
  .object({
    medium: z.enum(testimonyMedia).default('text'),
    text: trimmed(50_000).optional(),
    /** A recording already in this case's vault (audio or video). */
    evidenceId: uuid.optional(),
    /** Who gave it (a person on the case), when known. */
    personId: uuid.optional(),
    language: trimmed(35).min(2),
    consent: z.enum(testimonyConsents),
    recordedAt: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.medium === 'text' && !v.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required for a written testimony' });
    if (v.medium !== 'text' && !v.evidenceId)
      ctx.addIssue({ code: 'custom', path: ['evidenceId'], message: 'is required for a recording' });
  });
export type TestimonyInput = z.input<typeof testimonyInput>;

export const testimonyView = z.object({
  id: uuid,
  caseId: uuid,
  medium: z.enum(testimonyMedia),
  text: z.string().nullable(),
  evidenceId: z.string().nullable(),
  personId: z.string().nullable(),
  language: z.string().nullable(),
  consent: z.enum(testimonyConsents),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type TestimonyView = z.infer<typeof testimonyView>;
