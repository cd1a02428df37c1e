import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type { statementListView, statementView } from '../../../shared/contracts/statements.js';

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
    onSuccess: () => qc.invalidateQueries({ queryKey: statementsKey }),
  });
}
