import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type {
  BulkInput,
  BulkResult,
  EventDetail,
  EventInput,
  EventSummary,
  eventSuggestion,
  RegisterInput,
} from '../../../shared/contracts/events.js';
import { casesKey } from '../cases/api.js';

export type { BulkInput, BulkResult, EventDetail, EventInput, EventSummary };
export type EventSuggestion = z.infer<typeof eventSuggestion>;

const eventsKey = ['events'] as const;

export function useEvents(q?: string) {
  return useQuery({
    queryKey: [...eventsKey, 'list', q ?? ''],
    queryFn: ({ signal }) =>
      api<{ events: EventSummary[] }>(`/api/events${q ? `?q=${encodeURIComponent(q)}` : ''}`, {
        signal,
      }).then((r) => r.events),
    staleTime: 10_000,
  });
}

export function useEvent(id: string) {
  return useQuery({
    queryKey: [...eventsKey, 'detail', id],
    queryFn: ({ signal }) => api<EventDetail>(`/api/events/${encodeURIComponent(id)}`, { signal }),
    staleTime: 5_000,
  });
}

export function useSuggestions(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...eventsKey, 'suggestions', id],
    queryFn: ({ signal }) =>
      api<{ suggestions: EventSuggestion[] }>(`/api/events/${encodeURIComponent(id)}/suggestions`, {
        signal,
      }).then((r) => r.suggestions),
  });
}

export function useCaseEvents(caseId: string) {
  return useQuery({
    queryKey: [...eventsKey, 'case', caseId],
    queryFn: ({ signal }) =>
      api<{ events: EventSummary[] }>(`/api/cases/${encodeURIComponent(caseId)}/events`, { signal }).then(
        (r) => r.events,
      ),
  });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EventInput) => api<EventSummary>('/api/events', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventsKey }),
  });
}

/** Attach cases to an event (the case page, the event's suggestions). */
export function useAttach(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseIds: string[]) =>
      api<{ results: { caseId: string; attached: boolean; error: string | null }[] }>(
        `/api/events/${encodeURIComponent(eventId)}/cases`,
        { method: 'POST', body: { caseIds } },
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: eventsKey });
      await queryClient.invalidateQueries({ queryKey: casesKey });
    },
  });
}

/** One action over many cases of the queue. */
export function useBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkInput) => api<BulkResult>('/api/cases/bulk', { method: 'POST', body }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKey });
      await queryClient.invalidateQueries({ queryKey: eventsKey });
    },
  });
}

/** Add detainees to an event's mass-arrest register. */
export function useAddDetainees(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (detainees: RegisterInput['detainees']) =>
      api<{ results: { ok: boolean; caseId: string | null; error: string | null }[] }>(
        `/api/events/${encodeURIComponent(eventId)}/detainees`,
        { method: 'POST', body: { detainees } },
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: eventsKey });
      await queryClient.invalidateQueries({ queryKey: casesKey });
    },
  });
}
