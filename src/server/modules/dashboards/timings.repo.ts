/** The dashboards' timings (time to acknowledge, decide, act), computed live over a period. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import { timingMeasures, type TimingMeasure } from '../../../shared/contracts/dashboards.js';
import { caseWhere, eat, minutes, n, type CaseFilter } from './filter.repo.js';

const measureColumn = {
  acknowledge: cases.acknowledgedAt,
  decide: cases.decidedAt,
  first_action: cases.firstActionAt,
} as const;

export interface TimingRow {
  month: string;
  priority: string;
  measure: TimingMeasure;
  count: number;
  medianMinutes: number;
  p90Minutes: number;
}

/** The summary's order: by measure (as `timingMeasures`), then month, then priority. */
export function sortTimings(rows: TimingRow[]): TimingRow[] {
  const m = (x: TimingMeasure) => timingMeasures.indexOf(x);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) => m(a.measure) - m(b.measure) || cmp(a.month, b.month) || cmp(a.priority, b.priority),
  );
}

/**
 * Median and 90th percentile of minutes from receipt to each measure, by month of receipt (EAT) and
 * priority: one pass over the period's cases for all three measures. The live computation, and the one
 * the monthly pre-aggregate stores for each closed month.
 */
export async function liveTimings(db: Executor, f: CaseFilter): Promise<TimingRow[]> {
  const month = sql<string>`to_char(date_trunc('month', ${cases.receivedAt} + ${eat}), 'YYYY-MM')`;
  const priority = sql<string>`coalesce(${cases.priority}, 'none')`;
  const agg = (measure: TimingMeasure) => {
    const col = measureColumn[measure];
    const mins = sql`extract(epoch from (${col} - ${cases.receivedAt})) / 60.0`;
    const has = sql`${col} is not null`;
    return {
      count: sql<number>`count(*) filter (where ${has})`,
      median: sql<number>`percentile_cont(0.5) within group (order by ${mins}) filter (where ${has})`,
      p90: sql<number>`percentile_cont(0.9) within group (order by ${mins}) filter (where ${has})`,
    };
  };
  const [ack, decide, act] = [agg('acknowledge'), agg('decide'), agg('first_action')];
  const rows = await db
    .select({
      month,
      priority,
      c0: ack.count,
      m0: ack.median,
      p0: ack.p90,
      c1: decide.count,
      m1: decide.median,
      p1: decide.p90,
      c2: act.count,
      m2: act.median,
      p2: act.p90,
    })
    .from(cases)
    .where(caseWhere(f))
    .groupBy(month, priority)
    .orderBy(month, priority);
  return sortTimings(
    timingMeasures.flatMap((measure, i) =>
      rows
        .filter((r) => n(r[`c${i}` as 'c0']) > 0)
        .map((r) => ({
          month: r.month,
          priority: r.priority,
          measure,
          count: n(r[`c${i}` as 'c0']),
          medianMinutes: minutes(r[`m${i}` as 'm0']),
          p90Minutes: minutes(r[`p${i}` as 'p0']),
        })),
    ),
  );
}
