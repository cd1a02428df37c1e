import { z } from 'zod';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { ClocksService } from '../modules/clocks/clocks.service.js';
import type { DataProtectionService } from '../modules/dataprotection/dataprotection.service.js';
import type { AlertsService } from '../modules/alerts/alerts.service.js';
import type { MessagesService } from '../modules/messages/messages.service.js';
import type { NetworkService } from '../modules/network/network.service.js';
import { defineJob, type JobDefinition } from './queue.js';

export const JOB_PURGE_SESSIONS = 'sessions.purge-expired';
export const JOB_RETENTION_SWEEP = 'retention.sweep';
export const JOB_CLOCK_DUE = 'case.clock-due';
export const JOB_CLOCK_SWEEP = 'case.clock-sweep';
export const JOB_MESSAGE_SEND = 'message.send';
export const JOB_MESSAGE_SWEEP = 'message.sweep';
export const JOB_ALERT_STEP = 'alert.step';
export const JOB_ALERT_RESUME = 'alert.resume';
export const JOB_ALERT_SWEEP = 'alert.sweep';
export const JOB_DISPATCH_REPLY_DUE = 'dispatch.reply-due';
export const JOB_NETWORK_SWEEP = 'network.sweep';
export const JOB_WELLBEING_PROMPT = 'network.wellbeing-prompt';

/** Every job the app knows, built from the services their handlers call. */
export function jobDefinitions(services: {
  auth: AuthService;
  dataProtection: DataProtectionService;
  clocks: ClocksService;
  messages: MessagesService;
  alerts: AlertsService;
  network: NetworkService;
}): JobDefinition[] {
  return [
    // A dispatch's reply deadline: still short of acceptances → widen and alert (fenced, so a filled or
    // already widened dispatch ignores it).
    defineJob({
      name: JOB_DISPATCH_REPLY_DUE,
      payload: z.object({ dispatchId: z.string().uuid(), fence: z.number().int() }),
      batchSize: 20,
      handler: async ({ dispatchId, fence }) => {
        await services.network.replyDue(dispatchId, fence);
      },
    }),
    defineJob({
      name: JOB_NETWORK_SWEEP,
      payload: z.object({}).passthrough(),
      // Safety net: overdue reply deadlines fire and unsent offers are queued again within a minute.
      cron: '* * * * *',
      handler: async () => {
        await services.network.sweep();
      },
    }),
    defineJob({
      name: JOB_WELLBEING_PROMPT,
      payload: z.object({}).passthrough(),
      // Mondays 09:00 East Africa Time: "how are you, 1-5" to every active responder.
      cron: '0 6 * * 1',
      handler: async () => {
        await services.network.promptWellbeing();
      },
    }),
    defineJob({
      name: JOB_CLOCK_DUE,
      payload: z.object({ clockId: z.string().uuid(), fence: z.number().int() }),
      batchSize: 50,
      handler: async ({ clockId, fence }) => {
        await services.clocks.fire(clockId, fence);
      },
      handleBatch: async (items) => {
        await services.clocks.fireMany(items);
      },
    }),
    defineJob({
      name: JOB_CLOCK_SWEEP,
      payload: z.object({}).passthrough(),
      // Safety net behind the exact-time jobs: anything due and unfired goes off within a minute.
      cron: '* * * * *',
      handler: async () => {
        await services.clocks.sweepDue();
      },
    }),
    defineJob({
      name: JOB_PURGE_SESSIONS,
      payload: z.object({ reason: z.string().max(100).optional() }),
      cron: '*/15 * * * *',
      handler: async () => {
        await services.auth.purgeExpiredSessions();
      },
    }),
    defineJob({
      name: JOB_RETENTION_SWEEP,
      payload: z.object({}).passthrough(),
      // Hourly; each run shreds a bounded batch so a backlog drains without long transactions.
      cron: '7 * * * *',
      handler: async () => {
        await services.dataProtection.sweepRetention();
      },
    }),
    // Alert escalation steps: each carries the alert's fence, so a stale or duplicate job is a no-op.
    defineJob({
      name: JOB_ALERT_STEP,
      batchSize: 20,
      payload: z.object({
        alertId: z.string().uuid(),
        fence: z.number().int(),
        step: z.number().int().min(0),
        round: z.number().int().min(0),
      }),
      handler: async ({ alertId, fence }) => {
        await services.alerts.runStep({ alertId, fence });
      },
      handleBatch: async (items) => {
        await services.alerts.runSteps(items);
      },
    }),
    defineJob({
      name: JOB_ALERT_RESUME,
      payload: z.object({ alertId: z.string().uuid(), fence: z.number().int() }),
      handler: async ({ alertId, fence }) => {
        await services.alerts.runResume({ alertId, fence });
      },
    }),
    defineJob({
      name: JOB_ALERT_SWEEP,
      payload: z.object({}).passthrough(),
      // Safety net: any step or snooze end that is due fires within a minute, and unaccepted pages retry.
      cron: '* * * * *',
      handler: async () => {
        await services.alerts.sweep();
      },
    }),
    // Outbound messages: the row is written first; this job sends it. A transient failure throws, and
    // pg-boss retries with exponential backoff; the service counts attempts and fails over at the last.
    defineJob({
      name: JOB_MESSAGE_SEND,
      payload: z.object({ messageId: z.string().uuid() }),
      // Sends wait on gateways: a batch at a time, side by side, so a slow gateway does not hold a queue
      // of pages behind it one by one (a single job per poll capped alerts at ~2 messages/s).
      batchSize: 20,
      parallel: true,
      retryLimit: services.messages.retryPolicy.limit,
      retryDelaySeconds: services.messages.retryPolicy.delaySeconds,
      handler: async ({ messageId }) => {
        await services.messages.deliver(messageId);
      },
    }),
    defineJob({
      name: JOB_MESSAGE_SWEEP,
      payload: z.object({}).passthrough(),
      // Safety net: a message whose job was lost (crash, a process without workers) is queued again.
      cron: '* * * * *',
      handler: async () => {
        await services.messages.sweep();
      },
    }),
  ];
}
