import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiBlob } from '../../api/client.js';
import { fieldWrite } from '../offline/outbox.js';
import type {
  actInput,
  docPersonInput,
  docPersonView,
  documentationView,
  informationInput,
  interventionInput,
  involvementInput,
} from '../../../shared/contracts/documentation.js';
import { casesKey } from '../cases/api.js';

/* The documentation routes' contract (src/shared/contracts/documentation.ts), as the console reads it. */

export type Documentation = z.infer<typeof documentationView>;
export type DocPerson = z.infer<typeof docPersonView>;
export type ActBody = z.input<typeof actInput>;
export type PersonBody = z.input<typeof docPersonInput>;
export type InvolvementBody = z.input<typeof involvementInput>;
export type InformationBody = z.input<typeof informationInput>;
export type InterventionBody = z.input<typeof interventionInput>;

export const documentationKey = (caseId: string) => [...casesKey, 'documentation', caseId] as const;
const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** The case's ESF documentation in one (audited) read. */
export function useDocumentation(caseId: string) {
  return useQuery({
    queryKey: documentationKey(caseId),
    queryFn: ({ signal }) => api<Documentation>(`${casePath(caseId)}/documentation`, { signal }),
    staleTime: 5_000,
  });
}

function useDocWrite<B, R>(call: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    networkMode: 'always',
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export const useAddPerson = (caseId: string) =>
  useDocWrite((body: PersonBody) =>
    api<DocPerson>(`${casePath(caseId)}/documentation/persons`, { method: 'POST', body }),
  );

export const useRecordAct = (caseId: string) =>
  useDocWrite((body: ActBody) =>
    fieldWrite<{ id: string }>('act', {
      method: 'POST',
      path: `${casePath(caseId)}/documentation/acts`,
      body,
    }),
  );

export const useAddInvolvement = (caseId: string) =>
  useDocWrite(({ actId, body }: { actId: string; body: InvolvementBody }) =>
    api<{ id: string; powerfulPerpetrator: boolean }>(
      `${casePath(caseId)}/documentation/acts/${encodeURIComponent(actId)}/involvements`,
      { method: 'POST', body },
    ),
  );

export const useAddInformation = (caseId: string) =>
  useDocWrite((body: InformationBody) =>
    api<{ id: string }>(`${casePath(caseId)}/documentation/information`, { method: 'POST', body }),
  );

export const useAddIntervention = (caseId: string) =>
  useDocWrite((body: InterventionBody) =>
    api<{ id: string }>(`${casePath(caseId)}/documentation/interventions`, { method: 'POST', body }),
  );

/** The dossier PDF: pseudonyms, or (with a reason, after re-authentication) identities. */
export function fetchDossier(
  caseId: string,
  reveal?: { reason: string },
  lang: 'en' | 'sw' = 'en',
): Promise<Blob> {
  return reveal
    ? apiBlob(`${casePath(caseId)}/dossier/revealed?lang=${lang}`, { method: 'POST', body: reveal })
    : apiBlob(`${casePath(caseId)}/dossier?lang=${lang}`, { method: 'POST' });
}
