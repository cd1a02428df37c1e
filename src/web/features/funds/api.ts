import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiBlob } from '../../api/client.js';
import { saveFile } from '../../api/saveFile.js';
import type {
  approvalItem,
  disburseInput,
  fundRequestInput,
  fundRequestView,
  fundsSettings,
  ledgerView,
  payableItem,
  PaymentMethod,
  reverseInput,
} from '../../../shared/contracts/funds.js';
import { casesKey } from '../cases/api.js';
import { numberFormat } from '../../i18n/formats.js';

/* The funds routes' contract (src/shared/contracts/funds.ts), as the console reads it. */
export type FundRequest = z.infer<typeof fundRequestView>;
export type ApprovalItem = z.infer<typeof approvalItem>;
export type Ledger = z.infer<typeof ledgerView>;
export type PayableItem = z.infer<typeof payableItem>;
export type FundRequestBody = z.input<typeof fundRequestInput>;
export type DisburseBody = z.input<typeof disburseInput>;
export type FundsSettings = z.infer<typeof fundsSettings> & { mpesaConfigured: boolean };
export type ReverseReason = z.infer<typeof reverseInput>['reason'];

export const fundsKey = ['funds'] as const;
const caseFundsKey = (caseId: string) => [...casesKey, 'funds', caseId] as const;

export function useCaseFundRequests(caseId: string) {
  return useQuery({
    queryKey: caseFundsKey(caseId),
    queryFn: ({ signal }) =>
      api<{ requests: FundRequest[] }>(`/api/cases/${encodeURIComponent(caseId)}/fund-requests`, { signal }),
    // A payment by M-Pesa settles a few seconds after it is sent.
    refetchInterval: (q) => (q.state.data?.requests.some((r) => r.status === 'paying') ? 5_000 : 60_000),
  });
}

export function useFundsSettings() {
  return useQuery({
    queryKey: [...fundsKey, 'settings'],
    queryFn: ({ signal }) => api<FundsSettings>('/api/settings/funds', { signal }),
    staleTime: 60_000,
  });
}

export function useApprovals() {
  return useQuery({
    queryKey: [...fundsKey, 'approvals'],
    queryFn: ({ signal }) => api<{ requests: ApprovalItem[] }>('/api/funds/approvals', { signal }),
    refetchInterval: 60_000,
  });
}

export function usePayable(enabled: boolean) {
  return useQuery({
    queryKey: [...fundsKey, 'payable'],
    queryFn: ({ signal }) => api<{ requests: PayableItem[] }>('/api/funds/payable', { signal }),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useLedger() {
  return useQuery({
    queryKey: [...fundsKey, 'ledger'],
    queryFn: ({ signal }) => api<Ledger>('/api/funds/ledger', { signal }),
  });
}

/** After any change: the case's requests, the approvals queue and the books. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: casesKey }), qc.invalidateQueries({ queryKey: fundsKey })]);
}

export function useCreateFundRequest(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: FundRequestBody) =>
      api<FundRequest>(`/api/cases/${encodeURIComponent(caseId)}/fund-requests`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; approve: boolean }) =>
      api<FundRequest>(`/api/fund-requests/${v.id}/decision`, {
        method: 'POST',
        body: { approve: v.approve },
      }),
    onSettled: invalidate,
  });
}

export function useCancelFundRequest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      api<FundRequest>(`/api/fund-requests/${id}/cancel`, {
        method: 'POST',
        body: { reason: 'no_longer_needed' },
      }),
    onSettled: invalidate,
  });
}

export function useDisburse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; body: DisburseBody }) =>
      api<FundRequest>(`/api/fund-requests/${v.id}/disburse`, { method: 'POST', body: v.body }),
    onSettled: invalidate,
  });
}

/** Finance opens a fund (a grant or donor budget). */
export function useOpenFund() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { code: string; name: string }) =>
      api<{ id: string }>('/api/funds', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Money received into a float (M-Pesa, bank or cash) from a fund. */
export function useRecordReceipt() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { fundId: string; into: PaymentMethod; amountCents: number; reference: string }) =>
      api<{ id: string }>('/api/funds/receipts', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** A journal entry reversed (entries are never edited). */
export function useReverseEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; reason: ReverseReason }) =>
      api<{ id: string }>(`/api/funds/entries/${encodeURIComponent(v.id)}/reverse`, {
        method: 'POST',
        body: { reason: v.reason },
      }),
    onSuccess: invalidate,
  });
}

/** The ledger as a CSV file (the server asks for re-authentication first: ApiError REAUTH_REQUIRED). */
export async function downloadLedgerCsv(): Promise<void> {
  saveFile(await apiBlob('/api/funds/ledger.csv', { method: 'GET' }), 'dharura-ledger.csv');
}

/** "KES 20,000.00" in the console's language. */
export function formatKes(cents: number, language: string): string {
  return numberFormat(language, { style: 'currency', currency: 'KES' }).format(cents / 100);
}
