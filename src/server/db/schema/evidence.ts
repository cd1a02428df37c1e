import { bigint, bigserial, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';

/**
 * The evidence vault (DESIGN §2.5). An item's original is a sealed blob on disk (AES-256-GCM segments
 * under the case's data key, `modules/evidence/blob-store.ts`); the row keeps its SHA-256 (of the
 * plaintext, computed on receipt and re-verified on every read), its size and the media type detected
 * from its content. The file name is encrypted. Rows never change (a trigger refuses UPDATE and DELETE):
 * the viewing copy is made before the row is written.
 */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Sealed original: blob id (the file under DATA_DIR/evidence), plaintext size and SHA-256 (hex). */
    blobId: uuid('blob_id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    kind: text('kind').notNull(),
    fileNameEnc: text('file_name_enc').notNull(),
    /** Viewing copy (images only): re-encoded, metadata stripped; its own blob and SHA-256. */
    viewBlobId: uuid('view_blob_id'),
    viewSize: bigint('view_size', { mode: 'number' }),
    viewSha256: text('view_sha256'),
    viewMediaType: text('view_media_type'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_items_case_idx').on(t.caseId, t.uploadedAt)],
);

/**
 * A resumable upload in progress: the sealed segments received so far live in a partial blob; `received`
 * is the plaintext offset the next chunk must start at. Deleted when the upload completes.
 */
export const evidenceUploads = pgTable(
  'evidence_uploads',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    fileNameEnc: text('file_name_enc').notNull(),
    /** The client's capture metadata (sealed JSON) until the item exists. */
    captureEnc: text('capture_enc'),
    size: bigint('size', { mode: 'number' }).notNull(),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    mediaType: text('media_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_uploads_case_idx').on(t.caseId)],
);

/**
 * Capture metadata supplied by the client (time, place, device, the hash the device computed at
 * capture): an immutable record linked to its item (UPDATE and DELETE refused). The place and device are
 * sealed under the case's data key; the times and hashes stay in clear.
 */
export const evidenceCaptures = pgTable('evidence_captures', {
  evidenceId: uuid('evidence_id')
    .primaryKey()
    .references(() => evidenceItems.id),
  capturedAt: timestamp('captured_at', { withTimezone: true }),
  sha256AtCapture: text('sha256_at_capture'),
  /** Whether the hash at capture equals the SHA-256 computed on receipt (null: none given). */
  hashMatches: boolean('hash_matches'),
  detailsEnc: text('details_enc'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

/**
 * Chain of custody: every upload, view, download, export, share and hash check of an item, append-only
 * like the audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). Who, when, why (sealed under the
 * case's key), the hash observed and the outcome.
 */
export const evidenceCustody = pgTable(
  'evidence_custody',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    evidenceId: uuid('evidence_id').notNull(),
    caseId: uuid('case_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reasonEnc: text('reason_enc'),
    sha256: text('sha256'),
    outcome: text('outcome').notNull(),
    /** Which copy the entry is about: `original` or `view`. */
    copy: text('copy').notNull().default('original'),
  },
  (t) => [index('evidence_custody_item_idx').on(t.evidenceId, t.seq)],
);

export type EvidenceRow = typeof evidenceItems.$inferSelect;
export type EvidenceUploadRow = typeof evidenceUploads.$inferSelect;
export type CustodyRow = typeof evidenceCustody.$inferSelect;
