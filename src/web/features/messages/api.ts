import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';

import type { z } from 'zod';
import type {
  NotificationRuleView,
  NotificationRulesView,
  messageLog,
  messageLogQuery,
} from '../../../shared/contracts/messages.js';
import type { reauthBody, reauthResponse } from '../../../shared/contracts/auth.js';

/* The message log and notification rules (src/shared/contracts/messages.ts). */

export { messageChannels, messageStatuses, ruleChannels } from '../../../shared/contracts/messages.js';
export type { MessageLogLine, RuleChannel } from '../../../shared/contracts/messages.js';
export type NotificationRule = NotificationRuleView;
export type NotificationRules = NotificationRulesView;

/** The log's filters: the query without its limit and case. */
export type MessageFilters = Pick<z.input<typeof messageLogQuery>, 'direction' | 'channel' | 'status'>;

export const messagesKey = ['messages'] as const;
export const MESSAGE_LOG_POLL_MS = 10_000;

export function messageSearch(f: MessageFilters & { caseId?: string }, limit: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  p.set('limit', String(limit));
  return `?${p.toString()}`;
}

export function useMessageLog(filters: MessageFilters, enabled = true, limit = 200) {
  return useQuery({
    enabled,
    queryKey: [...messagesKey, 'log', filters, limit],
    queryFn: ({ signal }) =>
      api<z.infer<typeof messageLog>>(`/api/messages${messageSearch(filters, limit)}`, { signal }).then(
        (r) => r.messages,
      ),
    refetchInterval: (query) =>
      query.state.error && isApiError(query.state.error) && query.state.error.status === 403
        ? false
        : MESSAGE_LOG_POLL_MS,
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });
}

/** `null`: the signed-in user's own rules; otherwise a user's id (administrators). */
const rulesPath = (userId: string | null) =>
  userId ? `/api/users/${encodeURIComponent(userId)}/notification-rules` : '/api/me/notification-rules';
const rulesKey = (userId: string | null) => [...messagesKey, 'rules', userId ?? 'me'] as const;

export function useNotificationRules(userId: string | null) {
  return useQuery({
    queryKey: rulesKey(userId),
    queryFn: ({ signal }) => api<NotificationRules>(rulesPath(userId), { signal }),
    staleTime: Infinity,
  });
}

export function useSaveNotificationRules(userId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: NotificationRule[]) =>
      api<NotificationRules>(rulesPath(userId), { method: 'PUT', body: { rules } }),
    onSuccess: (saved) => queryClient.setQueryData(rulesKey(userId), saved),
  });
}

/** Confirm password and code again (sensitive changes: another user's notification rules). */
export function reauthenticate(body: z.input<typeof reauthBody>) {
  return api<z.infer<typeof reauthResponse>>('/api/auth/reauth', { method: 'POST', body });
}
