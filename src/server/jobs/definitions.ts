import { z } from 'zod';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { ClocksService } from '../modules/clocks/clocks.service.js';
import type { DataProtectionService } from '../modules/dataprotection/dataprotection.service.js';
import { defineJob, type JobDefinition } from './queue.js';

export const JOB_PURGE_SESSIONS = 'sessions.purge-expired';
export const JOB_RETENTION_SWEEP = 'retention.sweep';
export const JOB_CLOCK_DUE = 'case.clock-due';
export const JOB_CLOCK_SWEEP = 'case.clock-sweep';

/** Every job the app knows, built from the services their handlers call. */
export function jobDefinitions(services: {
  auth: AuthService;
  dataProtection: DataProtectionService;
  clocks: ClocksService;
}): JobDefinition[] {
  return [
    defineJob({
      name: JOB_CLOCK_DUE,
      payload: z.object({ clockId: z.string().uuid(), fence: z.number().int() }),
      handler: async ({ clockId, fence }) => {
        await services.clocks.fire(clockId, fence);
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
  ];
}
