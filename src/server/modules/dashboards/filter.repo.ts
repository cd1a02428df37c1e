/** The dashboards' case filter (period, county, violation type, event), shared by their repositories. */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { cases, eventCases } from '../../db/schema/index.js';

/** The cases a summary covers: received in [from, to), optionally one county, violation type, event. */
export interface CaseFilter {
  from: Date;
  to: Date;
  county?: string;
  violationType?: string;
  eventId?: string;
}

/** East Africa Time has no daylight saving: UTC+3 all year. */
export const eat = sql`interval '3 hours'`;
export const n = (v: unknown) => Number(v ?? 0);
/** Percentiles come back as double precision (or a string from some drivers): one decimal is enough. */
export const minutes = (v: unknown) => Math.round(Number(v ?? 0) * 10) / 10;

export function caseWhere(f: CaseFilter): SQL {
  return and(
    gte(cases.receivedAt, f.from),
    lt(cases.receivedAt, f.to),
    f.county ? eq(cases.county, f.county) : undefined,
    f.violationType ? sql`${f.violationType} = any(${cases.violationTypes})` : undefined,
    f.eventId
      ? sql`exists (select 1 from ${eventCases} where ${eventCases.caseId} = ${cases.id} and ${eventCases.eventId} = ${f.eventId})`
      : undefined,
  )!;
}
