import {
  catalogueJob,
  JOB_DISPATCH_REPLY_DUE,
  JOB_NETWORK_SWEEP,
  JOB_WELLBEING_PROMPT,
} from '../../jobs/catalogue.js';
import type { NetworkService } from './network.service.js';

/** The network's jobs: dispatch reply deadlines, the minute sweep and the weekly wellbeing prompt. */
export function networkJobs(network: Pick<NetworkService, 'replyDue' | 'sweep' | 'promptWellbeing'>) {
  return [
    // A dispatch's reply deadline: still short of acceptances → widen and alert (fenced, so a filled or
    // already widened dispatch ignores it).
    catalogueJob(JOB_DISPATCH_REPLY_DUE, {
      batchSize: 20,
      handler: async ({ dispatchId, fence }) => {
        await network.replyDue(dispatchId, fence);
      },
    }),
    catalogueJob(JOB_NETWORK_SWEEP, {
      // Safety net: overdue reply deadlines fire and unsent offers are queued again within a minute.
      cron: '* * * * *',
      handler: async () => {
        await network.sweep();
      },
    }),
    catalogueJob(JOB_WELLBEING_PROMPT, {
      // Mondays 09:00 East Africa Time: "how are you, 1-5" to every active responder.
      cron: '0 6 * * 1',
      handler: async () => {
        await network.promptWellbeing();
      },
    }),
  ];
}
