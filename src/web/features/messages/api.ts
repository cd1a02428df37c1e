import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';

/* The message log and notification rules (src/server/modules/messages/messages.schemas.ts). */

/** One line of the message log: channel, status and attempts, never an address or content. */
export interface MessageLogLine {
  id: string;
  channel: string;
  direction: string;
  status: string;
  attempts: number;
  lastError: string | null;
  caseId: string | null;
  userId: string | null;
  /** Set when this message is the fallback of one that failed on another channel. */
  fallbackOf: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface MessageFilters {
  direction?: 'in' | 'out' | undefined;
  channel?: 'sms' | 'email' | 'inapp' | 'outbox' | undefined;
  status?: string | undefined;
}

export const messageChannels = ['sms', 'email', 'inapp', 'outbox'] as const;
/** Every status a message can be in (src/server/modules/messages). */
export const messageStatuses = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'cancelled',
  'received',
  'processed',
] as const;

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
      api<{ messages: MessageLogLine[] }>(`/api/messages${messageSearch(filters, limit)}`, { signal }).then(
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

export const ruleChannels = ['inapp', 'sms', 'email'] as const;
export type RuleChannel = (typeof ruleChannels)[number];

export interface NotificationRule {
  channel: RuleChannel;
  delayMinutes: number;
  contact: string | null;
}

export interface NotificationRules {
  rules: NotificationRule[];
  /** No rules of their own: in-app at once. */
  isDefault: boolean;
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
export function reauthenticate(body: { password: string; code: string }) {
  return api<{ reauthenticatedAt: string }>('/api/auth/reauth', { method: 'POST', body });
}
