import { catalogueJob, JOB_APPEAL_REMINDERS } from '../../jobs/catalogue.js';
import type { StatementsService } from './statements.service.js';

/** Reminders of urgent appeals with no response by their due date. */
export function appealsJobs(statements: Pick<StatementsService, 'appeals'>) {
  return [
    catalogueJob(JOB_APPEAL_REMINDERS, {
      cron: '*/15 * * * *',
      handler: async () => {
        await statements.appeals.remindDue();
      },
    }),
  ];
}
