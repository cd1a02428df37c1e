import { rolesAllow } from '../../../shared/permissions.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import { createCaseLog } from './case-log.js';
import type { CasesRepo } from './cases.repo.js';
import type { CaseDetails } from './workflow.effects.js';

/**
 * The retrospective review of a P1 the duty officer approved alone (DESIGN §2.1: "P1 may be approved by
 * the duty officer with mandatory retrospective review within 24 h"). An approver other than the one who
 * took the fast path records it; its clock is met, and the alert a missed review raised resolves.
 */
export function createRetrospectiveReview(deps: {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  clocks: Pick<ClocksService, 'meet'>;
  loadForActor: (caseId: string, actor: Actor, tx: Executor) => Promise<CaseRow>;
}) {
  const { db, cases, vault, clock, clocks, loadForActor } = deps;
  const caseLog = createCaseLog(deps);

  return async function recordRetrospectiveReview(
    caseId: string,
    actor: Actor,
    input: { note?: string | undefined },
  ): Promise<{ by: string; at: string }> {
    return db.transaction(async (tx) => {
      const c = await loadForActor(caseId, actor, tx);
      const details = { ...(c.details as CaseDetails) };
      const decision = details.decision;
      if (!decision?.fastPath) throw new AppError('PRECONDITION_FAILED', { missing: 'fast_path_decision' });
      if (decision.retrospectiveReview) throw new AppError('PRECONDITION_FAILED', { done: 'review' });
      // A reviewer is an approver in their own right (not by being on duty), and not the one reviewed.
      const approver = rolesAllow(
        actor.roles.filter((r) => r !== 'duty_officer'),
        'cases:decide',
      );
      if (!approver || decision.by === actor.id) throw new AppError('SEGREGATION_OF_DUTIES');
      const now = clock.now();
      const review = { by: actor.id, at: now.toISOString() };
      details.decision = { ...decision, retrospectiveReview: review };
      const updated = await cases.updateGuarded(
        c.id,
        { status: c.status, version: c.version },
        { details },
        tx,
      );
      if (!updated) throw new AppError('CONFLICT');
      const note = input.note?.trim();
      await caseLog(
        {
          caseId: c.id,
          at: now,
          actorId: actor.id,
          type: 'decision.reviewed',
          data: { fastPathBy: decision.by },
          noteEnc: note
            ? await vault.encrypt(c.dataKeyId, note, aad('case_events', 'note', c.reference), tx)
            : null,
        },
        tx,
      );
      await clocks.meet(c.id, 'retrospective_review', tx, actor.id);
      return review;
    });
  };
}
