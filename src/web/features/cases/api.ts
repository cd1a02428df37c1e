import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, isApiError } from '../../api/client.js';
import { cachedGet } from '../offline/fieldCache.js';
import { fieldWrite } from '../offline/outbox.js';
import type { TransitionAction } from '../../../shared/workflow.js';
import type {
  AssessmentInput,
  assessmentNotesView,
  assessmentView,
  caseCreated,
  CaseNoteBody,
  caseNoteResult,
  caseDetailView,
  casePersonView,
  IntakeInput,
  missionCaseView,
  queueLine,
  queuePage,
  queueQuery,
  revealedPerson,
  SensitivityBody,
  sensitivityResult,
  timelineEventView,
  TransitionBody,
  transitionResult,
} from '../../../shared/contracts/cases.js';

type QueueQuery = z.infer<typeof queueQuery>;

/** A line of the queue (GET /api/cases). A redacted line is a sensitive case outside the viewer's team. */
export type QueueLine = z.infer<typeof queueLine>;
export type Assessment = z.infer<typeof assessmentView>;
export type AssessmentNotes = z.infer<typeof assessmentNotesView>;
export type TimelineEvent = z.infer<typeof timelineEventView>;
export type CasePerson = z.infer<typeof casePersonView>;
export type CaseDetail = z.infer<typeof caseDetailView>;
/** A dispatched responder's view of a case: the victim, the place and the mission, nothing more. */
export type MissionCase = z.infer<typeof missionCaseView>;
export type SensitivityResult = z.infer<typeof sensitivityResult>;
export type RevealedPerson = z.infer<typeof revealedPerson>;
export type { AssessmentInput, IntakeInput, TransitionBody };

/** The queue's filters and search: the query the queue route accepts, less its page and size. */
export type QueueFilters = {
  [K in 'status' | 'priority' | 'county' | 'violationType' | 'ward' | 'tag' | 'eventId' | 'q']?:
    QueueQuery[K] | undefined;
};
/** One page of the queue with its totals (GET /api/cases). */
export type QueuePage = z.infer<typeof queuePage>;

/** The queue's page size in the console. */
export const QUEUE_PAGE_SIZE = 50;

export const casesKey = ['cases'] as const;
const queueKey = (f: QueueFilters, page: number) => [...casesKey, 'queue', f, page] as const;
const caseKey = (id: string) => [...casesKey, 'detail', id] as const;

/** How often the queue is fetched again while open (live updates come later). */
export const QUEUE_POLL_MS = 10_000;

export function queueSearch(f: QueueFilters, limit?: number, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (limit) p.set('limit', String(limit));
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `enabled: false` for roles that cannot read cases: nothing is asked that would only be refused. */
export function useQueue(filters: QueueFilters, enabled = true, page = 1) {
  return useQuery({
    enabled,
    queryKey: queueKey(filters, page),
    queryFn: ({ signal }) =>
      api<QueuePage>(`/api/cases${queueSearch(filters, QUEUE_PAGE_SIZE, page)}`, { signal }),
    // Keep polling while it works; a refusal (403) is not retried every 10 s.
    refetchInterval: (query) =>
      query.state.error && isApiError(query.state.error) && query.state.error.status === 403
        ? false
        : QUEUE_POLL_MS,
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    // A case the user is on was sealed for offline use when the console started (fieldCache.ts); it is
    // kept current here, and read from there without a network. Other cases are never kept.
    queryFn: ({ signal }) =>
      cachedGet<CaseDetail | MissionCase>(`/api/cases/${encodeURIComponent(id)}`, signal, 'if-kept'),
    networkMode: 'offlineFirst',
    staleTime: 5_000,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    // A report from the field: through the outbox (queued offline, created once on the server).
    mutationFn: (body: IntakeInput) =>
      fieldWrite<z.infer<typeof caseCreated>>('report', { method: 'POST', path: '/api/cases', body }),
    networkMode: 'always',
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function useTransition(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: TransitionAction; body: TransitionBody }) =>
      api<z.infer<typeof transitionResult>>(
        `/api/cases/${encodeURIComponent(caseId)}/transitions/${action}`,
        { method: 'POST', body },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

/** Screening: raise at once, or ask to lower (with a reason) for a second person to decide. */
export function useSetSensitivity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SensitivityBody) =>
      api<SensitivityResult>(`/api/cases/${encodeURIComponent(caseId)}/sensitivity`, {
        method: 'POST',
        body,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function useDecideSensitivity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, approve }: { requestId: string; approve: boolean }) =>
      api<SensitivityResult>(
        `/api/cases/${encodeURIComponent(caseId)}/sensitivity-requests/${encodeURIComponent(requestId)}/decision`,
        { method: 'POST', body: { approve } },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function revealPerson(caseId: string, personId: string): Promise<RevealedPerson> {
  return api<RevealedPerson>(
    `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(personId)}`,
  );
}

/** Correct the case's county, sub-county and ward. */
export function useSetPlace(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { county: string | null; subCounty: string | null; ward: string | null }) =>
      api<unknown>(`/api/cases/${encodeURIComponent(caseId)}/place`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

/** Reply to the reporter by SMS (to the case's phone on record). */
export function useReplyToReporter(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string }) =>
      api<{ messageId: string }>(`/api/cases/${encodeURIComponent(caseId)}/reporter-replies`, {
        method: 'POST',
        body,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export interface DuplicateSuggestion {
  id: string;
  reference: string;
  status: string;
  receivedAt: string;
  reasons: ('same_phone' | 'same_ward_same_day' | 'similar_text')[];
  similarity: number;
}

/** Likely duplicates of a case (same phone, same ward and day, similar text), for the screener. */
export function useDuplicates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKey(caseId), 'duplicates'],
    queryFn: ({ signal }) =>
      api<{ duplicates: DuplicateSuggestion[] }>(`/api/cases/${encodeURIComponent(caseId)}/duplicates`, {
        signal,
      }),
    enabled,
    staleTime: 30_000,
  });
}

/** A note on the case timeline, from the case page or a mission card: through the outbox. */
export function useAddCaseNote(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseNoteBody) =>
      fieldWrite<z.infer<typeof caseNoteResult>>('note', {
        method: 'POST',
        path: `/api/cases/${encodeURIComponent(caseId)}/notes`,
        body,
      }),
    networkMode: 'always',
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}
