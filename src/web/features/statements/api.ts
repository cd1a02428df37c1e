import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type { statementListView, statementView } from '../../../shared/contracts/statements.js';
import type { appealListView, appealView, DraftTexts } from '../../../shared/contracts/appeals.js';

/* The statements routes' contract (src/shared/contracts/statements.ts), as the console reads it. */
export type Statement = z.infer<typeof statementView>;
export type StatementLine = z.infer<typeof statementListView>['statements'][number];

export const statementsKey = ['statements'] as const;

export function useStatements() {
  return useQuery({
    queryKey: statementsKey,
    queryFn: ({ signal }) => api<{ statements: StatementLine[] }>('/api/statements', { signal }),
  });
}

export function useStatement(id: string | null) {
  return useQuery({
    queryKey: [...statementsKey, id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<Statement>(`/api/statements/${encodeURIComponent(id!)}`, { signal }),
  });
}

export type StatementStep = 'check' | 'approve' | 'publish' | 'withdraw';

/** One step on a statement (check, approve, publish, withdraw) or accepting one finding with a reason. */
export function useStatementAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; step: StatementStep } | { id: string; hitId: string; reason: string }) =>
      'step' in v
        ? api<Statement>(`/api/statements/${encodeURIComponent(v.id)}/${v.step}`, { method: 'POST' })
        : api<Statement>(
            `/api/statements/${encodeURIComponent(v.id)}/hits/${encodeURIComponent(v.hitId)}/accept`,
            { method: 'POST', body: { reason: v.reason } },
          ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: statementsKey });
      await qc.invalidateQueries({ queryKey: appealsKey });
    },
  });
}

/* ---------- Drafting, and urgent appeals (src/shared/contracts/appeals.ts) ---------- */

export type Appeal = z.infer<typeof appealView>;
export type AppealLine = z.infer<typeof appealListView>['appeals'][number];
export type Texts = DraftTexts;
export const appealsKey = ['appeals'] as const;

/** The first draft from a case or an event: a statement (no mechanism) or an appeal to a mechanism. */
export function fetchTemplate(
  source: { caseId?: string; eventId?: string },
  mechanism?: string,
): Promise<Texts> {
  const p = new URLSearchParams();
  if (source.caseId) p.set('caseId', source.caseId);
  if (source.eventId) p.set('eventId', source.eventId);
  if (mechanism) p.set('mechanism', mechanism);
  return api<Texts>(`/api/statements/template?${p.toString()}`);
}

export function useAppeals() {
  return useQuery({
    queryKey: appealsKey,
    queryFn: ({ signal }) => api<{ appeals: AppealLine[] }>('/api/appeals', { signal }),
  });
}

export function useAppeal(id: string | null) {
  return useQuery({
    queryKey: [...appealsKey, id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<Appeal>(`/api/appeals/${encodeURIComponent(id!)}`, { signal }),
  });
}

type Source = { caseId?: string; eventId?: string };
export type DraftWrite =
  | { create: 'statement'; body: Source & Texts }
  | { create: 'appeal'; body: Source & Texts & { mechanism: string } }
  | { update: 'statement' | 'appeal'; id: string; body: Texts & { version: number } }
  | { send: string; body: { via: string; to: string; responseDueAt: string } }
  | { respond: string; body: { response: string } };

/** Create or edit a statement or an appeal; send an appeal; record its response. */
export function useDraftWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: DraftWrite): Promise<{ id: string }> => {
      if ('create' in w)
        return api(w.create === 'appeal' ? '/api/appeals' : '/api/statements', {
          method: 'POST',
          body: w.body,
        });
      if ('update' in w)
        return api(`/api/${w.update === 'appeal' ? 'appeals' : 'statements'}/${encodeURIComponent(w.id)}`, {
          method: 'PUT',
          body: w.body,
        });
      if ('send' in w)
        return api(`/api/appeals/${encodeURIComponent(w.send)}/send`, { method: 'POST', body: w.body });
      return api(`/api/appeals/${encodeURIComponent(w.respond)}/response`, { method: 'POST', body: w.body });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: statementsKey });
      await qc.invalidateQueries({ queryKey: appealsKey });
    },
  });
}
