import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { ApprovalsRepo } from './approvals.repo.js';
import { createCasePlace } from './case-place.js';
import { createCaseLog } from './case-log.js';
import { createCaseSensitivity } from './case-sensitivity.js';
import { createCaseTeam } from './case-team.js';
import type { CaseTeamRepo } from './case-team.repo.js';
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
  team: CaseTeamRepo;
  clock: Clock;
}) {
  const { cases, audit, workflow, db, clock } = deps;
  const views = createCaseViews(deps);
  const team = createCaseTeam({
    db,
    team: deps.team,
    workflow,
    caseLog: createCaseLog({ cases, audit }),
    clock,
  });
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

    /** The case team (case-team.ts): list, add a lead or member, remove, assignment candidates. */
    team: team.members,
    addMember: team.addMember,
    removeMember: team.removeMember,
    assignees: team.assignees,
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
