import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The dashboards' monthly pre-aggregate (DESIGN §7: < 1 s p95 at 1,000,000 cases). For each closed month
 * (East Africa Time) of receipt, the figures the live queries give for exactly that month's cases, before
 * any rounding that cannot be added up: counts by group (cases, counties, clock breaches, institutional
 * responses, impacts, referrals), feedback sums, and the month's timings (median and 90th percentile per
 * priority — final figures, as the dashboards report them per month). A row exists only while it is
 * current: triggers on `cases` and the tables it counts delete a month's row whenever one of its cases
 * changes what it counts (migration 0020, hand-written); the `dashboards.rollup` job puts it back.
 */
export const dashboardMonthFigures = pgTable('dashboard_month_figures', {
  /** `YYYY-MM`, the month of receipt in EAT. */
  month: text('month').primaryKey(),
  /** `MonthFigures` (modules/dashboards/figures.ts): aggregates only, nothing that names anyone. */
  figures: jsonb('figures').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
