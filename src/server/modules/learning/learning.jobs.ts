import { catalogueJob, JOB_REVIEW_REMINDERS } from '../../jobs/catalogue.js';
import type { LearningService } from './learning.service.js';

/** Reminders of scheduled after-action reviews that are due and still missing. */
export function learningJobs(learning: Pick<LearningService, 'remindDueReviews'>) {
  return [
    catalogueJob(JOB_REVIEW_REMINDERS, {
      cron: '*/5 * * * *',
      handler: async () => {
        await learning.remindDueReviews();
      },
    }),
  ];
}
