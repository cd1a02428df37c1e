import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import type { Audit } from '../../security/audit.js';
import type { LoginStep } from '../auth/auth.service.js';
import type { EnrolmentStep } from '../auth/enrolment-step.js';
import { hashPassword } from '../auth/passwords.js';
import { inviteBody, type InviteInput } from '../../../shared/contracts/users.js';
import type { InvitesRepo } from './invites.repo.js';
import type { UsersRepo } from './users.repo.js';
import { toInviteView } from './users.views.js';

/** How long an invitation link stays open. */
export const INVITE_DAYS = 7;

export interface InvitesDeps {
  db: Db;
  users: UsersRepo;
  invites: InvitesRepo;
  audit: Audit;
  clock: Clock;
  enrolmentStep: EnrolmentStep;
}

/**
 * Invitations: an administrator names the person and their roles; the link carries a random token (only
 * its hash is kept), opens for INVITE_DAYS, once. The invitee chooses a password and goes straight on to
 * enrol an authenticator app; the account exists from the moment the invite is spent, in one transaction.
 */
export function createInvites(deps: InvitesDeps) {
  const { db, users, invites, audit, clock, enrolmentStep } = deps;

  async function open(token: string) {
    const invite = await invites.findOpenByHash(sha256Hex(token), clock.now());
    if (!invite) throw new AppError('INVITE_INVALID');
    return invite;
  }

  return {
    async invite(input: InviteInput, actorId: string) {
      const data = inviteBody.parse(input);
      if (await users.findByEmail(data.email)) throw new AppError('EMAIL_TAKEN');
      const now = clock.now();
      const token = randomToken();
      return db.transaction(async (tx) => {
        const row = await invites.insert(
          {
            tokenHash: sha256Hex(token),
            email: data.email,
            displayName: data.displayName,
            roles: [...new Set(data.roles)],
            locale: data.locale,
            invitedBy: actorId,
            createdAt: now,
            expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
          },
          tx,
        );
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'user.invited',
            subjectType: 'invite',
            subjectId: row.id,
            meta: { roles: row.roles, days: INVITE_DAYS },
          },
          tx,
        );
        return { ...toInviteView(row), token, path: `/invite/${token}` };
      });
    },

    async listOpen() {
      return (await invites.listOpen(clock.now())).map(toInviteView);
    },

    async revoke(id: string, actorId: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await invites.revoke(id, clock.now(), tx))) throw new AppError('NOT_FOUND');
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'user.invite_revoked',
            subjectType: 'invite',
            subjectId: id,
          },
          tx,
        );
      });
    },

    /** What the invite page shows: who is invited, until when. */
    async preview(token: string) {
      const invite = await open(token);
      return {
        email: invite.email,
        displayName: invite.displayName,
        expiresAt: invite.expiresAt.toISOString(),
      };
    },

    /** Spend the invite: the account with the chosen password, then the enrolment challenge. */
    async accept(token: string, password: string): Promise<LoginStep> {
      const invite = await open(token);
      if (await users.findByEmail(invite.email)) throw new AppError('EMAIL_TAKEN');
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const user = await users.insert(
          {
            email: invite.email,
            displayName: invite.displayName,
            passwordHash,
            roles: invite.roles,
            locale: invite.locale,
          },
          tx,
        );
        if (!(await invites.spend(invite.id, user.id, clock.now(), tx))) throw new AppError('INVITE_INVALID');
        await audit.record(
          {
            actorId: user.id,
            actorLabel: 'user',
            action: 'user.invite_accepted',
            subjectType: 'user',
            subjectId: user.id,
            meta: { inviteId: invite.id, invitedBy: invite.invitedBy, roles: user.roles },
          },
          tx,
        );
        return enrolmentStep(user.id, tx);
      });
    },
  };
}
export type Invites = ReturnType<typeof createInvites>;
