import { catalogueJob, JOB_DASHBOARD_ROLLUP } from '../../jobs/catalogue.js';
import type { Clock } from '../../lib/clock.js';
import type { DashboardRollupRepo } from './dashboards.rollup.repo.js';

/**
 * The dashboards' monthly pre-aggregate: every quarter of an hour, the closed months that are missing
 * (never computed, or dropped by the `cases` trigger since) are computed again. Until then the summary
 * computes those months live, so a late or lost run costs time, never a wrong figure.
 */
export function dashboardsJobs(deps: { rollup: Pick<DashboardRollupRepo, 'refresh'>; clock: Clock }) {
  return [
    catalogueJob(JOB_DASHBOARD_ROLLUP, {
      cron: '*/15 * * * *',
      handler: async () => {
        await deps.rollup.refresh(deps.clock.now());
      },
    }),
  ];
}
