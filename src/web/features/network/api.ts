import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type {
  ExposureKind,
  MissionType,
  ResponderSkill,
  missionStatuses,
  offerStatuses,
  dispatchStatuses,
} from '../../../shared/network.js';

/* The shapes of src/server/modules/network/network.schemas.ts, as the console reads them. */

export interface Area {
  county: string;
  subCounty?: string | undefined;
  ward?: string | undefined;
}

export interface Responder {
  id: string;
  name: string;
  /** Last three digits only. */
  phoneMasked: string;
  locale: 'en' | 'sw';
  hasAccount: boolean;
  areas: Area[];
  skills: string[];
  languages: string[];
  available: boolean;
  availableFrom: string | null;
  availableTo: string | null;
  homeCentre: string | null;
  caseloadLimit: number;
  activeMissions: number;
  hasCancelPin: boolean;
  active: boolean;
}

export interface ResponderBody {
  name: string;
  phone: string;
  locale: 'en' | 'sw';
  areas: Area[];
  skills: ResponderSkill[];
  languages: string[];
  available: boolean;
  availableFrom?: string | null;
  availableTo?: string | null;
  homeCentre?: string | null;
  caseloadLimit: number;
  emergencyContacts?: string | null;
  cancelPin?: string;
  duressPin?: string;
}

export interface ResponderFilters {
  county?: string | undefined;
  ward?: string | undefined;
  skill?: ResponderSkill | undefined;
  available?: 'true' | 'false' | undefined;
}

export type SkipReason = 'caseload_limit' | 'unavailable' | 'off_hours' | 'missing_skill' | 'already_asked';

export interface Candidate {
  responderId: string;
  name: string;
  homeCentre: string | null;
  /** 3 same ward, 2 same sub-county, 1 same county, 0 elsewhere. */
  areaMatch: number;
  load: number;
  caseloadLimit: number;
  skills: string[];
}

export interface Proposals {
  candidates: Candidate[];
  skipped: { responderId: string; name: string; reason: SkipReason }[];
}

export type OfferStatus = (typeof offerStatuses)[number];
export type DispatchStatus = (typeof dispatchStatuses)[number];
export type MissionStatus = (typeof missionStatuses)[number];

export interface Offer {
  responderId: string;
  name: string;
  status: OfferStatus;
  rank: number;
  offeredAt: string;
  answeredAt: string | null;
}

export interface Dispatch {
  id: string;
  number: number;
  missionType: MissionType;
  status: DispatchStatus;
  needed: number;
  accepted: number;
  level: number;
  replyDueAt: string;
  createdAt: string;
  offers: Offer[];
}

export interface Mission {
  id: string;
  caseId: string;
  reference?: string;
  number: number;
  responderId: string;
  responderName: string;
  type: MissionType;
  status: MissionStatus;
  checkInMinutes: number;
  startedAt: string;
  lastCheckInAt: string | null;
  nextCheckInDue: string | null;
  overdue: boolean;
  endedAt: string | null;
  exposures: string[];
}

export interface CaseNetwork {
  dispatches: Dispatch[];
  missions: Mission[];
}

export interface DispatchBody {
  missionType: MissionType;
  needed: number;
  batchSize: number;
  responderIds?: string[];
  checkInMinutes: number;
  replyMinutes: number;
}

export interface CheckInBody {
  location?: string;
  done: boolean;
  exposures?: ExposureKind[];
}

export interface WellbeingRow {
  responderId: string;
  name: string;
  homeCentre: string | null;
  activeMissions: number;
  caseloadLimit: number;
  missions30d: number;
  missions7d: number;
  exposures90d: { death: number; sexual_violence: number };
  lastScore: number | null;
  lastScoreAt: string | null;
  averageScore30d: number | null;
  debriefsPending: number;
  concerns: string[];
}

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
      api<{ responders: Responder[] }>(`/api/network/responders${query({ ...filters })}`, { signal }).then(
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
    mutationFn: ({ id, patch }: { id: string; patch: Partial<ResponderBody> }) =>
      api<Responder>(`/api/network/responders/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: respondersKey }),
  });
}

export function useActiveMissions(enabled = true) {
  return useQuery({
    enabled,
    queryKey: missionsKey,
    queryFn: ({ signal }) =>
      api<{ missions: Mission[] }>('/api/network/missions', { signal }).then((r) => r.missions),
    refetchInterval: MISSIONS_POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useWellbeing(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...networkKey, 'wellbeing'],
    queryFn: ({ signal }) =>
      api<{ responders: WellbeingRow[] }>('/api/network/wellbeing', { signal }).then((r) => r.responders),
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
      api<{ id: string; number: number; offered: number }>(
        `/api/cases/${encodeURIComponent(caseId)}/dispatches`,
        { method: 'POST', body },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKey }),
  });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CheckInBody }) =>
      api<Mission>(`/api/missions/${encodeURIComponent(id)}/check-in`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKey }),
  });
}

export function useRaiseSos() {
  return useMutation({
    mutationFn: (body: { location?: string; detail?: string }) =>
      api<{ reference: string; caseId: string; joined: boolean }>('/api/me/sos', { method: 'POST', body }),
  });
}

export function useCancelSos() {
  return useMutation({
    mutationFn: (pin: string) =>
      api<{ cancelled: boolean }>('/api/me/sos/cancel', { method: 'POST', body: { pin } }),
  });
}
