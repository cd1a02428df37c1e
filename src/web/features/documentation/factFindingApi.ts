import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiBlob } from '../../api/client.js';
import type {
  MissionInput,
  MissionLinkInput,
  MissionSummary,
  MissionUpdate,
  MissionView,
} from '../../../shared/contracts/factfinding.js';

/* The fact-finding routes' contract (src/shared/contracts/factfinding.ts), as the console reads it. */

const key = ['fact-finding'] as const;
const path = (id: string) => `/api/fact-finding/${encodeURIComponent(id)}`;

export function useMissions() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<{ missions: MissionSummary[] }>('/api/fact-finding', { signal }),
  });
}

/** One mission with its findings (opened) and the links the caller may read. */
export function useMission(id: string) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: ({ signal }) => api<MissionView>(path(id), { signal }),
  });
}

function useWrite<B>(call: (body: B) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSettled: () => client.invalidateQueries({ queryKey: key }) });
}

export const useCreateMission = () =>
  useWrite((body: MissionInput) => api('/api/fact-finding', { method: 'POST', body }));
export const useUpdateMission = (id: string) =>
  useWrite((body: MissionUpdate) => api(path(id), { method: 'PATCH', body }));
export const useLinkToMission = (id: string) =>
  useWrite((body: MissionLinkInput) => api(`${path(id)}/links`, { method: 'POST', body }));
/** The mission report (PDF) in the language the requester chose. */
export const fetchMissionReport = (id: string, lang: 'en' | 'sw' = 'en') =>
  apiBlob(`${path(id)}/report.pdf?lang=${lang}`, { method: 'GET' });
