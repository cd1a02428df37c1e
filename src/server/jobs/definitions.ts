import { z } from 'zod';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { DataProtectionService } from '../modules/dataprotection/dataprotection.service.js';
import { defineJob, type JobDefinition } from './queue.js';

export const JOB_PURGE_SESSIONS = 'sessions.purge-expired';
export const JOB_RETENTION_SWEEP = 'retention.sweep';

/** Every job the app knows, built from the services their handlers call. */
export function jobDefinitions(services: {
  auth: AuthService;
  dataProtection: DataProtectionService;
}): JobDefinition[] {
  return [
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
