import { catalogueJob, JOB_PURGE_SESSIONS } from '../../jobs/catalogue.js';
import type { AuthService } from './auth.service.js';

/** Expired sessions are purged every quarter of an hour. */
export function authJobs(auth: Pick<AuthService, 'purgeExpiredSessions'>) {
  return [
    catalogueJob(JOB_PURGE_SESSIONS, {
      cron: '*/15 * * * *',
      handler: async () => {
        await auth.purgeExpiredSessions();
      },
    }),
  ];
}
