import { catalogueJob, JOB_MESSAGE_SEND, JOB_MESSAGE_SWEEP } from '../../jobs/catalogue.js';
import type { MessagesService } from './messages.service.js';

/**
 * Outbound messages: the row is written first; this job sends it. A transient failure throws, and
 * pg-boss retries with exponential backoff; the service counts attempts and fails over at the last.
 */
export function messagesJobs(messages: Pick<MessagesService, 'deliver' | 'sweep' | 'retryPolicy'>) {
  return [
    catalogueJob(JOB_MESSAGE_SEND, {
      // Sends wait on gateways: a batch at a time, side by side, so a slow gateway does not hold a queue
      // of pages behind it one by one (a single job per poll capped alerts at ~2 messages/s).
      batchSize: 20,
      parallel: true,
      retryLimit: messages.retryPolicy.limit,
      retryDelaySeconds: messages.retryPolicy.delaySeconds,
      handler: async ({ messageId }) => {
        await messages.deliver(messageId);
      },
    }),
    catalogueJob(JOB_MESSAGE_SWEEP, {
      // Safety net: a message whose job was lost (crash, a process without workers) is queued again.
      cron: '* * * * *',
      handler: async () => {
        await messages.sweep();
      },
    }),
  ];
}
