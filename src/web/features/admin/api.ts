import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type {
  adminUserView,
  invitePreview as invitePreviewView,
  inviteCreated,
  InviteInput,
  inviteView,
  mfaResetRequestView,
  SetupInput,
  setupStatus as setupStatusView,
  userView,
} from '../../../shared/contracts/users.js';
import type { adminSessionList, loginStepResponse } from '../../../shared/contracts/auth.js';
import type { Role } from '../../../shared/permissions.js';

/** A row of GET /api/users. */
export type UserSummary = z.infer<typeof userView>;

export const usersKey = ['users'] as const;

/** `enabled: false` for roles that may not list users (GET /api/users: users:read). */
export function useUsers(enabled = true) {
  return useQuery({
    enabled,
    queryKey: usersKey,
    queryFn: ({ signal }) => api<{ users: UserSummary[] }>('/api/users', { signal }).then((r) => r.users),
  });
}

// --- onboarding (signed out) ---------------------------------------------------------------------

type Step = z.infer<typeof loginStepResponse>;

export function setupStatus(signal?: AbortSignal) {
  return api<z.infer<typeof setupStatusView>>('/api/setup', { signal });
}
export function completeSetup(body: SetupInput): Promise<Step> {
  return api<Step>('/api/setup', { method: 'POST', body });
}
export function invitePreview(token: string, signal?: AbortSignal) {
  return api<z.infer<typeof invitePreviewView>>(`/api/invitation/${encodeURIComponent(token)}`, { signal });
}
export function acceptInvite(token: string, password: string): Promise<Step> {
  return api<Step>(`/api/invitation/${encodeURIComponent(token)}/accept`, {
    method: 'POST',
    body: { password },
  });
}

// --- administration (signed in) ------------------------------------------------------------------

export type AdminUser = z.infer<typeof adminUserView>;
export type Invite = z.infer<typeof inviteView>;
export type InviteCreated = z.infer<typeof inviteCreated>;
export type MfaResetRequest = z.infer<typeof mfaResetRequestView>;
export type UserSession = z.infer<typeof adminSessionList>['sessions'][number];

export const adminUsersKey = ['admin', 'users'] as const;

export function useAdminUsers() {
  return useQuery({
    queryKey: adminUsersKey,
    // People change outside this page (an invitation accepted, a sign-in): each visit reads them afresh.
    staleTime: 0,
    queryFn: ({ signal }) => api<{ users: AdminUser[] }>('/api/admin/users', { signal }).then((r) => r.users),
  });
}
export function useInvites() {
  return useQuery({
    queryKey: ['admin', 'invites'],
    staleTime: 0,
    queryFn: ({ signal }) => api<{ invites: Invite[] }>('/api/invites', { signal }).then((r) => r.invites),
  });
}
export function useMfaResets() {
  return useQuery({
    queryKey: ['admin', 'mfa-resets'],
    staleTime: 0,
    queryFn: ({ signal }) =>
      api<{ requests: MfaResetRequest[] }>('/api/mfa-reset-requests', { signal }).then((r) => r.requests),
  });
}
export function useUserSessions(userId: string | null) {
  return useQuery({
    enabled: Boolean(userId),
    queryKey: ['admin', 'sessions', userId],
    queryFn: ({ signal }) =>
      api<{ sessions: UserSession[] }>(`/api/users/${userId}/sessions`, { signal }).then((r) => r.sessions),
  });
}

/** Every administrative change, by name: the console refreshes the admin queries after each. */
export const adminCalls = {
  invite: (body: InviteInput) => api<InviteCreated>('/api/invites', { method: 'POST', body }),
  withdrawInvite: (id: string) => api<null>(`/api/invites/${id}`, { method: 'DELETE' }),
  setRoles: (id: string, roles: Role[]) =>
    api<unknown>(`/api/users/${id}/roles`, { method: 'PUT', body: { roles } }),
  disable: (id: string) => api<unknown>(`/api/users/${id}/disable`, { method: 'POST' }),
  enable: (id: string) => api<unknown>(`/api/users/${id}/enable`, { method: 'POST' }),
  revokeSession: (id: string, sessionId: string) =>
    api<null>(`/api/users/${id}/sessions/${sessionId}`, { method: 'DELETE' }),
  askMfaReset: (id: string) =>
    api<MfaResetRequest>(`/api/users/${id}/mfa-reset-requests`, { method: 'POST' }),
  decideMfaReset: (id: string, approve: boolean) =>
    api<MfaResetRequest>(`/api/mfa-reset-requests/${id}/decision`, { method: 'POST', body: { approve } }),
  reauth: (body: { password: string; code: string }) =>
    api<unknown>('/api/auth/reauth', { method: 'POST', body }),
};
