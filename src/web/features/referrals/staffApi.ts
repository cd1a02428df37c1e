import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type {
  ProviderIndicator,
  ProviderInput,
  ProviderView,
  ReferralNeed,
  ReferralView,
  referralInput,
} from '../../../shared/contracts/referrals.js';

/* The staff side of referrals (src/shared/contracts/referrals.ts): the directory and a case's referrals. */
export type Provider = ProviderView;
export type Referral = ReferralView;
export type ReferralBody = z.input<typeof referralInput>;

const directoryKey = ['referrals', 'providers'] as const;
const caseKey = (caseId: string) => ['referrals', 'case', caseId] as const;

export function useProviders(filter: { need?: ReferralNeed | ''; county?: string }) {
  const q = new URLSearchParams();
  if (filter.need) q.set('need', filter.need);
  if (filter.county?.trim()) q.set('county', filter.county.trim());
  return useQuery({
    queryKey: [...directoryKey, q.toString()],
    queryFn: ({ signal }) => api<{ providers: Provider[] }>(`/api/referral-providers?${q}`, { signal }),
  });
}

export function useIndicators() {
  return useQuery({
    queryKey: [...directoryKey, 'indicators'],
    queryFn: ({ signal }) =>
      api<{ indicators: ProviderIndicator[] }>('/api/referral-providers/indicators', { signal }),
  });
}

export function useSaveProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: ProviderInput }) =>
      api<Provider>(
        v.id ? `/api/referral-providers/${encodeURIComponent(v.id)}` : '/api/referral-providers',
        {
          method: v.id ? 'PUT' : 'POST',
          body: v.body,
        },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKey }),
  });
}

export function useVerifyProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<Provider>(`/api/referral-providers/${encodeURIComponent(id)}/verify`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKey }),
  });
}

export function useCaseReferrals(caseId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: caseKey(caseId),
    queryFn: ({ signal }) =>
      api<{ referrals: Referral[] }>(`/api/cases/${encodeURIComponent(caseId)}/referrals`, { signal }),
  });
}

function useInvalidateCase(caseId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: caseKey(caseId) }),
      qc.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
    ]);
}

export function useRefer(caseId: string) {
  const done = useInvalidateCase(caseId);
  return useMutation({
    mutationFn: (body: ReferralBody) =>
      api<Referral>(`/api/cases/${encodeURIComponent(caseId)}/referrals`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useWithdrawConsent(caseId: string) {
  const done = useInvalidateCase(caseId);
  return useMutation({
    mutationFn: (id: string) =>
      api<Referral>(`/api/referrals/${encodeURIComponent(id)}/withdraw`, { method: 'POST' }),
    onSuccess: done,
  });
}

export function useSatisfaction(caseId: string) {
  const done = useInvalidateCase(caseId);
  return useMutation({
    mutationFn: (v: { id: string; satisfied: boolean }) =>
      api<Referral>(`/api/referrals/${encodeURIComponent(v.id)}/satisfaction`, {
        method: 'POST',
        body: { satisfied: v.satisfied },
      }),
    onSuccess: done,
  });
}

/** "67%" (or a dash when there is nothing to count yet). */
export const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
