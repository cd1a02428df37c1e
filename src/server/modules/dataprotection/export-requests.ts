import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import { mayRunExport, type Actor } from '../../security/policy.js';
import { rolesAllow } from '../../../shared/permissions.js';
import type { ApprovalsRepo } from '../cases/approvals.repo.js';
import type { DataProtectionRepo } from './dataprotection.repo.js';

/** Why a data-subject export is made (Kenya DPA ss. 26, 31): codes only, never words. */
export const exportBases = [
  'subject_access_request',
  'portability',
  'correction',
  'regulator_request',
] as const;
export type ExportBasis = (typeof exportBases)[number];

/**
 * The two-person rule in front of the data-subject export: a data-protection officer asks, a different
 * person (another DPO or leadership) approves or refuses, and only the asker runs the export, once. Each
 * step is audited with ids and codes only.
 */
export function createExportRequests(deps: {
  db: Db;
  approvals: ApprovalsRepo;
  repo: DataProtectionRepo;
  audit: Audit;
  clock: Clock;
}) {
  const { db, approvals, repo, audit, clock } = deps;
  const view = (r: Awaited<ReturnType<ApprovalsRepo['insert']>>) => ({
    id: r.id,
    personId: r.subjectId,
    basis: (r.payload as { basis: ExportBasis }).basis,
    status: r.status as 'pending' | 'approved' | 'refused' | 'used',
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  });

  return {
    async request(personId: string, basis: ExportBasis, actor: Actor) {
      if (!(await repo.person(personId))) throw new AppError('NOT_FOUND');
      return db.transaction(async (tx) => {
        const r = await approvals.insert(
          {
            kind: 'person_export',
            subjectId: personId,
            payload: { basis },
            requestedBy: actor.id,
            requestedAt: clock.now(),
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'person.export_requested',
            subjectType: 'person',
            subjectId: personId,
            meta: { requestId: r.id, basis },
          },
          tx,
        );
        return view(r);
      });
    },

    /** The caller's own requests, newest first, with their status (pending, approved, refused, used). */
    async mine(actor: Actor) {
      return (await approvals.byRequester('person_export', actor.id)).map(view);
    },

    async pending() {
      return (await approvals.pending('person_export')).map(view);
    },

    async decide(requestId: string, approve: boolean, actor: Actor) {
      return db.transaction(async (tx) => {
        const r = await approvals.find(requestId, 'person_export', tx);
        if (!r) throw new AppError('NOT_FOUND');
        if (r.requestedBy === actor.id || !rolesAllow(actor.roles, 'dataprotection:approve')) {
          throw new AppError('SEGREGATION_OF_DUTIES');
        }
        const settled = await approvals.settle(
          r.id,
          'pending',
          { status: approve ? 'approved' : 'refused', decidedBy: actor.id, decidedAt: clock.now() },
          tx,
        );
        if (!settled) throw new AppError('REQUEST_DECIDED');
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: approve ? 'person.export_approved' : 'person.export_refused',
            subjectType: 'person',
            subjectId: r.subjectId,
            meta: { requestId: r.id },
          },
          tx,
        );
        return view(settled);
      });
    },

    /** Spend the approved request for this export (before it runs: a failed export needs a new one). */
    async spend(requestId: string, personId: string, actor: Actor): Promise<void> {
      const r = await approvals.find(requestId, 'person_export');
      if (!r || r.subjectId !== personId || !mayRunExport(actor, r))
        throw new AppError('EXPORT_NOT_APPROVED');
      const used = await approvals.settle(r.id, 'approved', { status: 'used', usedAt: clock.now() });
      if (!used) throw new AppError('EXPORT_NOT_APPROVED');
    },
  };
}
export type ExportRequests = ReturnType<typeof createExportRequests>;
