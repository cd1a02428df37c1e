/**
 * The dashboards' monthly pre-aggregate of timings (schema/dashboards.ts). A closed month's figures are
 * computed by the live query over exactly that month and stored; a trigger on `cases` (migration 0020)
 * drops a month from `dashboard_rollup_months` when one of its cases changes, so a month is only ever read
 * here while it still equals the live figure. The job (dashboards.jobs.ts) fills in the missing months.
 */
import { and, asc, eq, gte, lte, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, dashboardRollupMonths, dashboardTimingMonths } from '../../db/schema/index.js';
import type { TimingMeasure } from '../../../shared/contracts/dashboards.js';
import type { CaseFilter } from './filter.repo.js';
import { liveTimings, type TimingRow } from './timings.repo.js';

const EAT_OFFSET = 3 * 3_600_000;

/** `YYYY-MM` of an instant's month in East Africa Time. */
export function eatMonth(d: Date): string {
  return new Date(d.getTime() + EAT_OFFSET).toISOString().slice(0, 7);
}
/** The instant an EAT month (`YYYY-MM`) starts. */
export function monthStart(month: string): Date {
  return new Date(Date.parse(`${month}-01T00:00:00Z`) - EAT_OFFSET);
}
/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * A filter-free period's timings from the pre-aggregate: the rows of its current months that lie wholly
 * inside it, and the parts of the period (`live`) to compute live (partial months, months not yet or no
 * longer aggregated). One statement, so the months and their rows are one snapshot.
 */
export async function readTimingRollup(
  db: Executor,
  f: CaseFilter,
): Promise<{ rows: TimingRow[]; live: { from: Date; to: Date }[] }> {
  const v = dashboardRollupMonths;
  const t = dashboardTimingMonths;
  const found = await db
    .select({
      month: v.month,
      priority: t.priority,
      measure: t.measure,
      count: t.count,
      median: t.medianMinutes,
      p90: t.p90Minutes,
    })
    .from(v)
    .leftJoin(t, eq(t.month, v.month))
    .where(and(gte(v.month, eatMonth(f.from)), lte(v.month, eatMonth(f.to))));
  // Months whole inside [from, to) and current in the pre-aggregate.
  const whole = new Set(
    found.map((r) => r.month).filter((m) => monthStart(m) >= f.from && monthStart(nextMonth(m)) <= f.to),
  );
  const rows: TimingRow[] = [];
  for (const r of found)
    if (whole.has(r.month) && r.priority !== null && r.measure !== null)
      rows.push({
        month: r.month,
        priority: r.priority,
        measure: r.measure as TimingMeasure,
        count: r.count ?? 0,
        medianMinutes: r.median ?? 0,
        p90Minutes: r.p90 ?? 0,
      });
  // The rest of the period, as few contiguous ranges as it takes.
  const live: { from: Date; to: Date }[] = [];
  let cursor = f.from;
  for (const m of [...whole].sort()) {
    if (monthStart(m) > cursor) live.push({ from: cursor, to: monthStart(m) });
    cursor = monthStart(nextMonth(m));
  }
  if (cursor < f.to) live.push({ from: cursor, to: f.to });
  return { rows, live };
}

/** Writes the pre-aggregate: on the primary database, from the rollup job. */
export function createDashboardRollupRepo(db: Executor) {
  return {
    /**
     * Computes every closed month (before `now`'s EAT month) that is missing from the pre-aggregate,
     * oldest first, each in its own transaction under the month's exclusive advisory lock (the trigger
     * takes it shared): a case change either commits before the month is read, or waits and then drops
     * the month again. Returns how many months were computed.
     */
    async refresh(now: Date): Promise<number> {
      const [first] = await db.select({ at: min(cases.receivedAt) }).from(cases);
      if (!first?.at) return 0;
      const current = eatMonth(now);
      const have = new Set(
        (await db.select({ month: dashboardRollupMonths.month }).from(dashboardRollupMonths)).map(
          (r) => r.month,
        ),
      );
      let done = 0;
      for (let m = eatMonth(new Date(first.at)); m < current; m = nextMonth(m)) {
        if (have.has(m)) continue;
        await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dashboard_rollup:${m}`}))`);
          const rows = await liveTimings(tx, { from: monthStart(m), to: monthStart(nextMonth(m)) });
          await tx.delete(dashboardTimingMonths).where(eq(dashboardTimingMonths.month, m));
          if (rows.length)
            await tx.insert(dashboardTimingMonths).values(
              rows.map((r) => ({
                month: r.month,
                priority: r.priority,
                measure: r.measure,
                count: r.count,
                medianMinutes: r.medianMinutes,
                p90Minutes: r.p90Minutes,
              })),
            );
          await tx
            .insert(dashboardRollupMonths)
            .values({ month: m, computedAt: now })
            .onConflictDoUpdate({ target: dashboardRollupMonths.month, set: { computedAt: now } });
        });
        done++;
      }
      return done;
    },

    /** The months currently aggregated, oldest first (for the job's log and the tests). */
    async months(): Promise<string[]> {
      const rows = await db
        .select({ month: dashboardRollupMonths.month })
        .from(dashboardRollupMonths)
        .orderBy(asc(dashboardRollupMonths.month));
      return rows.map((r) => r.month);
    },
  };
}
export type DashboardRollupRepo = ReturnType<typeof createDashboardRollupRepo>;
