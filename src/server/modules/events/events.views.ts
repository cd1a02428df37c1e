import type { EventRow } from '../../db/schema/index.js';

/** An event's list line (no sealed field). */
export function eventSummaryView(e: EventRow, caseCount: number) {
  return {
    id: e.id,
    reference: e.reference,
    title: e.title,
    status: e.status as 'open' | 'closed',
    county: e.county,
    subCounty: e.subCounty,
    ward: e.ward,
    violationTypes: e.violationTypes,
    startedAt: e.startedAt?.toISOString() ?? null,
    startedPrecision: e.startedPrecision,
    caseCount,
    createdAt: e.createdAt.toISOString(),
  };
}

export interface EventCounts {
  cases: number;
  victims: number;
  arrested: number;
  released: number;
  producedInCourt: number;
  heldOverdue: number;
  missing: number;
  injured: number;
  killed: number;
}

/** The event's counts from its arrest lines and the per-case tallies. */
export function countsOf(x: {
  cases: number;
  victims: number;
  arrests: readonly { releasedAt: string | null; producedInCourtAt: string | null; overdue: boolean }[];
  missing: number;
  injured: number;
  killed: number;
}): EventCounts {
  return {
    cases: x.cases,
    victims: x.victims,
    arrested: x.arrests.length,
    released: x.arrests.filter((a) => a.releasedAt).length,
    producedInCourt: x.arrests.filter((a) => a.producedInCourtAt).length,
    heldOverdue: x.arrests.filter((a) => a.overdue).length,
    missing: x.missing,
    injured: x.injured,
    killed: x.killed,
  };
}
