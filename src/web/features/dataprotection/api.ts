import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type {
  breachView,
  consentView,
  erasureView,
  PersonSearchView,
} from '../../../shared/contracts/dataprotection.js';
import type { RuleHistoryView, RuleVersionView } from '../../../shared/contracts/rules.js';

export type Consent = z.infer<typeof consentView>;
export type Breach = z.infer<typeof breachView>;
export type Erasure = z.infer<typeof erasureView>;
export type FoundPerson = PersonSearchView['persons'][number];
export interface ExportRequest {
  id: string;
  personId: string;
  basis: string;
  status: 'pending' | 'approved' | 'refused' | 'used';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const dpKey = ['dataprotection'] as const;
const caseUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/consents`;

// --- consents on a case --------------------------------------------------------------------------

export function useConsents(caseId: string) {
  return useQuery({
    queryKey: [...dpKey, 'consents', caseId],
    queryFn: ({ signal }) =>
      api<{ consents: Consent[] }>(caseUrl(caseId), { signal }).then((r) => r.consents),
  });
}

export interface ConsentBody {
  personId: string;
  purpose: string;
  dataCategories: string[];
  sharedWith: string[];
  method: string;
}

export function useRecordConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentBody) => api<Consent>(caseUrl(caseId), { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...dpKey, 'consents', caseId] }),
  });
}

export function useWithdrawConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) =>
      api<Consent>(`${caseUrl(caseId)}/${encodeURIComponent(consentId)}/withdraw`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...dpKey, 'consents', caseId] }),
  });
}

// --- breach register -----------------------------------------------------------------------------

export function useBreaches() {
  return useQuery({
    queryKey: [...dpKey, 'breaches'],
    queryFn: ({ signal }) => api<{ breaches: Breach[] }>('/api/breaches', { signal }).then((r) => r.breaches),
    refetchInterval: 60_000,
  });
}

export interface BreachBody {
  summary: string;
  dataCategories: string[];
  affectedCount?: number | undefined;
  discoveredAt: string;
  measures?: string | undefined;
}

export function useRecordBreach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BreachBody) => api<Breach>('/api/breaches', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...dpKey, 'breaches'] }),
  });
}

export function useMarkNotified() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; target: 'odpc' | 'subjects' }) =>
      api<Breach>(`/api/breaches/${encodeURIComponent(v.id)}/notified`, {
        method: 'POST',
        body: { target: v.target },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...dpKey, 'breaches'] }),
  });
}

// --- data-subject requests -----------------------------------------------------------------------

export const dpCalls = {
  search: (phone: string) =>
    api<PersonSearchView>(`/api/persons/search?phone=${encodeURIComponent(phone)}`).then((r) => r.persons),
  requestExport: (personId: string, basis: string) =>
    api<ExportRequest>(`/api/persons/${encodeURIComponent(personId)}/export-requests`, {
      method: 'POST',
      body: { basis },
    }),
  decide: (id: string, approve: boolean) =>
    api<ExportRequest>(`/api/export-requests/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body: { approve },
    }),
  exportPerson: (personId: string, requestId: string) =>
    api<unknown>(
      `/api/persons/${encodeURIComponent(personId)}/export?request=${encodeURIComponent(requestId)}`,
    ),
  erase: (personId: string, reason: string) =>
    api<Erasure>(`/api/persons/${encodeURIComponent(personId)}/erase`, { method: 'POST', body: { reason } }),
  reauth: (body: { password: string; code: string }) =>
    api<unknown>('/api/auth/reauth', { method: 'POST', body }),
  changeRetention: (body: { body: Record<string, number>; reason: string; baseVersion: number }) =>
    api<RuleVersionView>('/api/retention', { method: 'PUT', body }),
};

export function useMyExportRequests(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...dpKey, 'exports', 'mine'],
    queryFn: ({ signal }) =>
      api<{ requests: ExportRequest[] }>('/api/export-requests/mine', { signal }).then((r) => r.requests),
  });
}

export function usePendingExportRequests(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...dpKey, 'exports', 'pending'],
    queryFn: ({ signal }) =>
      api<{ requests: ExportRequest[] }>('/api/export-requests', { signal }).then((r) => r.requests),
  });
}

export function useRetention() {
  return useQuery({
    queryKey: [...dpKey, 'retention'],
    queryFn: ({ signal }) => api<RuleHistoryView>('/api/retention', { signal }),
  });
}

export { dpKey };
