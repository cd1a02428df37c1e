import type { StatementHitView, StatementView } from '../../../shared/contracts/statements.js';
import type { StatementHitRow, StatementRow } from './statements.repo.js';

/** Rows → API views. A finding shows where and what kind, never the value or the sealed reason. */
export function hitView(h: StatementHitRow): StatementHitView {
  return {
    id: h.id,
    field: h.field as StatementHitView['field'],
    offset: h.offset,
    length: h.length,
    kind: h.kind as StatementHitView['kind'],
    status: h.status as StatementHitView['status'],
    decidedBy: h.decidedBy,
    decidedAt: h.decidedAt?.toISOString() ?? null,
  };
}

export function summaryView(s: StatementRow) {
  return {
    id: s.id,
    slug: s.slug,
    caseId: s.caseId,
    eventId: s.eventId,
    status: s.status as StatementView['status'],
    titleEn: s.titleEn,
    titleSw: s.titleSw,
    version: s.version,
    checked: s.checkedVersion === s.version,
    authorId: s.authorId,
    approvedBy: s.approvedBy,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function statementView(s: StatementRow, hits: StatementHitRow[]): StatementView {
  return { ...summaryView(s), bodyEn: s.bodyEn, bodySw: s.bodySw, hits: hits.map(hitView) };
}
