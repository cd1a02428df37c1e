import type {
  CustodyAction,
  CustodyEntryView,
  EvidenceKind,
  EvidenceView,
  TestimonyView,
} from '../../../shared/contracts/evidence.js';
import type { CaseRow } from '../../db/schema/index.js';
import { aad } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type { CaptureRow, CustodyRow, EvidenceRow, TestimonyRow } from './evidence.repo.js';

/** Rows → API views: sealed fields opened under the case's data key (null once it was shredded). */
export function createEvidenceViews(vault: Vault) {
  const open = (c: Pick<CaseRow, 'dataKeyId'>, enc: string | null, sealedAs: string) =>
    vault.decryptOptional(c.dataKeyId, enc, sealedAs);

  async function captureView(c: Pick<CaseRow, 'dataKeyId'>, r: CaptureRow | null) {
    if (!r) return null;
    const raw = await open(c, r.detailsEnc, aad('evidence_captures', 'details', r.evidenceId));
    const d = raw
      ? (JSON.parse(raw) as {
          latitude: number | null;
          longitude: number | null;
          accuracyMetres: number | null;
          device: string | null;
        })
      : null;
    return {
      capturedAt: r.capturedAt?.toISOString() ?? null,
      latitude: d?.latitude ?? null,
      longitude: d?.longitude ?? null,
      accuracyMetres: d?.accuracyMetres ?? null,
      device: d?.device ?? null,
      sha256AtCapture: r.sha256AtCapture,
      hashMatches: r.hashMatches,
      recordedAt: r.recordedAt.toISOString(),
    };
  }

  async function itemView(
    c: Pick<CaseRow, 'dataKeyId'>,
    r: { item: EvidenceRow; uploaderName: string | null; capture: CaptureRow | null },
  ): Promise<EvidenceView> {
    const i = r.item;
    return {
      id: i.id,
      caseId: i.caseId,
      fileName: await open(c, i.fileNameEnc, aad('evidence_items', 'file_name', i.id)),
      kind: i.kind as EvidenceKind,
      mediaType: i.mediaType,
      size: i.size,
      sha256: i.sha256,
      hasViewingCopy: i.viewBlobId !== null,
      uploadedBy: i.uploadedBy,
      uploadedByName: r.uploaderName,
      uploadedAt: i.uploadedAt.toISOString(),
      capture: await captureView(c, r.capture),
    };
  }

  async function custodyView(
    c: Pick<CaseRow, 'dataKeyId'>,
    r: { entry: CustodyRow; actorName: string | null },
  ): Promise<CustodyEntryView> {
    const e = r.entry;
    return {
      id: e.id,
      action: e.action as CustodyAction,
      actorId: e.actorId,
      actorName: r.actorName,
      at: e.at.toISOString(),
      reason: await open(c, e.reasonEnc, aad('evidence_custody', 'reason', e.id)),
      sha256: e.sha256,
      outcome: e.outcome as 'ok' | 'mismatch',
      copy: e.copy as 'original' | 'view',
    };
  }

  async function testimonyView(
    c: Pick<CaseRow, 'dataKeyId'>,
    r: { testimony: TestimonyRow; recorderName: string | null },
  ): Promise<TestimonyView> {
    const t = r.testimony;
    return {
      id: t.id,
      caseId: t.caseId,
      medium: t.medium as TestimonyView['medium'],
      text: await open(c, t.textEnc, aad('testimonies', 'text', t.id)),
      evidenceId: t.evidenceId,
      personId: t.personId,
      language: t.language,
      consent: t.consent as TestimonyView['consent'],
      recordedBy: t.recordedBy,
      recordedByName: r.recorderName,
      recordedAt: t.recordedAt.toISOString(),
    };
  }

  return { itemView, custodyView, testimonyView };
}
export type EvidenceViews = ReturnType<typeof createEvidenceViews>;
