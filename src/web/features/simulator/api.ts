import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';

import type { z } from 'zod';
import type {
  SimulatedSmsResult,
  UssdScreen,
  outboxList,
  simulatorSmsBody,
  simulatorUssdBody,
} from '../../../shared/contracts/simulator.js';

/* The phone simulator (src/shared/contracts/simulator.ts): the gateway's handlers, driven here. */

export type { OutboxMessage, SimulatedSmsResult } from '../../../shared/contracts/simulator.js';
export type UssdReply = UssdScreen;

const outboxKey = (phone: string) => ['simulator', 'outbox', phone] as const;

/** How often the open phone's inbox is read again (replies are sent by the job queue, a moment later). */
export const INBOX_POLL_MS = 5_000;

export function useOutbox(phone: string) {
  return useQuery({
    enabled: phone !== '',
    queryKey: outboxKey(phone),
    queryFn: ({ signal }) =>
      api<z.infer<typeof outboxList>>(`/api/simulator/outbox?phone=${encodeURIComponent(phone)}`, {
        signal,
      }).then((r) => r.messages),
    // A refused number (422) or a switched-off simulator (409) is not asked again every few seconds.
    refetchInterval: (query) =>
      query.state.error && isApiError(query.state.error) && query.state.error.status < 500
        ? false
        : INBOX_POLL_MS,
    staleTime: 0,
    retry: false,
  });
}

export function useSendSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof simulatorSmsBody>) =>
      api<SimulatedSmsResult>('/api/simulator/sms', { method: 'POST', body }),
    onSettled: (_data, _error, body) => queryClient.invalidateQueries({ queryKey: outboxKey(body.from) }),
  });
}

export function useUssdStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof simulatorUssdBody>) =>
      api<UssdReply>('/api/simulator/ussd', { method: 'POST', body }),
    onSettled: (_data, _error, body) =>
      queryClient.invalidateQueries({ queryKey: outboxKey(body.phoneNumber) }),
  });
}
