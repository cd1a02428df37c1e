/**
 * The dashboards' monthly pre-aggregate (schema/dashboards.ts). A closed month's figures are computed by
 * the live queries over exactly that month and stored; triggers (migration 0020) delete a month when one
 * of its cases changes what it counts, so a month is only ever read here while it still equals the live
 * figures. The job (dashboards.jobs.ts) fills in the missing months.
 */
import { and, asc, gte, lte, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, dashboardMonthFigures } from '../../db/schema/index.js';
import type { MonthFigures } from './figures.js';
import type { CaseFilter } from './filter.repo.js';

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
 * A filter-free period from the pre-aggregate: the figures of the months that lie wholly inside it and
 * are current, and the parts of the period (`live`) to compute live (partial months, months not yet or no
 * longer aggregated). One statement, so the months read are one snapshot.
 */
export async function readRollup(
  db: Executor,
  f: CaseFilter,
): Promise<{ months: MonthFigures[]; live: { from: Date; to: Date }[] }> {
  const t = dashboardMonthFigures;
  const found = await db
    .select({ month: t.month, figures: t.figures })
    .from(t)
    .where(and(gte(t.month, eatMonth(f.from)), lte(t.month, eatMonth(f.to))))
    .orderBy(asc(t.month));
  const whole = found.filter((r) => monthStart(r.month) >= f.from && monthStart(nextMonth(r.month)) <= f.to);
  // The rest of the period, as few contiguous ranges as it takes.
  const live: { from: Date; to: Date }[] = [];
  let cursor = f.from;
  for (const { month } of whole) {
    if (monthStart(month) > cursor) live.push({ from: cursor, to: monthStart(month) });
    cursor = monthStart(nextMonth(month));
  }
  if (cursor < f.to) live.push({ from: cursor, to: f.to });
  return { months: whole.map((r) => r.figures as MonthFigures), live };
}

/** Writes the pre-aggregate: on the primary database, from the rollup job. */
export function createDashboardRollupRepo(
  db: Executor,
  /** The live queries on a transaction (the dashboards repository). */
  live: (tx: Executor) => {
    liveFigures(f: CaseFilter, opts: { serial?: boolean }): Promise<MonthFigures>;
  },
) {
  return {
    /**
     * Computes every closed month (before `now`'s EAT month) that is missing from the pre-aggregate,
     * oldest first, each in its own transaction under the month's exclusive advisory lock (the triggers
     * take it shared): a case change either commits before the month is read, or waits and then deletes
     * the month again. Returns how many months were computed.
     */
    async refresh(now: Date): Promise<number> {
      const [first] = await db.select({ at: min(cases.receivedAt) }).from(cases);
      if (!first?.at) return 0;
      const current = eatMonth(now);
      const have = new Set(
        (await db.select({ month: dashboardMonthFigures.month }).from(dashboardMonthFigures)).map(
          (r) => r.month,
        ),
      );
      let done = 0;
      for (let m = eatMonth(new Date(first.at)); m < current; m = nextMonth(m)) {
        if (have.has(m)) continue;
        await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dashboard_rollup:${m}`}))`);
          const figures = await live(tx).liveFigures(
            { from: monthStart(m), to: monthStart(nextMonth(m)) },
            { serial: true },
          );
          await tx
            .insert(dashboardMonthFigures)
            .values({ month: m, figures, computedAt: now })
            .onConflictDoUpdate({ target: dashboardMonthFigures.month, set: { figures, computedAt: now } });
        });
        done++;
      }
      return done;
    },

    /** The months currently aggregated, oldest first (for the tests and the bench). */
    async months(): Promise<string[]> {
      const rows = await db
        .select({ month: dashboardMonthFigures.month })
        .from(dashboardMonthFigures)
        .orderBy(asc(dashboardMonthFigures.month));
      return rows.map((r) => r.month);
    },
  };
}
export type DashboardRollupRepo = ReturnType<typeof createDashboardRollupRepo>;
