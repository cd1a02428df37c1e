import { useQuery } from '@tanstack/react-query';
import { api, apiBlob } from '../../api/client.js';
import { saveFile } from '../../api/saveFile.js';
import type { DashboardQuery, DashboardSummary } from '../../../shared/contracts/dashboards.js';

export type { DashboardQuery, DashboardSummary };

/** The filters as a query string (empty ones left out). */
export function dashboardSearch(q: DashboardQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, String(v));
  return p.toString();
}

export function useDashboardSummary(q: DashboardQuery) {
  const search = dashboardSearch(q);
  return useQuery({
    queryKey: ['dashboards', search],
    queryFn: ({ signal }) => api<DashboardSummary>(`/api/dashboards/summary?${search}`, { signal }),
  });
}

export function downloadDashboardCsv(q: DashboardQuery): Promise<void> {
  return download(`/api/dashboards/summary.csv?${dashboardSearch(q)}`, 'dharura-dashboard.csv');
}

/** The period report (PDF) for a month or quarter with the page's county and violation type. */
export function downloadPeriodReport(
  q: DashboardQuery & { period: string; lang: 'en' | 'sw' },
): Promise<void> {
  const { from: _from, to: _to, ...rest } = q;
  return download(
    `/api/reports/period.pdf?${dashboardSearch(rest as DashboardQuery)}`,
    `dharura-report-${q.period}-${q.lang}.pdf`,
  );
}

async function download(path: string, filename: string): Promise<void> {
  saveFile(await apiBlob(path, { method: 'GET' }), filename);
}
