import { z } from 'zod';
import type { Role } from '../permissions.js';
import type { ActionRole } from '../vocabularies.js';

/** The roles a manager gives on the team panel; other roles (action_owner, responder …) come by work. */
export const teamRoles = ['lead', 'member'] as const;
export type TeamRole = (typeof teamRoles)[number];

export const teamMemberInput = z.object({
  userId: z.string().uuid(),
  roleInCase: z.enum(teamRoles).default('member'),
});
export type TeamMemberInput = z.infer<typeof teamMemberInput>;

export const teamMemberView = z.object({
  userId: z.string().uuid(),
  displayName: z.string(),
  roleInCase: z.string(),
  roles: z.array(z.string()),
  addedAt: z.string(),
  isLead: z.boolean(),
});
export type TeamMemberView = z.infer<typeof teamMemberView>;
export const teamView = z.object({ members: z.array(teamMemberView) });
export type TeamView = z.infer<typeof teamView>;

/** Which staff roles hold the skills of each action role (assignment candidates beyond the team). */
export const actionRoleHolders: Record<ActionRole, readonly Role[]> = {
  legal: ['legal'],
  research: ['research'],
  communications: ['communications'],
  finance: ['finance'],
  protection: ['duty_officer'],
  medical: [],
};

export const assigneesQuery = z.object({ role: z.string().max(40).optional() });
export const assigneeView = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  /** Why they are offered: already on the team, or holding the action's role. */
  source: z.enum(['team', 'role']),
  roleInCase: z.string().nullable(),
});
export type AssigneeView = z.infer<typeof assigneeView>;
export const assigneeList = z.object({ assignees: z.array(assigneeView) });
