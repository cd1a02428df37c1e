import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type {
  RuleChangeInput,
  RuleHistoryView,
  RuleKind,
  RuleVersionView,
} from '../../../shared/contracts/rules.js';

export type { RuleHistoryView, RuleKind, RuleVersionView };
const rulesKey = ['rules'] as const;

/** A kind of rule: the current version and its history (GET /api/rules/:kind, administrators). */
export function useRuleHistory(kind: RuleKind) {
  return useQuery({
    queryKey: [...rulesKey, kind],
    queryFn: ({ signal }) => api<RuleHistoryView>(`/api/rules/${kind}`, { signal }),
  });
}

/** Store a new version (PUT /api/rules/:kind); a stale base version is refused (409). */
export function useChangeRule(kind: RuleKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleChangeInput) =>
      api<RuleVersionView>(`/api/rules/${kind}`, { method: 'PUT', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  });
}

/** What changed between two versions' bodies: one line per leaf path that differs. */
export function diffBodies(
  before: unknown,
  after: unknown,
  path = '',
): { path: string; from: string; to: string }[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    // Lists of terms are compared by code, so a retirement reads "violationTypes.femicide.retired".
    const keyed = (o: Record<string, unknown>) =>
      Array.isArray(o) && o.every((x) => isObj(x) && typeof x.code === 'string')
        ? Object.fromEntries((o as { code: string }[]).map((x) => [x.code, x]))
        : o;
    if (Array.isArray(before) && Array.isArray(after)) return diffBodies(keyed(before), keyed(after), path);
    return keys.flatMap((k) => diffBodies(before[k], after[k], path ? `${path}.${k}` : k));
  }
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path, from: show(before), to: show(after) }];
}
