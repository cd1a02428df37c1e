import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';
import type { CaseStatus, TransitionAction } from '../../../shared/workflow.js';
import type {
  CaseFlag,
  Channel,
  DatePrecision,
  Priority,
  Sensitivity,
  ViolationType,
} from '../../../shared/vocabularies.js';

/** A line of the queue (GET /api/cases). A redacted line is a sensitive case outside the viewer's team. */
export interface QueueLine {
  id: string;
  reference: string;
  status: CaseStatus;
  priority: Priority | null;
  sensitivity: Sensitivity;
  redacted: boolean;
  county: string | null;
  ward: string | null;
  violationTypes: string[];
  inDangerNow: boolean;
  channel: string;
  receivedAt: string;
  leadUserId: string | null;
  /** The next clock to run out (acknowledge, decision, first action, arrest …), if any. */
  nextDueAt?: string | null;
  /** A clock on the case ran out and has not been met. */
  clockBreached?: boolean;
}

export interface QueueFilters {
  status?: CaseStatus | undefined;
  priority?: Priority | undefined;
  county?: string | undefined;
  violationType?: ViolationType | undefined;
}

export interface Assessment {
  severity: number;
  immediacy: number;
  feasibility: number;
  derivedPriority: string;
  priority: string;
  activate: boolean;
  assessorId: string;
  at: string;
  risks?: { victim?: number; informant?: number; responders?: number };
  vulnerable?: string[];
  overridden?: boolean;
}

export interface AssessmentNotes {
  justifications?: { severity?: string; immediacy?: string; feasibility?: string };
  resourcesNeeded?: string;
  overrideReason?: string;
}

export interface TimelineEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  data: Record<string, unknown>;
  note: string | null;
}

export interface CasePerson {
  id: string;
  role: string;
  kind: string;
  /** '•••' when there is a name to reveal, null when none was given. */
  name: string | null;
  phone: string | null;
  sex: string | null;
  ageGroup: string | null;
}

export interface CaseDetail extends QueueLine {
  access: 'full';
  /** A pending request to lower the sensitivity, waiting for a second person. */
  sensitivityRequest: { id: string; to: Sensitivity; requestedBy: string; requestedAt: string } | null;
  version: number;
  narrative: string | null;
  place: string | null;
  subCounty: string | null;
  incidentAt: string | null;
  incidentPrecision: DatePrecision | null;
  anonymous: boolean;
  flags: string[];
  details: {
    assessment?: Assessment;
    decision?: { by: string; at: string; fastPath: boolean; retrospectiveReviewDue?: string };
    closure?: { outcome: string; at: string };
    duplicateOf?: string;
  };
  assessmentNotes: AssessmentNotes | null;
  allowedActions: TransitionAction[];
  timeline: TimelineEvent[];
  people: CasePerson[];
  members: { userId: string; roleInCase: string }[];
}

/** The staff intake body (POST /api/cases); see intakeInput in the server's cases.schemas.ts. */
export interface IntakeBody {
  channel: Extract<Channel, 'hotline' | 'walk_in'>;
  narrative: string;
  violationTypes: ViolationType[];
  county?: string;
  subCounty?: string;
  ward?: string;
  place?: string;
  inDangerNow: boolean;
  incidentAt?: string;
  incidentPrecision?: DatePrecision;
  sensitivity: Sensitivity;
  reporter: { anonymous: boolean; name?: string; phone?: string; safeContact?: string; locale: 'en' | 'sw' };
  victim?: { name?: string; phone?: string; sex?: string; ageGroup?: string };
}

export interface AssessmentInput {
  severity: number;
  immediacy: number;
  feasibility: number;
  justifications: { severity: string; immediacy: string; feasibility: string };
  risks?: { victim: number; informant: number; responders: number };
  vulnerable: string[];
  resourcesNeeded?: string;
  overridePriority?: Priority;
  overrideReason?: string;
  flags?: CaseFlag[];
}

export interface TransitionBody {
  reason?: string;
  expectedVersion?: number;
  assessment?: AssessmentInput;
  duplicateOf?: string;
  closure?: { reason: string; outcome: string };
}

export const casesKey = ['cases'] as const;
const queueKey = (f: QueueFilters) => [...casesKey, 'queue', f] as const;
const caseKey = (id: string) => [...casesKey, 'detail', id] as const;

/** How often the queue is fetched again while open (live updates come later). */
export const QUEUE_POLL_MS = 10_000;

export function queueSearch(f: QueueFilters, limit?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (limit) p.set('limit', String(limit));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `enabled: false` for roles that cannot read cases: nothing is asked that would only be refused. */
export function useQueue(filters: QueueFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queueKey(filters),
    queryFn: ({ signal }) =>
      api<{ cases: QueueLine[] }>(`/api/cases${queueSearch(filters, 200)}`, { signal }).then((r) => r.cases),
    // Keep polling while it works; a refusal (403) is not retried every 10 s.
    refetchInterval: (query) =>
      query.state.error && isApiError(query.state.error) && query.state.error.status === 403
        ? false
        : QUEUE_POLL_MS,
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });
}

/** A dispatched responder's view of a case: the victim, the place and the mission, nothing more. */
export interface MissionCase {
  access: 'mission';
  id: string;
  reference: string;
  status: CaseStatus;
  sensitivity: Sensitivity;
  county: string | null;
  subCounty: string | null;
  ward: string | null;
  place: string | null;
  inDangerNow: boolean;
  people: CasePerson[];
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) =>
      api<CaseDetail | MissionCase>(`/api/cases/${encodeURIComponent(id)}`, { signal }),
    staleTime: 5_000,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntakeBody) =>
      api<{ id: string; reference: string; status: CaseStatus }>('/api/cases', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function useTransition(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: TransitionAction; body: TransitionBody }) =>
      api<{ id: string; status: CaseStatus; priority: Priority | null; version: number }>(
        `/api/cases/${encodeURIComponent(caseId)}/transitions/${action}`,
        { method: 'POST', body },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export interface SensitivityResult {
  status: 'applied' | 'pending' | 'refused';
  sensitivity: Sensitivity;
  requestId: string | null;
}

/** Screening: raise at once, or ask to lower (with a reason) for a second person to decide. */
export function useSetSensitivity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { sensitivity: Sensitivity; reason?: string }) =>
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

export interface RevealedPerson {
  id: string;
  role: string;
  name: string | null;
  phone: string | null;
}

export function revealPerson(caseId: string, personId: string): Promise<RevealedPerson> {
  return api<RevealedPerson>(
    `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(personId)}`,
  );
}
