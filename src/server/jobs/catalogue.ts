import { z } from 'zod';
import type { JobDefinition, JobQueue, SendOptions } from './queue.js';

/**
 * Every job the app knows: its name and the shape of its payload. A leaf (zod and the queue's types
 * only), so a service that queues a job imports this file and nothing that runs jobs; the handlers live
 * with their module (`modules/<m>/<m>.jobs.ts`) and are registered by the composition root.
 */
export const JOB_PURGE_SESSIONS = 'sessions.purge-expired';
export const JOB_RETENTION_SWEEP = 'retention.sweep';
export const JOB_BREACH_WARNINGS = 'breach.deadline-warnings';
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
export const JOB_FUNDS_RECONCILE = 'funds.reconcile';
export const JOB_PUSH_SEND = 'push.send';
export const JOB_PUSH_PURGE = 'push.purge';
export const JOB_REVIEW_REMINDERS = 'learning.review-reminders';
export const JOB_APPEAL_REMINDERS = 'appeals.response-reminders';
export const JOB_DASHBOARD_ROLLUP = 'dashboards.rollup';

/** A cron job carries no data of its own. */
const scheduled = z.object({}).passthrough();

export const jobCatalogue = {
  [JOB_PURGE_SESSIONS]: z.object({ reason: z.string().max(100).optional() }),
  [JOB_RETENTION_SWEEP]: scheduled,
  [JOB_BREACH_WARNINGS]: scheduled,
  [JOB_CLOCK_DUE]: z.object({ clockId: z.string().uuid(), fence: z.number().int() }),
  [JOB_CLOCK_SWEEP]: scheduled,
  [JOB_MESSAGE_SEND]: z.object({ messageId: z.string().uuid() }),
  [JOB_MESSAGE_SWEEP]: scheduled,
  [JOB_ALERT_STEP]: z.object({
    alertId: z.string().uuid(),
    fence: z.number().int(),
    step: z.number().int().min(0),
    round: z.number().int().min(0),
  }),
  [JOB_ALERT_RESUME]: z.object({ alertId: z.string().uuid(), fence: z.number().int() }),
  [JOB_ALERT_SWEEP]: scheduled,
  [JOB_DISPATCH_REPLY_DUE]: z.object({ dispatchId: z.string().uuid(), fence: z.number().int() }),
  [JOB_NETWORK_SWEEP]: scheduled,
  [JOB_WELLBEING_PROMPT]: scheduled,
  [JOB_FUNDS_RECONCILE]: scheduled,
  [JOB_PUSH_SEND]: z.object({
    userId: z.string().uuid(),
    alertId: z.string().uuid().nullable(),
    priority: z.enum(['P1', 'P2', 'P3', 'P4']).nullable(),
    body: z.string().max(1000),
    lang: z.enum(['en', 'sw']),
  }),
  [JOB_PUSH_PURGE]: scheduled,
  [JOB_REVIEW_REMINDERS]: scheduled,
  [JOB_APPEAL_REMINDERS]: scheduled,
  [JOB_DASHBOARD_ROLLUP]: scheduled,
} as const;

export type JobCatalogue = typeof jobCatalogue;
export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = z.infer<JobCatalogue[N]>;

/** A queue, or none yet in a process that runs no jobs. */
type Sender = Pick<JobQueue, 'send' | 'sendMany'> | undefined;

/** Queue one job; its payload is checked against the catalogue at compile time (and by the queue). */
export async function send<N extends JobName>(
  queue: Sender,
  name: N,
  payload: JobPayload<N>,
  options?: SendOptions,
): Promise<string | null> {
  if (!queue) return null;
  return queue.send(name, payload, options);
}

/** Many jobs of one kind: in one statement where the queue can, else one `send` each. */
export async function sendMany<N extends JobName>(
  queue: Sender,
  name: N,
  jobs: { data: JobPayload<N>; opts?: SendOptions }[],
): Promise<void> {
  if (!queue || jobs.length === 0) return;
  if (queue.sendMany) return queue.sendMany(name, jobs);
  for (const j of jobs) await queue.send(name, j.data, j.opts);
}

/** A handler for a catalogued job: the name fixes the payload (and its type) from the catalogue. */
export function catalogueJob<N extends JobName>(
  name: N,
  def: Omit<JobDefinition<JobCatalogue[N]>, 'name' | 'payload'>,
): JobDefinition<JobCatalogue[N]> {
  return { name, payload: jobCatalogue[name], ...def };
}
