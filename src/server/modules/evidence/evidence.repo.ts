import { and, asc, desc, eq, gt, sql, sum } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  casePersons,
  cases,
  dataKeys,
  evidenceCaptures,
  evidenceCustody,
  evidenceItems,
  evidenceUploads,
  testimonies,
  users,
} from '../../db/schema/index.js';

export type { CustodyRow, EvidenceRow, EvidenceUploadRow } from '../../db/schema/index.js';
export type CaptureRow = typeof evidenceCaptures.$inferSelect;
export type TestimonyRow = typeof testimonies.$inferSelect;

/** Every query of the evidence vault and testimonies. */
export function createEvidenceRepo(db: Executor) {
  return {
    /* ---------- uploads ---------- */

    async insertUpload(row: typeof evidenceUploads.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(evidenceUploads).values(row).returning();
      return r!;
    },
    async upload(id: string, tx: Executor = db) {
      const [r] = await tx.select().from(evidenceUploads).where(eq(evidenceUploads.id, id));
      return r;
    },
    async lockUpload(id: string, tx: Executor) {
      const [r] = await tx.select().from(evidenceUploads).where(eq(evidenceUploads.id, id)).for('update');
      return r;
    },
    async setReceived(id: string, received: number, mediaType: string | null, tx: Executor = db) {
      await tx.update(evidenceUploads).set({ received, mediaType }).where(eq(evidenceUploads.id, id));
    },
    async deleteUpload(id: string, tx: Executor = db) {
      await tx.delete(evidenceUploads).where(eq(evidenceUploads.id, id));
    },
    /** Bytes a case holds (items) and has reserved (open uploads), for the quota. */
    async bytesOfCase(
      caseId: string,
      now: Date,
      tx: Executor = db,
    ): Promise<{ used: number; reserved: number }> {
      const [u] = await tx
        .select({ n: sum(evidenceItems.size) })
        .from(evidenceItems)
        .where(eq(evidenceItems.caseId, caseId));
      const [r] = await tx
        .select({ n: sum(evidenceUploads.size) })
        .from(evidenceUploads)
        .where(and(eq(evidenceUploads.caseId, caseId), gt(evidenceUploads.expiresAt, now)));
      return { used: Number(u?.n ?? 0), reserved: Number(r?.n ?? 0) };
    },

    /* ---------- items ---------- */

    /** Every item's sealed blobs with the key that opens them (the post-restore hash check). */
    async sealedBlobs(tx: Executor = db) {
      return tx
        .select({
          id: evidenceItems.id,
          blobId: evidenceItems.blobId,
          size: evidenceItems.size,
          sha256: evidenceItems.sha256,
          viewBlobId: evidenceItems.viewBlobId,
          viewSize: evidenceItems.viewSize,
          viewSha256: evidenceItems.viewSha256,
          dataKeyId: cases.dataKeyId,
          shredded: sql<boolean>`${dataKeys.destroyedAt} is not null`,
        })
        .from(evidenceItems)
        .innerJoin(cases, eq(cases.id, evidenceItems.caseId))
        .innerJoin(dataKeys, eq(dataKeys.id, cases.dataKeyId))
        .orderBy(asc(evidenceItems.uploadedAt));
    },

    async insertItem(row: typeof evidenceItems.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(evidenceItems).values(row).returning();
      return r!;
    },
    async insertCapture(row: typeof evidenceCaptures.$inferInsert, tx: Executor = db) {
      await tx.insert(evidenceCaptures).values(row);
    },
    async item(id: string, tx: Executor = db) {
      const [r] = await tx
        .select({ item: evidenceItems, uploaderName: users.displayName, capture: evidenceCaptures })
        .from(evidenceItems)
        .leftJoin(users, eq(users.id, evidenceItems.uploadedBy))
        .leftJoin(evidenceCaptures, eq(evidenceCaptures.evidenceId, evidenceItems.id))
        .where(eq(evidenceItems.id, id));
      return r;
    },
    async itemsOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select({ item: evidenceItems, uploaderName: users.displayName, capture: evidenceCaptures })
        .from(evidenceItems)
        .leftJoin(users, eq(users.id, evidenceItems.uploadedBy))
        .leftJoin(evidenceCaptures, eq(evidenceCaptures.evidenceId, evidenceItems.id))
        .where(eq(evidenceItems.caseId, caseId))
        .orderBy(desc(evidenceItems.uploadedAt));
    },

    /* ---------- chain of custody ---------- */

    async addCustody(row: typeof evidenceCustody.$inferInsert, tx: Executor = db) {
      await tx.insert(evidenceCustody).values(row);
    },
    async custodyOf(evidenceId: string, tx: Executor = db) {
      return tx
        .select({ entry: evidenceCustody, actorName: users.displayName })
        .from(evidenceCustody)
        .leftJoin(users, eq(users.id, evidenceCustody.actorId))
        .where(eq(evidenceCustody.evidenceId, evidenceId))
        .orderBy(asc(evidenceCustody.seq));
    },
    /** Per item of a case: how many custody entries, the last one, the last hash check and its outcome. */
    async custodySummaryOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select({
          evidenceId: evidenceCustody.evidenceId,
          entries: sql<number>`count(*)::int`,
          lastAt: sql<Date>`max(${evidenceCustody.at})`,
          lastHashCheckAt: sql<Date | null>`max(${evidenceCustody.at}) filter (where ${evidenceCustody.action} = 'hash_check')`,
          mismatches: sql<number>`count(*) filter (where ${evidenceCustody.outcome} = 'mismatch')::int`,
        })
        .from(evidenceCustody)
        .where(eq(evidenceCustody.caseId, caseId))
        .groupBy(evidenceCustody.evidenceId);
    },

    /* ---------- testimonies ---------- */

    async insertTestimony(row: typeof testimonies.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(testimonies).values(row).returning();
      return r!;
    },
    async testimoniesOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select({ testimony: testimonies, recorderName: users.displayName })
        .from(testimonies)
        .leftJoin(users, eq(users.id, testimonies.recordedBy))
        .where(eq(testimonies.caseId, caseId))
        .orderBy(desc(testimonies.recordedAt));
    },
    async personOnCase(caseId: string, personId: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ p: casePersons.personId })
        .from(casePersons)
        .where(and(eq(casePersons.caseId, caseId), eq(casePersons.personId, personId)))
        .limit(1);
      return Boolean(r);
    },
  };
}
export type EvidenceRepo = ReturnType<typeof createEvidenceRepo>;
