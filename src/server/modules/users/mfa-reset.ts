import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { ApprovalRequestRow } from '../../db/schema/index.js';
import type { ApprovalsRepo } from '../cases/approvals.repo.js';
import type { MfaRepo } from '../auth/mfa.repo.js';
import type { SessionsRepo } from '../auth/sessions.repo.js';
import type { UsersRepo } from './users.repo.js';

const view = (r: ApprovalRequestRow) => ({
  id: r.id,
  userId: r.subjectId,
  status: r.status as 'pending' | 'approved' | 'refused' | 'used',
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt.toISOString(),
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/**
 * A lost second factor, reset under the two-person rule (the shape of the data-subject export
 * requests): one administrator asks, a different administrator approves or refuses. Approval removes
 * every factor (authenticator, recovery codes, security keys) and ends every session; at the next sign-in
 * the password leads to enrolment of a new authenticator. Nobody asks for their own reset.
 */
export function createMfaReset(deps: {
  db: Db;
  users: Pick<UsersRepo, 'findById' | 'resetFailedLogins'>;
  approvals: ApprovalsRepo;
  mfa: Pick<MfaRepo, 'deleteAllFactors'>;
  sessions: Pick<SessionsRepo, 'deleteAllForUser'>;
  audit: Audit;
  clock: Clock;
}) {
  const { db, users, approvals, mfa, sessions, audit, clock } = deps;

  return {
    async request(userId: string, actorId: string) {
      if (!(await users.findById(userId))) throw new AppError('NOT_FOUND');
      if (userId === actorId) throw new AppError('NOT_ON_SELF');
      return db.transaction(async (tx) => {
        const r = await approvals.insert(
          {
            kind: 'mfa_reset',
            subjectId: userId,
            payload: {},
            requestedBy: actorId,
            requestedAt: clock.now(),
          },
          tx,
        );
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'user.mfa_reset_requested',
            subjectType: 'user',
            subjectId: userId,
            meta: { requestId: r.id },
          },
          tx,
        );
        return view(r);
      });
    },

    async pending() {
      return (await approvals.pending('mfa_reset')).map(view);
    },

    async decide(requestId: string, approve: boolean, actorId: string) {
      return db.transaction(async (tx) => {
        const r = await approvals.find(requestId, 'mfa_reset', tx);
        if (!r) throw new AppError('NOT_FOUND');
        if (r.requestedBy === actorId || r.subjectId === actorId) throw new AppError('SEGREGATION_OF_DUTIES');
        const now = clock.now();
        const settled = await approvals.settle(
          r.id,
          'pending',
          approve
            ? { status: 'used', decidedBy: actorId, decidedAt: now, usedAt: now }
            : { status: 'refused', decidedBy: actorId, decidedAt: now },
          tx,
        );
        if (!settled) throw new AppError('REQUEST_DECIDED');
        let sessionsEnded = 0;
        if (approve) {
          await mfa.deleteAllFactors(r.subjectId, tx);
          await users.resetFailedLogins(r.subjectId, tx);
          sessionsEnded = await sessions.deleteAllForUser(r.subjectId, tx);
        }
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: approve ? 'user.mfa_reset_approved' : 'user.mfa_reset_refused',
            subjectType: 'user',
            subjectId: r.subjectId,
            meta: { requestId: r.id, requestedBy: r.requestedBy, ...(approve ? { sessionsEnded } : {}) },
          },
          tx,
        );
        return view(settled);
      });
    },
  };
}
export type MfaReset = ReturnType<typeof createMfaReset>;
