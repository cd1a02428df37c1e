import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { EnrolmentStep } from '../auth/enrolment-step.js';
import type { MfaRepo } from '../auth/mfa.repo.js';
import type { SessionsRepo } from '../auth/sessions.repo.js';
import type { ApprovalsRepo } from '../cases/approvals.repo.js';
import type { SettingsRepo } from '../settings/settings.repo.js';
import { createAccountAdmin } from './account-admin.js';
import { createFirstRun } from './first-run.js';
import { createInvitesRepo } from './invites.repo.js';
import { createInvites } from './invites.js';
import { createMfaReset } from './mfa-reset.js';
import { createPhonesRepo } from './phones.repo.js';
import { createStaffPhone, type SmsOut } from './staff-phone.js';
import type { UsersRepo } from './users.repo.js';

export interface UserAdminDeps {
  db: Db;
  users: UsersRepo;
  sessions: SessionsRepo;
  mfa: MfaRepo;
  approvals: ApprovalsRepo;
  settings: Pick<SettingsRepo, 'put'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  enrolmentStep: EnrolmentStep;
  sms: SmsOut;
}

/**
 * Administration of people (DESIGN §8): accounts (roles, disable, sessions), invitations, second-factor
 * resets under the two-person rule, staff phones verified by SMS, and the first-run set-up.
 */
export function createUserAdminService(deps: UserAdminDeps) {
  const { db, users, sessions, mfa, approvals, settings, vault, audit, clock, enrolmentStep, sms } = deps;
  const phones = createPhonesRepo(db);
  return {
    accounts: createAccountAdmin({ db, users, sessions, mfa, phones, audit }),
    invites: createInvites({ db, users, invites: createInvitesRepo(db), audit, clock, enrolmentStep }),
    mfaReset: createMfaReset({ db, users, approvals, mfa, sessions, audit, clock }),
    phone: createStaffPhone({ db, users, phones, vault, audit, clock, sms }),
    firstRun: createFirstRun({ db, users, settings, audit, enrolmentStep }),
  };
}
export type UserAdminService = ReturnType<typeof createUserAdminService>;
