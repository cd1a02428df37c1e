import { catalogueJob, JOB_PUSH_PURGE, JOB_PUSH_SEND } from '../../jobs/catalogue.js';
import type { PushService } from './push.service.js';

/** Web Push: one job per page (sent to each of the user's browsers), and an hourly purge of old tokens. */
export function pushJobs(push: Pick<PushService, 'send' | 'purge'>) {
  return [
    catalogueJob(JOB_PUSH_SEND, {
      handler: async (data) => {
        await push.send(data);
      },
    }),
    catalogueJob(JOB_PUSH_PURGE, {
      cron: '17 * * * *',
      handler: async () => {
        await push.purge();
      },
    }),
  ];
}
