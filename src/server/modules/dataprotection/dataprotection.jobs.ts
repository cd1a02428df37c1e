import { catalogueJob, JOB_BREACH_WARNINGS, JOB_RETENTION_SWEEP } from '../../jobs/catalogue.js';
import type { DataProtectionService } from './dataprotection.service.js';

/** The retention sweep, and the breach register's deadline warnings. */
export function dataProtectionJobs(
  dataProtection: Pick<DataProtectionService, 'sweepRetention' | 'warnBreachDeadlines'>,
) {
  return [
    catalogueJob(JOB_RETENTION_SWEEP, {
      // Hourly; each run shreds a bounded batch so a backlog drains without long transactions.
      cron: '7 * * * *',
      handler: async () => {
        await dataProtection.sweepRetention();
      },
    }),
    catalogueJob(JOB_BREACH_WARNINGS, {
      // Every quarter hour: a 12-hour warning is never more than 15 minutes late.
      cron: '*/15 * * * *',
      handler: async () => {
        await dataProtection.warnBreachDeadlines();
      },
    }),
  ];
}
