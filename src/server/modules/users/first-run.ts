import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { randomToken, safeEqual } from '../../lib/crypto.js';
import type { Audit } from '../../security/audit.js';
import type { LoginStep } from '../auth/auth.service.js';
import type { EnrolmentStep } from '../auth/enrolment-step.js';
import { hashPassword } from '../auth/passwords.js';
import type { SettingsRepo } from '../settings/settings.repo.js';
import { setupBody, type SetupInput } from '../../../shared/contracts/users.js';
import type { UsersRepo } from './users.repo.js';

/** Where the organisation's name is kept (org_settings). */
export const ORGANISATION_KEY = 'organisation';

/**
 * A fresh install (no users) is set up in the browser: the organisation's name and the first
 * administrator, who then enrols an authenticator app like anyone signing in for the first time. The
 * page is guarded by a one-time code the server prints at start (`prepare`), so nobody else on the
 * network can claim the install first. Each process has its own code (start one instance for set-up).
 * Once a user exists, status says so and `complete` refuses (409).
 */
export function createFirstRun(deps: {
  db: Db;
  users: UsersRepo;
  settings: Pick<SettingsRepo, 'put'>;
  audit: Audit;
  enrolmentStep: EnrolmentStep;
}) {
  const { db, users, settings, audit, enrolmentStep } = deps;
  let code: string | null = null;

  return {
    async needed(): Promise<boolean> {
      return (await users.count()) === 0;
    },

    /** At start: the set-up code to print when the install is fresh; null once someone exists. */
    async prepare(): Promise<string | null> {
      if ((await users.count()) > 0) return null;
      code ??= randomToken(12);
      return code;
    },

    async complete(input: SetupInput): Promise<LoginStep> {
      const data = setupBody.parse(input);
      if ((await users.count()) > 0) throw new AppError('SETUP_DONE');
      if (!code || !safeEqual(code, data.code)) throw new AppError('SETUP_CODE_INVALID');
      const passwordHash = await hashPassword(data.password);
      const step = await db.transaction(async (tx) => {
        await users.lockForFirstRun(tx);
        if ((await users.count(tx)) > 0) throw new AppError('SETUP_DONE');
        const admin = await users.insert(
          {
            email: data.email,
            displayName: data.displayName,
            passwordHash,
            roles: ['admin'],
            locale: data.locale,
          },
          tx,
        );
        await settings.put(ORGANISATION_KEY, { name: data.organisationName }, admin.id, tx);
        await audit.record(
          {
            actorId: admin.id,
            actorLabel: 'user',
            action: 'install.set_up',
            subjectType: 'user',
            subjectId: admin.id,
            meta: { roles: ['admin'] },
          },
          tx,
        );
        return enrolmentStep(admin.id, tx);
      });
      code = null;
      return step;
    },
  };
}
export type FirstRun = ReturnType<typeof createFirstRun>;
