import type { Db } from '../../db/client.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Audit } from '../../security/audit.js';
import type { Role } from '../../../shared/permissions.js';
import type { AdminUserView } from '../../../shared/contracts/users.js';
import type { SessionsRepo } from '../auth/sessions.repo.js';
import type { MfaRepo } from '../auth/mfa.repo.js';
import type { UsersRepo } from './users.repo.js';
import type { PhonesRepo } from './phones.repo.js';
import { toUserView } from './users.views.js';

export interface AccountAdminDeps {
  db: Db;
  users: UsersRepo;
  sessions: SessionsRepo;
  mfa: Pick<MfaRepo, 'enrolledUserIds'>;
  phones: Pick<PhonesRepo, 'verifiedUserIds'>;
  audit: Audit;
}

/**
 * An administrator's changes to someone's account: roles (behind re-authentication, at the route),
 * disabling (every session ends in the same transaction, so the next request with one is refused) and
 * re-enabling, one session revoked. Each audited with ids and role codes only. Nobody demotes or
 * disables themself, and the last active administrator stays.
 */
export function createAccountAdmin(deps: AccountAdminDeps) {
  const { db, users, sessions, mfa, phones, audit } = deps;

  async function target(actorId: string, userId: string): Promise<UserRow> {
    const user = await users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND');
    if (user.id === actorId) throw new AppError('NOT_ON_SELF');
    return user;
  }

  async function keepAnAdmin(user: UserRow): Promise<void> {
    const isActiveAdmin = !user.disabled && (user.roles as string[]).includes('admin');
    if (isActiveAdmin && (await users.countOtherActiveAdmins(user.id)) === 0)
      throw new AppError('LAST_ADMIN');
  }

  return {
    async list(): Promise<AdminUserView[]> {
      const [rows, enrolled, verified] = await Promise.all([
        users.list(),
        mfa.enrolledUserIds(),
        phones.verifiedUserIds(),
      ]);
      return rows.map((u) => ({
        ...toUserView(u),
        lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
        phoneVerified: verified.has(u.id),
        mfaEnrolled: enrolled.has(u.id),
      }));
    },

    async changeRoles(actorId: string, userId: string, roles: Role[]): Promise<UserRow> {
      const user = await target(actorId, userId);
      const next = [...new Set(roles)];
      if (!next.includes('admin')) await keepAnAdmin(user);
      return db.transaction(async (tx) => {
        await users.setRoles(user.id, next, tx);
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'user.roles_changed',
            subjectType: 'user',
            subjectId: user.id,
            meta: { from: user.roles, to: next },
          },
          tx,
        );
        return { ...user, roles: next };
      });
    },

    /** Disable: the account and every session it has end now; re-enable: it may sign in again. */
    async setDisabled(actorId: string, userId: string, disabled: boolean): Promise<UserRow> {
      const user = await target(actorId, userId);
      if (disabled) await keepAnAdmin(user);
      return db.transaction(async (tx) => {
        await users.setDisabled(user.id, disabled, tx);
        const ended = disabled ? await sessions.deleteAllForUser(user.id, tx) : 0;
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: disabled ? 'user.disabled' : 'user.enabled',
            subjectType: 'user',
            subjectId: user.id,
            meta: disabled ? { sessionsEnded: ended } : {},
          },
          tx,
        );
        return { ...user, disabled };
      });
    },

    /** Revoke one session of a user by the short id the administrator sees. */
    async revokeSession(actorId: string, userId: string, shortId: string): Promise<void> {
      const mine = await sessions.listForUser(userId);
      const found = mine.find((s) => s.id.startsWith(shortId));
      if (!found) throw new AppError('NOT_FOUND');
      await db.transaction(async (tx) => {
        const n = await sessions.deleteForUser(userId, found.id, tx);
        if (n === 0) throw new AppError('NOT_FOUND');
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'auth.session_revoked',
            subjectType: 'user',
            subjectId: userId,
            meta: { count: n, by: 'admin' },
          },
          tx,
        );
      });
    },
  };
}
export type AccountAdmin = ReturnType<typeof createAccountAdmin>;
