import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AssigneeView, TeamMemberInput, TeamView } from '../../../shared/contracts/caseTeam.js';
import { casesKey } from './api.js';

export type { AssigneeView, TeamView };
const path = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** The case team with names (GET /api/cases/:id/members). */
export function useTeam(caseId: string) {
  return useQuery({
    queryKey: [...casesKey, 'team', caseId],
    // Others change the team (a colleague adds someone, an administrator disables an account).
    staleTime: 5_000,
    queryFn: ({ signal }) => api<TeamView>(`${path(caseId)}/members`, { signal }).then((r) => r.members),
  });
}

/**
 * Who an action of `role` may go to (the team, then holders of the role); without a role, every staff
 * member who reads cases (the "add to team" picker).
 */
export function useAssignees(caseId: string, role: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...casesKey, 'assignees', caseId, role ?? ''],
    queryFn: ({ signal }) =>
      api<{ assignees: AssigneeView[] }>(
        `${path(caseId)}/assignees${role ? `?role=${encodeURIComponent(role)}` : ''}`,
        { signal },
      ).then((r) => r.assignees),
    enabled,
  });
}

export function useAddMember(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamMemberInput) => api<null>(`${path(caseId)}/members`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function useRemoveMember(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<null>(`${path(caseId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}
