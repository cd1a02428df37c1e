import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { cachedGet } from '../offline/fieldCache.js';
import { fieldWrite } from '../offline/outbox.js';
import type { z } from 'zod';
import type { MissionType } from '../../../shared/network.js';
import type {
  CaseNetworkView,
  CheckInInput,
  DispatchInput,
  DispatchView,
  MissionView,
  ProposalsView,
  ResponderInput,
  ResponderPatch,
  ResponderQuery,
  ResponderView,
  SosInput,
  WellbeingRowView,
  dispatchCreated,
  missionList,
  myMissionList,
  responderList,
  sosCancelView,
  sosView,
  wellbeingList,
} from '../../../shared/contracts/network.js';

/* The network contract (src/shared/contracts/network.ts), as the console reads it. */

export type {
  Area,
  CandidateView as Candidate,
  OfferView as Offer,
  SkipReason,
} from '../../../shared/contracts/network.js';
export type Responder = ResponderView;
export type ResponderBody = ResponderInput;
export type ResponderFilters = ResponderQuery;
export type Proposals = ProposalsView;
export type Dispatch = DispatchView;
export type Mission = MissionView;
export type CaseNetwork = CaseNetworkView;
export type DispatchBody = DispatchInput;
export type CheckInBody = CheckInInput;
export type WellbeingRow = WellbeingRowView;
export type OfferStatus = DispatchView['offers'][number]['status'];

export const networkKey = ['network'] as const;
const respondersKey = [...networkKey, 'responders'] as const;
const missionsKey = [...networkKey, 'missions'] as const;
const caseNetworkKey = (caseId: string) => [...networkKey, 'case', caseId] as const;

/** Active missions on the Network page are fetched again this often (the countdown ticks every second). */
export const MISSIONS_POLL_MS = 5_000;
/** A case's dispatch status: an SMS answer shows up within this long. */
export const DISPATCH_POLL_MS = 2_000;

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function useResponders(filters: ResponderFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...respondersKey, filters],
    queryFn: ({ signal }) =>
      api<z.infer<typeof responderList>>(`/api/network/responders${query({ ...filters })}`, { signal }).then(
        (r) => r.responders,
      ),
    // Others change the roster too (a colleague, an SMS "STOP"): fetched afresh whenever shown.
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function useCreateResponder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponderBody) => api<Responder>('/api/network/responders', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: respondersKey }),
  });
}

export function useUpdateResponder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ResponderPatch }) =>
      api<Responder>(`/api/network/responders/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: respondersKey }),
  });
}

export function useActiveMissions(enabled = true) {
  return useQuery({
    enabled,
    queryKey: missionsKey,
    queryFn: ({ signal }) =>
      api<z.infer<typeof missionList>>('/api/network/missions', { signal }).then((r) => r.missions),
    refetchInterval: MISSIONS_POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useWellbeing(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...networkKey, 'wellbeing'],
    queryFn: ({ signal }) =>
      api<z.infer<typeof wellbeingList>>('/api/network/wellbeing', { signal }).then((r) => r.responders),
  });
}

export function useProposals(caseId: string, missionType: MissionType, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...networkKey, 'proposals', caseId, missionType],
    queryFn: ({ signal }) =>
      api<Proposals>(
        `/api/cases/${encodeURIComponent(caseId)}/dispatch/proposals${query({ missionType, limit: '20' })}`,
        { signal },
      ),
    staleTime: 0,
  });
}

/** A case's dispatches and missions, fetched every 2 s while the case is open (answers come by SMS). */
export function useCaseNetwork(caseId: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: caseNetworkKey(caseId),
    queryFn: ({ signal }) =>
      api<CaseNetwork>(`/api/cases/${encodeURIComponent(caseId)}/dispatches`, { signal }),
    refetchInterval: DISPATCH_POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useDispatch(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DispatchBody) =>
      api<z.infer<typeof dispatchCreated>>(`/api/cases/${encodeURIComponent(caseId)}/dispatches`, {
        method: 'POST',
        body,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKey }),
  });
}

export type MyMission = z.infer<typeof myMissionList>['missions'][number];

/** The signed-in responder's own active missions (GET /api/me/missions), kept fresh for the countdown. */
export function useMyMissions() {
  return useQuery({
    queryKey: [...networkKey, 'mine'],
    // Sealed and kept for offline use (features/offline/fieldCache.ts).
    queryFn: ({ signal }) =>
      cachedGet<z.infer<typeof myMissionList>>('/api/me/missions', signal).then((r) => r.missions),
    refetchInterval: MISSIONS_POLL_MS,
    // Offline, the sealed copy answers: the query runs even when the browser says there is no network.
    networkMode: 'offlineFirst',
  });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // A field write: through the outbox (queued offline, sent once with its Idempotency-Key).
    mutationFn: ({ id, body }: { id: string; body: CheckInBody }) =>
      fieldWrite<Mission>('check-in', {
        method: 'POST',
        path: `/api/missions/${encodeURIComponent(id)}/check-in`,
        body,
      }),
    networkMode: 'always',
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKey }),
  });
}

export function useRaiseSos() {
  return useMutation({
    mutationFn: (body: SosInput) => api<z.infer<typeof sosView>>('/api/me/sos', { method: 'POST', body }),
  });
}

export function useCancelSos() {
  return useMutation({
    mutationFn: (pin: string) =>
      api<z.infer<typeof sosCancelView>>('/api/me/sos/cancel', { method: 'POST', body: { pin } }),
  });
}
