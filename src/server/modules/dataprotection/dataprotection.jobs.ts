import { catalogueJob, JOB_RETENTION_SWEEP } from '../../jobs/catalogue.js';
import type { DataProtectionService } from './dataprotection.service.js';

/** The retention sweep. */
export function dataProtectionJobs(dataProtection: Pick<DataProtectionService, 'sweepRetention'>) {
  return [
    catalogueJob(JOB_RETENTION_SWEEP, {
      // Hourly; each run shreds a bounded batch so a backlog drains without long transactions.
      cron: '7 * * * *',
      handler: async () => {
        await dataProtection.sweepRetention();
      },
    }),
  ];
}
