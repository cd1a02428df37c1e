import { rolesAllow } from '../../../shared/permissions.js';
import { sensitivityRank } from '../../../shared/sensitivity.js';
import type { Sensitivity } from '../../../shared/vocabularies.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { ApprovalsRepo } from './approvals.repo.js';
import { createCaseLog } from './case-log.js';
import type { CasesRepo } from './cases.repo.js';
import type { WorkflowService } from './workflow.service.js';

export interface CaseSensitivityDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  approvals: ApprovalsRepo;
  clock: Clock;
}

type SensitivityStep = 'raised' | 'lower_requested' | 'lowered' | 'lower_refused';

/**
 * A case's sensitivity, set at screening. Raising (or keeping) applies at once; lowering needs a
 * reason and becomes a request that a second person decides.
 */
export function createCaseSensitivity(deps: CaseSensitivityDeps) {
  const { db, cases, vault, audit, workflow, approvals, clock } = deps;
  const caseLog = createCaseLog({ cases, audit });

  /** Timeline entry and audit row of a sensitivity step: codes in the audit, the reason encrypted. */
  async function recordSensitivityStep(
    c: CaseRow,
    actor: Actor,
    step: SensitivityStep,
    data: { from: string; to: string; requestId?: string },
    reason: string | undefined,
    tx: Executor,
  ) {
    await caseLog(
      {
        caseId: c.id,
        at: clock.now(),
        actorId: actor.id,
        type: `sensitivity.${step}`,
        data,
        noteEnc: reason
          ? await vault.encrypt(c.dataKeyId, reason, aad('case_events', 'note', c.reference), tx)
          : null,
        audit: { action: `case.sensitivity_${step}` },
      },
      tx,
    );
  }

  return {
    /**
     * Screening sets the case's sensitivity. Raising (or keeping) applies at once; lowering needs a
     * reason and becomes a request that a second person decides (`decideSensitivity`).
     */
    async setSensitivity(
      caseId: string,
      input: { sensitivity: Sensitivity; reason?: string | undefined },
      actor: Actor,
    ) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const from = c.sensitivity as Sensitivity;
        const to = input.sensitivity;
        const reason = input.reason?.trim() || undefined;
        if (sensitivityRank(to) >= sensitivityRank(from)) {
          if (to !== from) {
            const updated = await cases.updateGuarded(
              c.id,
              { status: c.status, version: c.version },
              { sensitivity: to },
              tx,
            );
            if (!updated) throw new AppError('CONFLICT');
            await recordSensitivityStep(c, actor, 'raised', { from, to }, reason, tx);
          }
          return { status: 'applied' as const, sensitivity: to, requestId: null };
        }
        if (!reason)
          throw new AppError('REASON_REQUIRED', { fields: [{ path: 'reason', message: 'required' }] });
        const open = (await approvals.pending('case_sensitivity', tx)).find((r) => r.subjectId === c.id);
        if (open) throw new AppError('CONFLICT');
        const req = await approvals.insert(
          {
            kind: 'case_sensitivity',
            subjectId: c.id,
            payload: { from, to },
            requestedBy: actor.id,
            requestedAt: clock.now(),
          },
          tx,
        );
        await recordSensitivityStep(c, actor, 'lower_requested', { from, to, requestId: req.id }, reason, tx);
        return { status: 'pending' as const, sensitivity: from, requestId: req.id };
      });
    },

    /** The second person approves or refuses a request to lower a case's sensitivity. */
    async decideSensitivity(caseId: string, requestId: string, approve: boolean, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const req = await approvals.find(requestId, 'case_sensitivity', tx);
        if (!req || req.subjectId !== c.id) throw new AppError('NOT_FOUND');
        if (req.requestedBy === actor.id || !rolesAllow(actor.roles, 'cases:decide')) {
          throw new AppError('SEGREGATION_OF_DUTIES');
        }
        const { from, to } = req.payload as { from: Sensitivity; to: Sensitivity };
        const settled = await approvals.settle(
          req.id,
          'pending',
          { status: approve ? 'approved' : 'refused', decidedBy: actor.id, decidedAt: clock.now() },
          tx,
        );
        if (!settled) throw new AppError('REQUEST_DECIDED');
        if (approve) {
          // The case moved on since the request (raised again, say): the request no longer applies.
          if (c.sensitivity !== from) throw new AppError('CONFLICT');
          const updated = await cases.updateGuarded(
            c.id,
            { status: c.status, version: c.version },
            { sensitivity: to },
            tx,
          );
          if (!updated) throw new AppError('CONFLICT');
        }
        await recordSensitivityStep(
          c,
          actor,
          approve ? 'lowered' : 'lower_refused',
          { from, to, requestId: req.id },
          undefined,
          tx,
        );
        return {
          status: approve ? ('applied' as const) : ('refused' as const),
          sensitivity: approve ? to : from,
          requestId: req.id,
        };
      });
    },
  };
}
