import { useQuery } from '@tanstack/react-query';
import { cachedGet } from '../offline/fieldCache.js';
import { api } from '../../api/client.js';
import type { PriorityRulesBody, VocabulariesBody, VocabularyList } from '../../../shared/contracts/rules.js';

/** The organisation's current priority matrix (GET /api/priority-rules): the assessment preview uses it. */
export function usePriorityRules() {
  return useQuery({
    queryKey: ['priority-rules'],
    queryFn: ({ signal }) => api<PriorityRulesBody>('/api/priority-rules', { signal }),
    staleTime: 30_000,
  });
}

/** The organisation's vocabularies (GET /api/vocabularies): current and retired terms, bilingual. */
export function useVocabularies() {
  return useQuery({
    queryKey: ['vocabularies'],
    queryFn: ({ signal }) => cachedGet<VocabulariesBody>('/api/vocabularies', signal),
    networkMode: 'offlineFirst',
    staleTime: 60_000,
  });
}

/** The terms new input may choose: current ones only (a retired term stays on the cases that used it). */
export function currentTerms(v: VocabulariesBody | undefined, list: VocabularyList) {
  return v ? v[list].filter((x) => !x.retired) : undefined;
}
