import { catalogueJob, JOB_FUNDS_RECONCILE } from '../../jobs/catalogue.js';
import type { FundsService } from './funds.service.js';

/** The M-Pesa reconciliation: payments with no callback after N minutes get a Transaction Status query. */
export function fundsJobs(funds: Pick<FundsService, 'reconcile'>) {
  return [
    catalogueJob(JOB_FUNDS_RECONCILE, {
      // Every minute; the service picks only attempts silent for the configured number of minutes.
      cron: '* * * * *',
      handler: async () => {
        await funds.reconcile();
      },
    }),
  ];
}
