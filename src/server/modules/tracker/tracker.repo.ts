import { and, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';

/** Statuses of a verified case: the team decided to act on it (DESIGN §2.1). */
export const verifiedStatuses = ['active', 'follow_up', 'closed'] as const;

export interface TrackerCount {
  county: string;
  violationType: string;
  /** `YYYY-MM` in East Africa Time. */
  month: string;
  count: number;
}

/** East Africa Time has no daylight saving: UTC+3 all year. */
const eat = sql`interval '3 hours'`;

export function createTrackerRepo(db: Executor) {
  return {
    /**
     * Verified cases with a county, per county, violation type and month of the incident (of the report
     * when the incident date is unknown), for incidents in [from, to). Counts only: no row leaves here.
     */
    async countsBetween(from: Date, to: Date, tx: Executor = db): Promise<TrackerCount[]> {
      const when = sql`coalesce(${cases.incidentAt}, ${cases.receivedAt})`;
      const month = sql<string>`to_char(date_trunc('month', ${when} + ${eat}), 'YYYY-MM')`;
      const perType = tx
        .select({
          county: cases.county,
          violationType: sql<string>`unnest(${cases.violationTypes})`.as('violation_type'),
          month: month.as('month'),
        })
        .from(cases)
        .where(
          and(
            inArray(cases.status, [...verifiedStatuses]),
            isNotNull(cases.county),
            gte(when, from),
            lt(when, to),
          ),
        )
        .as('per_type');
      const rows = await tx
        .select({
          county: perType.county,
          violationType: perType.violationType,
          month: perType.month,
          count: sql<number>`count(*)::int`,
        })
        .from(perType)
        .groupBy(perType.county, perType.violationType, perType.month);
      return rows.map((r) => ({ ...r, county: r.county!, count: Number(r.count) }));
    },
  };
}
export type TrackerRepo = ReturnType<typeof createTrackerRepo>;
