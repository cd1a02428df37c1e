import {
  actionRoleHolders,
  type AssigneeView,
  type TeamMemberInput,
  type TeamView,
} from '../../../shared/contracts/caseTeam.js';
import { grants, rolesAllow } from '../../../shared/permissions.js';
import type { ActionRole } from '../../../shared/vocabularies.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../security/policy.js';
import type { CaseLog } from './case-log.js';
import type { CaseTeamRepo } from './case-team.repo.js';
import type { WorkflowService } from './workflow.service.js';

/**
 * The case team (need-to-know, DESIGN §5): who is on it, adding a lead or member, removing one, and who
 * an action may be assigned to (anyone on the team, or anyone holding the action's role). Membership is
 * what opens a sensitive or restricted case, so every change is on the timeline and in the audit.
 */
export function createCaseTeam(deps: {
  db: Db;
  team: CaseTeamRepo;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  caseLog: CaseLog;
  clock: Clock;
}) {
  const { db, team, workflow, caseLog, clock } = deps;

  async function members(caseId: string, actor: Actor): Promise<TeamView> {
    const c = await workflow.loadForActor(caseId, actor);
    // A disabled account is off the team while disabled (its row stays: enabling it again restores it).
    const active = (await team.team(c.id)).filter((m) => !m.disabled);
    return {
      members: active.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        roleInCase: m.roleInCase,
        roles: m.roles,
        addedAt: m.addedAt.toISOString(),
        isLead: c.leadUserId === m.userId,
      })),
    };
  }

  /** Add a user (or change their role on the team); a new lead takes the case's lead. */
  async function addMember(
    caseId: string,
    userId: string,
    actor: Actor,
    roleInCase: TeamMemberInput['roleInCase'] = 'member',
  ): Promise<void> {
    const input = { userId, roleInCase };
    await db.transaction(async (tx) => {
      const c = await workflow.loadForActor(caseId, actor, tx);
      const u = await team.user(input.userId, tx);
      if (!u || u.disabled || !rolesAllow(u.roles, 'cases:read'))
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'userId', message: 'not a user who can work on cases' }],
        });
      await team.setMember(c.id, u.id, input.roleInCase, tx);
      if (input.roleInCase === 'lead' && c.leadUserId !== u.id) await team.setLead(c.id, u.id, tx);
      await caseLog(
        {
          caseId: c.id,
          actorId: actor.id,
          type: 'team.member_added',
          data: { userId: u.id, roleInCase: input.roleInCase },
          audit: { action: 'case.member_added' },
          at: clock.now(),
        },
        tx,
      );
    });
  }

  /** Remove a member: from then on a sensitive or restricted case is closed to them. */
  async function removeMember(caseId: string, userId: string, actor: Actor): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await workflow.loadForActor(caseId, actor, tx);
      if (c.leadUserId === userId) throw new AppError('PRECONDITION_FAILED', { missing: 'another_lead' });
      if (!(await team.removeMember(c.id, userId, tx))) throw new AppError('NOT_FOUND');
      await caseLog(
        {
          caseId: c.id,
          actorId: actor.id,
          type: 'team.member_removed',
          data: { userId },
          audit: { action: 'case.member_removed' },
          at: clock.now(),
        },
        tx,
      );
    });
  }

  /** Who an action of this role may go to: the team first, then holders of the role not yet on it. */
  async function assignees(caseId: string, role: string | undefined, actor: Actor): Promise<AssigneeView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const out: AssigneeView[] = [];
    for (const m of await team.team(c.id))
      if (!m.disabled && rolesAllow(m.roles, 'cases:read'))
        out.push({ id: m.userId, displayName: m.displayName, source: 'team', roleInCase: m.roleInCase });
    // Without an action role: every staff member who reads cases (the "add to team" picker).
    const holders = !role
      ? grants['cases:read'].filter((r) => r !== 'responder')
      : role in actionRoleHolders
        ? actionRoleHolders[role as ActionRole]
        : [];
    const seen = new Set(out.map((a) => a.id));
    for (const u of await team.activeWithRoles(holders))
      if (!seen.has(u.id))
        out.push({ id: u.id, displayName: u.displayName, source: 'role', roleInCase: null });
    return out;
  }

  return { members, addMember, removeMember, assignees };
}
export type CaseTeam = ReturnType<typeof createCaseTeam>;
