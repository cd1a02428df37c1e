import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { UserSummary } from '../../api/types.js';

export const usersKey = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api<{ users: UserSummary[] }>('/api/users', { signal }).then((r) => r.users),
  });
}
