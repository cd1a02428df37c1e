import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { ApprovalsRepo } from './approvals.repo.js';
import { createCasePlace } from './case-place.js';
import { createCaseSensitivity } from './case-sensitivity.js';
import { createCaseViews } from './case-views.js';
import type { CasesRepo } from './cases.repo.js';
import type { WorkflowService } from './workflow.service.js';

/**
 * Cases besides intake and the workflow: the read side (queue, case page, reveals, duplicates:
 * case-views.ts), the sensitivity steps (case-sensitivity.ts) and the case team.
 */
export function createCasesService(deps: {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  workflow: WorkflowService;
  approvals: ApprovalsRepo;
  clock: Clock;
}) {
  const { cases, audit, workflow, db } = deps;
  const views = createCaseViews(deps);
  const sensitivity = createCaseSensitivity(deps);

  return {
    setSensitivity: sensitivity.setSensitivity,
    decideSensitivity: sensitivity.decideSensitivity,
    queue: views.queue,
    queueIds: views.queueIds,
    detail: views.detail,
    revealPerson: views.revealPerson,
    duplicates: views.duplicates,
    setPlace: createCasePlace(deps),

    /** Add a staff member to the case team (audited; the team sees the case in full). */
    async addMember(caseId: string, userId: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        await cases.addMember(c.id, userId, 'member', tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'case.member_added',
            subjectType: 'case',
            subjectId: c.id,
            meta: { userId },
          },
          tx,
        );
      });
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
