import * as kenyaLocations from 'kenya-locations';
import { violationTypeCodes, type ViolationType } from '../../../shared/vocabularies.js';
import type { Clock } from '../../lib/clock.js';
import { suppress, type Published } from './suppression.js';
import type { TrackerRepo } from './tracker.repo.js';

/** Kenya's 47 counties by official code (`kenya-locations` spells codes '001'…'047'). */
const counties = (kenyaLocations as unknown as { getCounties(): { code: string; name: string }[] })
  .getCounties()
  .map((c) => ({ code: Number(c.code), name: c.name }))
  .sort((a, b) => a.code - b.code);

export interface TrackerCounty {
  code: number;
  name: string;
}

export interface TrackerTable {
  violationType: ViolationType;
  /** Nothing could be published safely for this type: every value is hidden. */
  withheld: boolean;
  /** Rows follow `counties`, columns follow `months`. */
  cells: Published[][];
  countyTotals: Published[];
  monthTotals: Published[];
  total: Published;
}

export interface TrackerPublication {
  /** The first and last month published (`YYYY-MM`, East Africa Time); the current month is held back. */
  months: string[];
  heldBackFrom: string;
  counties: TrackerCounty[];
  tables: TrackerTable[];
}

export const TRACKER_MONTHS = 12;

/** `YYYY-MM` of a UTC instant in East Africa Time (UTC+3, no daylight saving). */
function eatMonth(d: Date): { year: number; month: number } {
  const eat = new Date(d.getTime() + 3 * 3600_000);
  return { year: eat.getUTCFullYear(), month: eat.getUTCMonth() };
}
const monthKey = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** Midnight East Africa Time on the first of the month, as a UTC instant. */
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - 3 * 3600_000);

/**
 * The public tracker (DESIGN §2.6): anonymised counts of verified cases by violation type, county and
 * month, for the last twelve complete months (the current month is held back), each table suppressed
 * so that small counts cannot be told and cannot be worked out from the totals (suppression.ts).
 */
export function createTrackerService(deps: { repo: TrackerRepo; clock: Clock }) {
  return {
    async publication(): Promise<TrackerPublication> {
      const { year, month } = eatMonth(deps.clock.now());
      const months = Array.from({ length: TRACKER_MONTHS }, (_, i) =>
        monthKey(year, month - TRACKER_MONTHS + i),
      );
      const from = monthStart(year, month - TRACKER_MONTHS);
      const to = monthStart(year, month);
      const rows = await deps.repo.countsBetween(from, to);

      const countyRow = new Map(counties.map((c, i) => [c.name.toLowerCase(), i]));
      const monthColumn = new Map(months.map((m, j) => [m, j]));
      const grids = new Map<string, number[][]>(
        violationTypeCodes.map((t) => [t, counties.map(() => months.map(() => 0))]),
      );
      for (const r of rows) {
        const grid = grids.get(r.violationType);
        const i = countyRow.get(r.county.toLowerCase());
        const j = monthColumn.get(r.month);
        // A county or type outside the vocabularies is not published (it cannot be placed on the map).
        if (!grid || i === undefined || j === undefined) continue;
        grid[i]![j]! += r.count;
      }
      const tables = violationTypeCodes.map((violationType) => {
        const t = suppress(grids.get(violationType)!);
        return {
          violationType,
          withheld: t.withheld,
          cells: t.cells,
          countyTotals: t.rowTotals,
          monthTotals: t.columnTotals,
          total: t.total,
        };
      });
      return { months, heldBackFrom: monthKey(year, month), counties, tables };
    },
  };
}
export type TrackerService = ReturnType<typeof createTrackerService>;
