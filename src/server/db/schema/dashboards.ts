import { doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The dashboards' monthly pre-aggregate (DESIGN §7: < 1 s p95 at 1,000,000 cases). For each closed month
 * (East Africa Time) of receipt, the timings exactly as the live query gives them for that month: how many
 * cases reached each measure, and the median and 90th percentile per priority. Percentiles cannot be
 * summed, but the dashboards report them per month, so a month's row is the final figure. Kept by the
 * `dashboards.rollup` job; read only for months listed in `dashboard_rollup_months`.
 */
export const dashboardTimingMonths = pgTable(
  'dashboard_timing_months',
  {
    /** `YYYY-MM`, the month of receipt in EAT. */
    month: text('month').notNull(),
    /** The case's priority, `none` when undecided. */
    priority: text('priority').notNull(),
    /** acknowledge | decide | first_action */
    measure: text('measure').notNull(),
    count: integer('count').notNull(),
    medianMinutes: doublePrecision('median_minutes').notNull(),
    p90Minutes: doublePrecision('p90_minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.priority, t.measure] })],
);

/**
 * The months whose pre-aggregate is current. A trigger on `cases` deletes a month's row whenever one of
 * its cases is added, removed, or changes what the timings count (migration 0020, hand-written), so a
 * month is read from the pre-aggregate only while no case of it has changed since the job computed it.
 */
export const dashboardRollupMonths = pgTable('dashboard_rollup_months', {
  month: text('month').primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
