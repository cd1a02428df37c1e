import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type { partnerHome, partnerReferralView } from '../../../shared/contracts/referrals.js';

/* The partner portal's routes (src/shared/contracts/referrals.ts), as the console reads them. */
export type PartnerHome = z.infer<typeof partnerHome>;
export type PartnerReferral = z.infer<typeof partnerReferralView>;

const partnerKey = ['partner', 'referrals'] as const;

export function usePartnerHome() {
  return useQuery({
    queryKey: partnerKey,
    queryFn: ({ signal }) => api<PartnerHome>('/api/partner/referrals', { signal }),
    refetchInterval: 60_000,
  });
}

type Act =
  | { id: string; kind: 'accept' }
  | { id: string; kind: 'decline'; reason: string }
  | { id: string; kind: 'outcome'; outcome: string };

export function usePartnerAct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Act) =>
      api<PartnerReferral>(`/api/partner/referrals/${encodeURIComponent(a.id)}/${a.kind}`, {
        method: 'POST',
        body:
          a.kind === 'decline' ? { reason: a.reason } : a.kind === 'outcome' ? { outcome: a.outcome } : {},
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnerKey }),
  });
}

export function useSetCapacity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (capacity: number) =>
      api<PartnerHome['provider']>('/api/partner/capacity', { method: 'PUT', body: { capacity } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnerKey }),
  });
}
