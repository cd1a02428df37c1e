import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type { userView } from '../../../shared/contracts/users.js';

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
