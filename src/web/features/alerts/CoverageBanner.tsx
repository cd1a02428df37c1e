import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import type { oncallCoverage } from '../../../shared/contracts/alerts.js';
import { oncallKey } from './api.js';

type Coverage = z.infer<typeof oncallCoverage>;

export function useCoverage() {
  return useQuery({
    queryKey: [...oncallKey, 'coverage'],
    queryFn: ({ signal }) => api<Coverage>('/api/oncall/coverage', { signal }),
    refetchInterval: 60_000,
    staleTime: 10_000,
  });
}

/**
 * The warning banner of the On-call and Alerts pages: rotations with nobody on call now, and rotations
 * whose person on call cannot be reached away from the console (no verified phone, no SMS rule). The
 * server raises the same problem as an alert to the administrators.
 */
export function CoverageBanner() {
  const { t } = useTranslation();
  const coverage = useCoverage();
  const c = coverage.data;
  if (!c || c.ok) return null;
  const names = (problem: 'empty' | 'unreachable') =>
    c.rotations
      .filter((r) => r.problem === problem)
      .map((r) => r.rotationName)
      .join(', ');
  const empty = names('empty');
  const unreachable = names('unreachable');
  return (
    <div className="alert alert--error" role="alert" data-testid="coverage-banner">
      {empty ? (
        <p data-testid="oncall-empty-warning">{t('oncallEdit.emptyWarning', { names: empty })}</p>
      ) : null}
      {unreachable ? (
        <p data-testid="oncall-unreachable-warning">
          {t('oncallEdit.unreachableWarning', { names: unreachable })}
        </p>
      ) : null}
    </div>
  );
}
