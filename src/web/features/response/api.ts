import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { cachedGet } from '../offline/fieldCache.js';
import { fieldWrite } from '../offline/outbox.js';
import type { z } from 'zod';
import type {
  actionCreateInput,
  actionPatchInput,
  actionView,
  arrestCreateInput,
  arrestPatchInput,
  arrestView,
  feedbackInput,
  feedbackView,
  impactInput,
  impactView,
  institutionalResponseInput,
  institutionalResponseView,
  legalDetailsView,
  myActionsView,
  responseSummary,
  reviewInput,
  reviewView,
} from '../../../shared/contracts/response.js';
import { responseWritesAccepted } from '../../../shared/workflow.js';
import { casesKey } from '../cases/api.js';

/* The response routes' contract (src/shared/contracts/response.ts), as the console reads it. */

export type LegalDetails = z.infer<typeof legalDetailsView>;
export type ResponseAction = z.infer<typeof actionView>;
export type Arrest = z.infer<typeof arrestView>;
export type InstitutionalResponse = z.infer<typeof institutionalResponseView>;
export type Feedback = z.infer<typeof feedbackView>;
export type Impact = z.infer<typeof impactView>;
export type Review = z.infer<typeof reviewView>;
export type ResponseSummary = z.infer<typeof responseSummary>;

export type ActionCreateBody = z.input<typeof actionCreateInput>;
export type ActionPatchBody = z.input<typeof actionPatchInput>;
export type ArrestCreateBody = z.input<typeof arrestCreateInput>;
export type ArrestPatchBody = z.input<typeof arrestPatchInput>;
export type InstitutionalBody = z.input<typeof institutionalResponseInput>;
export type FeedbackBody = z.input<typeof feedbackInput>;
export type ImpactBody = z.input<typeof impactInput>;
export type ReviewBody = z.input<typeof reviewInput>;

/** Which case statuses accept each kind of record (shared with the server). */
export const acceptsWrites = responseWritesAccepted;

export const responseKey = (caseId: string) => [...casesKey, 'response', caseId] as const;

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** The response phase of a case in one (audited) read. */
export function useResponseSummary(caseId: string) {
  return useQuery({
    queryKey: responseKey(caseId),
    queryFn: ({ signal }) => api<ResponseSummary>(`${casePath(caseId)}/response-summary`, { signal }),
    staleTime: 5_000,
    // The arrest countdown ticks on the client; a periodic read picks up colleagues' changes.
    refetchInterval: 60_000,
  });
}

/**
 * A write of the response phase. Afterwards everything about cases is read again: the summary, the
 * case page (its timeline shows the new step) and the queue (its clocks may have changed).
 */
function useResponseWrite<B, R>(call: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Field writes run offline too (they queue in the outbox), so the mutation is never paused.
    networkMode: 'always',
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export const useCreateAction = (caseId: string) =>
  useResponseWrite((body: ActionCreateBody) =>
    api<ResponseAction>(`${casePath(caseId)}/actions`, { method: 'POST', body }),
  );

export const useUpdateAction = (caseId: string) =>
  useResponseWrite(({ actionId, body }: { actionId: string; body: ActionPatchBody }) =>
    fieldWrite<ResponseAction>('action', {
      method: 'PATCH',
      path: `${casePath(caseId)}/actions/${encodeURIComponent(actionId)}`,
      body,
    }),
  );

export const useRecordArrest = (caseId: string) =>
  useResponseWrite((body: ArrestCreateBody) =>
    fieldWrite<Arrest>('arrest', { method: 'POST', path: `${casePath(caseId)}/arrests`, body }),
  );

export const useUpdateArrest = (caseId: string) =>
  useResponseWrite(({ arrestId, body }: { arrestId: string; body: ArrestPatchBody }) =>
    api<Arrest>(`${casePath(caseId)}/arrests/${encodeURIComponent(arrestId)}`, { method: 'PATCH', body }),
  );

export const useLogInstitutional = (caseId: string) =>
  useResponseWrite((body: InstitutionalBody) =>
    api<InstitutionalResponse>(`${casePath(caseId)}/institutional-responses`, { method: 'POST', body }),
  );

export const useRecordFeedback = (caseId: string) =>
  useResponseWrite((body: FeedbackBody) =>
    api<Feedback>(`${casePath(caseId)}/feedback`, { method: 'POST', body }),
  );

export const useRecordImpact = (caseId: string) =>
  useResponseWrite((body: ImpactBody) =>
    api<Impact>(`${casePath(caseId)}/impacts`, { method: 'POST', body }),
  );

export const useRecordReview = (caseId: string) =>
  useResponseWrite((body: ReviewBody) =>
    api<Review>(`${casePath(caseId)}/after-action-review`, { method: 'POST', body }),
  );

export type MyActions = z.infer<typeof myActionsView>;

/**
 * The current user's own actions across the cases they may read (GET /api/me/actions); sealed and kept
 * for offline use (features/offline/fieldCache.ts).
 */
export function useMyActions() {
  return useQuery({
    queryKey: ['me', 'actions'],
    queryFn: ({ signal }) => cachedGet<MyActions>('/api/me/actions', signal),
    networkMode: 'offlineFirst',
  });
}
