import { Readable } from 'node:stream';
import type { EvidenceDetailView, EvidenceList } from '../../../shared/contracts/evidence.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { requireNotShredded } from '../../security/vault.js';
import { IntegrityError } from './blob-store.js';
import type { EvidenceRow } from './evidence.repo.js';
import type { EvidenceDeps, EvidenceKit } from './evidence.shared.js';
import type { EvidenceViews } from './evidence.views.js';

type ReadAction = 'view' | 'download' | 'hash_check' | 'export' | 'share';

/**
 * Reading the vault. Every read of a file re-computes the SHA-256 of what is on disk and compares it with
 * the one recorded on receipt before a byte is served; a mismatch (or a segment that does not open) is
 * refused with EVIDENCE_INTEGRITY_FAILED, written to the chain of custody and raised as an alert. Every
 * view, download, export, share and hash check is a custody entry.
 */
export function createReadUseCases(deps: EvidenceDeps, kit: EvidenceKit, views: EvidenceViews) {
  const { db, repo, workflow, clock, store, escalations, limits } = deps;

  /** The item and its case, through need-to-know (an item of a case the actor cannot read is a 404). */
  async function load(evidenceId: string, actor: Actor) {
    const r = await repo.item(evidenceId);
    if (!r) throw new AppError('NOT_FOUND');
    const c = await workflow.loadForActor(r.item.caseId, actor).catch(requireNotShredded);
    return { r, c };
  }

  /** A failed check: the custody entry and the alert commit, then the read is refused. */
  async function refuse(
    c: CaseRow,
    item: EvidenceRow,
    action: ReadAction,
    actor: Actor,
    copy: 'original' | 'view',
    seen: string | null,
  ): Promise<never> {
    await db.transaction(async (tx) => {
      await kit.custody(
        c,
        { item, action, actor, at: clock.now(), sha256: seen, outcome: 'mismatch', copy },
        tx,
      );
      await escalations.request(
        { caseId: c.id, reason: 'evidence_integrity', detail: { evidenceId: item.id, copy } },
        tx,
      );
    });
    throw new AppError('EVIDENCE_INTEGRITY_FAILED');
  }

  /** Re-verify one copy; the plaintext too when `keep` (small files). */
  async function verified(
    c: CaseRow,
    item: EvidenceRow,
    action: ReadAction,
    actor: Actor,
    copy: 'original' | 'view',
    keep = false,
  ) {
    const blobId = copy === 'original' ? item.blobId : item.viewBlobId!;
    const size = copy === 'original' ? item.size : item.viewSize!;
    const expected = copy === 'original' ? item.sha256 : item.viewSha256!;
    try {
      const got = await store.digest(blobId, c.dataKeyId, size, { keep });
      if (got.sha256 !== expected) return refuse(c, item, action, actor, copy, got.sha256);
      return got;
    } catch (err) {
      if (err instanceof IntegrityError) return refuse(c, item, action, actor, copy, null);
      throw err;
    }
  }

  async function list(caseId: string, actor: Actor): Promise<EvidenceList> {
    const c = await workflow.loadForActor(caseId, actor).catch(requireNotShredded);
    const rows = await repo.itemsOfCase(c.id);
    const evidence = await Promise.all(rows.map((r) => views.itemView(c, r)));
    const { used } = await repo.bytesOfCase(c.id, clock.now());
    return { evidence, usedBytes: used, quotaBytes: limits.maxCaseBytes, maxFileBytes: limits.maxFileBytes };
  }

  /** One item with its whole chain of custody. */
  async function detail(evidenceId: string, actor: Actor): Promise<EvidenceDetailView> {
    const { r, c } = await load(evidenceId, actor);
    const custody = await repo.custodyOf(r.item.id);
    return {
      ...(await views.itemView(c, r)),
      custody: await Promise.all(custody.map((e) => views.custodyView(c, e))),
    };
  }

  /** The viewing copy (images): both it and the original are re-verified first. */
  async function viewCopy(evidenceId: string, actor: Actor): Promise<{ body: Buffer; mediaType: string }> {
    const { r, c } = await load(evidenceId, actor);
    const item = r.item;
    if (!item.viewBlobId) throw new AppError('NOT_FOUND');
    await verified(c, item, 'view', actor, 'original');
    const got = await verified(c, item, 'view', actor, 'view', true);
    await db.transaction((tx) =>
      kit.custody(
        c,
        {
          item,
          action: 'view',
          actor,
          at: clock.now(),
          sha256: item.viewSha256,
          outcome: 'ok',
          copy: 'view',
        },
        tx,
      ),
    );
    return { body: got.plaintext!, mediaType: item.viewMediaType ?? 'image/jpeg' };
  }

  /**
   * The original, byte for byte, with a reason: verified in full first, then streamed (each segment opens
   * only if it is the one verified: GCM with its index in the AAD).
   */
  async function download(evidenceId: string, actor: Actor, reason: string) {
    const { r, c } = await load(evidenceId, actor);
    const item = r.item;
    await verified(c, item, 'download', actor, 'original');
    await db.transaction((tx) =>
      kit.custody(
        c,
        { item, action: 'download', actor, at: clock.now(), reason, sha256: item.sha256, outcome: 'ok' },
        tx,
      ),
    );
    const fileName = (await views.itemView(c, r)).fileName;
    return {
      stream: Readable.from(store.segments(item.blobId, c.dataKeyId, item.size)),
      size: item.size,
      mediaType: item.mediaType,
      sha256: item.sha256,
      fileName,
    };
  }

  /** Re-verify on demand; the outcome joins the chain of custody either way. */
  async function hashCheck(evidenceId: string, actor: Actor) {
    const { r, c } = await load(evidenceId, actor);
    const item = r.item;
    await verified(c, item, 'hash_check', actor, 'original');
    await db.transaction((tx) =>
      kit.custody(
        c,
        { item, action: 'hash_check', actor, at: clock.now(), sha256: item.sha256, outcome: 'ok' },
        tx,
      ),
    );
    return { evidenceId: item.id, sha256: item.sha256, outcome: 'ok' as const };
  }

  /**
   * For other modules (the case dossier, exports, shares): verify an item and record the export or share
   * in its chain of custody. The caller has already loaded the case through need-to-know.
   */
  async function recordRelease(evidenceId: string, actor: Actor, action: 'export' | 'share', reason: string) {
    const { r, c } = await load(evidenceId, actor);
    await verified(c, r.item, action, actor, 'original');
    await db.transaction((tx) =>
      kit.custody(
        c,
        { item: r.item, action, actor, at: clock.now(), reason, sha256: r.item.sha256, outcome: 'ok' },
        tx,
      ),
    );
    return { evidenceId: r.item.id, sha256: r.item.sha256 };
  }

  /**
   * A case's evidence as the dossier lists it: each item's file name, type, size, SHA-256 and a custody
   * summary (entries, last entry, last hash check, mismatches). Reads metadata only: no custody entry.
   */
  async function listWithCustody(c: CaseRow) {
    const rows = await repo.itemsOfCase(c.id);
    const summary = new Map((await repo.custodySummaryOfCase(c.id)).map((s) => [s.evidenceId, s]));
    return Promise.all(
      rows.map(async (r) => {
        const s = summary.get(r.item.id);
        return {
          ...(await views.itemView(c, r)),
          custody: {
            entries: s?.entries ?? 0,
            lastAt: s?.lastAt ? new Date(s.lastAt).toISOString() : null,
            lastHashCheckAt: s?.lastHashCheckAt ? new Date(s.lastHashCheckAt).toISOString() : null,
            mismatches: s?.mismatches ?? 0,
          },
        };
      }),
    );
  }

  return { list, detail, viewCopy, download, hashCheck, recordRelease, listWithCustody };
}
