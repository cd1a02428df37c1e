import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type {
  ActionRole,
  ActionStatus,
  ActionType,
  Agency,
  FeedbackChannel,
  ImpactScope,
  ImpactType,
  InstitutionalRequest,
  InstitutionalResponseType,
} from '../../../shared/vocabularies.js';
import { responseWritesAccepted } from '../../../shared/workflow.js';
import { casesKey } from '../cases/api.js';

/* The shapes of src/server/modules/response/response.schemas.ts, as the console reads them. */

export interface LegalDetails {
  court: string | null;
  caseNumber: string | null;
  hearingDates: string[];
}

export interface ResponseAction {
  id: string;
  caseId: string;
  role: ActionRole;
  type: ActionType;
  status: ActionStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  deadline: string | null;
  /** Deadline passed while the action is still open or in progress. */
  overdue: boolean;
  outcome: string | null;
  notes: string | null;
  details: LegalDetails | null;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
  version: number;
}

export interface Arrest {
  id: string;
  caseId: string;
  personId: string | null;
  arrestedAt: string;
  policeStation: string;
  obNumber: string | null;
  producedInCourtAt: string | null;
  releasedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  /** arrestedAt + 24 h (Constitution of Kenya, Art. 49(1)(f)). */
  deadline: string;
  /** arrestedAt + 18 h. */
  warningAt: string;
  /** Neither produced in court nor released yet. */
  running: boolean;
  /** Milliseconds to the deadline from the server's now (negative once breached); null once stopped. */
  msLeft: number | null;
  warning: boolean;
  breached: boolean;
}

export interface InstitutionalResponse {
  id: string;
  caseId: string;
  agency: Agency;
  station: string | null;
  officer: string | null;
  request: InstitutionalRequest;
  response: InstitutionalResponseType;
  obNumber: string | null;
  at: string;
  notes: string | null;
  createdBy: string | null;
}

export interface Feedback {
  id: string;
  caseId: string;
  channel: FeedbackChannel;
  satisfaction: number;
  confidentialityRespected: boolean | null;
  decidedNextSteps: boolean | null;
  unmetNeeds: string | null;
  at: string;
  recordedBy: string | null;
}

export interface Impact {
  id: string;
  caseId: string;
  scope: ImpactScope;
  code: ImpactType;
  note: string | null;
  at: string;
  recordedBy: string | null;
}

export interface Review {
  id: string;
  caseId: string;
  whatWorked: string;
  challenges: string;
  lessons: string;
  reviewedBy: string | null;
  at: string;
}

export interface ResponseSummary {
  actions: ResponseAction[];
  arrests: Arrest[];
  institutionalResponses: InstitutionalResponse[];
  feedback: Feedback[];
  impacts: Impact[];
  afterActionReview: Review | null;
  /** P1, or any breached clock, and no review yet. */
  aarRequired: boolean;
}

export interface ActionCreateBody {
  role: ActionRole;
  type: ActionType;
  ownerUserId?: string;
  deadline?: string;
  notes?: string;
  details?: { court?: string; caseNumber?: string; hearingDates: string[] };
}

export interface ActionPatchBody {
  expectedVersion: number;
  status?: ActionStatus;
  outcome?: string;
}

export interface ArrestCreateBody {
  arrestedAt: string;
  policeStation: string;
  obNumber?: string;
}

export interface ArrestPatchBody {
  producedInCourtAt?: string;
  releasedAt?: string;
}

export interface InstitutionalBody {
  agency: Agency;
  station?: string;
  officer?: string;
  request: InstitutionalRequest;
  response: InstitutionalResponseType;
  obNumber?: string;
  at?: string;
  notes?: string;
}

export interface FeedbackBody {
  channel: FeedbackChannel;
  satisfaction: number;
  confidentialityRespected: boolean;
  decidedNextSteps: boolean;
  unmetNeeds?: string;
}

export interface ImpactBody {
  scope: ImpactScope;
  code: ImpactType;
  note?: string;
}

export interface ReviewBody {
  whatWorked: string;
  challenges: string;
  lessons: string;
}

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
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export const useCreateAction = (caseId: string) =>
  useResponseWrite((body: ActionCreateBody) =>
    api<ResponseAction>(`${casePath(caseId)}/actions`, { method: 'POST', body }),
  );

export const useUpdateAction = (caseId: string) =>
  useResponseWrite(({ actionId, body }: { actionId: string; body: ActionPatchBody }) =>
    api<ResponseAction>(`${casePath(caseId)}/actions/${encodeURIComponent(actionId)}`, {
      method: 'PATCH',
      body,
    }),
  );

export const useRecordArrest = (caseId: string) =>
  useResponseWrite((body: ArrestCreateBody) =>
    api<Arrest>(`${casePath(caseId)}/arrests`, { method: 'POST', body }),
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
