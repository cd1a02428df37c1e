import { z } from 'zod';
import type { AuthService } from '../modules/auth/auth.service.js';
import { defineJob, type JobDefinition } from './queue.js';

export const JOB_PURGE_SESSIONS = 'sessions.purge-expired';

/** Every job the app knows, built from the services their handlers call. */
export function jobDefinitions(services: { auth: AuthService }): JobDefinition[] {
  return [
    defineJob({
      name: JOB_PURGE_SESSIONS,
      payload: z.object({ reason: z.string().max(100).optional() }),
      handler: async () => {
        await services.auth.purgeExpiredSessions();
      },
    }),
  ];
}
