import { catalogueJob, JOB_ALERT_RESUME, JOB_ALERT_STEP, JOB_ALERT_SWEEP } from '../../jobs/catalogue.js';
import type { AlertsService } from './alerts.service.js';
import type { Coverage } from './coverage.js';

/** Alert escalation: steps, snooze ends and the minute sweep (which also checks on-call coverage). */
export function alertsJobs(
  alerts: Pick<AlertsService, 'runStep' | 'runSteps' | 'runResume' | 'sweep'>,
  coverage?: Pick<Coverage, 'check'>,
) {
  return [
    // Alert escalation steps: each carries the alert's fence, so a stale or duplicate job is a no-op.
    catalogueJob(JOB_ALERT_STEP, {
      batchSize: 20,
      handler: async ({ alertId, fence }) => {
        await alerts.runStep({ alertId, fence });
      },
      handleBatch: async (items) => {
        await alerts.runSteps(items);
      },
    }),
    catalogueJob(JOB_ALERT_RESUME, {
      handler: async ({ alertId, fence }) => {
        await alerts.runResume({ alertId, fence });
      },
    }),
    catalogueJob(JOB_ALERT_SWEEP, {
      // Safety net: any step or snooze end that is due fires within a minute, and unaccepted pages retry.
      cron: '* * * * *',
      handler: async () => {
        await alerts.sweep();
        // A rotation left empty, or nobody on call reachable: the administrators' alert (raised once).
        await coverage?.check();
      },
    }),
  ];
}
