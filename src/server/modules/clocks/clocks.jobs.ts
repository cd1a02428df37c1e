import { catalogueJob, JOB_CLOCK_DUE, JOB_CLOCK_SWEEP } from '../../jobs/catalogue.js';
import type { ClocksService } from './clocks.service.js';

/** Case clocks: each one fires at its exact time, with a minute sweep behind it. */
export function clocksJobs(clocks: Pick<ClocksService, 'fire' | 'fireMany' | 'sweepDue'>) {
  return [
    catalogueJob(JOB_CLOCK_DUE, {
      batchSize: 50,
      handler: async ({ clockId, fence }) => {
        await clocks.fire(clockId, fence);
      },
      handleBatch: async (items) => {
        await clocks.fireMany(items);
      },
    }),
    catalogueJob(JOB_CLOCK_SWEEP, {
      // Safety net behind the exact-time jobs: anything due and unfired goes off within a minute.
      cron: '* * * * *',
      handler: async () => {
        await clocks.sweepDue();
      },
    }),
  ];
}
