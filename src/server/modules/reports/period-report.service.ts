import type { PeriodReportQuery } from '../../../shared/contracts/reports.js';
import type { Locale } from '../../../shared/locale.js';
import {
  agencies,
  impactTypes,
  institutionalResponseTypes,
  violationTypes,
} from '../../../shared/vocabularies.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { DashboardsService } from '../dashboards/dashboards.service.js';
import { periodOf } from '../dashboards/dashboards.service.js';
import { showPublished } from '../tracker/suppression.js';
import type { TrackerService } from '../tracker/tracker.service.js';
import { renderPeriodReport, type PeriodReportContent } from './period-report.pdf.js';
import { fill, monthName, reportCopy as copy } from './reports.copy.js';
import type { CaseSummaryRow, ReportsRepo } from './reports.repo.js';

/** How many anonymised cases a report summarises. */
export const SUMMARY_CASES = 5;

/** A month (`2026-10`) or quarter (`2026-Q4`) as its months and first/last day (`YYYY-MM-DD`, EAT). */
export function periodRange(period: string): { months: string[]; from: string; to: string } {
  const [y, p] = period.split('-') as [string, string];
  const year = Number(y);
  const first = p.startsWith('Q') ? (Number(p.slice(1)) - 1) * 3 : Number(p) - 1;
  const count = p.startsWith('Q') ? 3 : 1;
  const months = Array.from({ length: count }, (_, i) => `${y}-${String(first + i + 1).padStart(2, '0')}`);
  const lastDay = new Date(Date.UTC(year, first + count, 0)).getUTCDate();
  return { months, from: `${months[0]}-01`, to: `${months[count - 1]}-${String(lastDay).padStart(2, '0')}` };
}

type Labelled = readonly { code: string; en: string; sw: string }[];
const labelIn = (list: Labelled, code: string, L: Locale) => list.find((x) => x.code === code)?.[L] ?? code;

/** One anonymised paragraph from coded fields: no reference, name, phone, place or free text. */
export function summaryParagraph(r: CaseSummaryRow, L: Locale): string {
  const types = r.violationTypes.map((v) => labelIn(violationTypes, v, L)).join(', ') || '—';
  const parts = [
    fill(copy.summaryLine[L], {
      types,
      county: r.county ?? copy.unknownCounty[L],
      month: monthName(r.month, L),
      priority: r.priority ?? '—',
      status: r.status,
    }),
  ];
  if (r.impacts.length)
    parts.push(
      fill(copy.summaryImpacts[L], { list: r.impacts.map((i) => labelIn(impactTypes, i, L)).join(', ') }),
    );
  if (r.responses.length)
    parts.push(
      fill(copy.summaryResponses[L], {
        list: r.responses
          .map(
            (x) => `${labelIn(agencies, x.agency, L)}: ${labelIn(institutionalResponseTypes, x.response, L)}`,
          )
          .join('; '),
      }),
    );
  return parts.join(' ');
}

/**
 * The period report (DESIGN §2.6): the dashboards' summary for the period and filters (the very figures
 * the API gives), the public tracker's published totals for those months, and a few anonymised cases.
 */
export function createPeriodReportService(deps: {
  dashboards: DashboardsService;
  tracker: TrackerService;
  repo: ReportsRepo;
  audit: Audit;
  clock: Clock;
}) {
  return {
    async pdf(actor: Actor, q: PeriodReportQuery): Promise<{ pdf: Buffer; filename: string }> {
      const L = q.lang;
      const range = periodRange(q.period);
      const filters = {
        from: range.from,
        to: range.to,
        ...(q.county ? { county: q.county } : {}),
        ...(q.violationType ? { violationType: q.violationType } : {}),
        ...(q.eventId ? { eventId: q.eventId } : {}),
      };
      const [summary, publication, rows] = await Promise.all([
        deps.dashboards.summary(actor, filters),
        deps.tracker.publication(),
        deps.repo.caseSummaries(periodOf(filters, deps.clock.now()).filter, SUMMARY_CASES),
      ]);
      const columns = range.months.map((m) => publication.months.indexOf(m)).filter((j) => j >= 0);
      const tracker: PeriodReportContent['tracker'] = columns.length
        ? {
            months: columns.map((j) => publication.months[j]!),
            rows: publication.tables
              .filter((tb) => !q.violationType || tb.violationType === q.violationType)
              .map((tb) => ({
                label: labelIn(violationTypes, tb.violationType, L),
                values: columns.map((j) => (tb.withheld ? 'x' : showPublished(tb.monthTotals[j]!))),
              })),
          }
        : null;
      const filterParts = [
        q.county,
        q.violationType ? labelIn(violationTypes, q.violationType, L) : undefined,
        q.eventId ? `event ${q.eventId.slice(0, 8)}` : undefined,
      ].filter(Boolean);
      const periodLabel =
        range.months.length === 1
          ? monthName(range.months[0]!, L)
          : `${q.period} (${monthName(range.months[0]!, L)} – ${monthName(range.months[2]!, L)})`;
      const pdf = await renderPeriodReport({
        locale: L,
        periodLabel,
        filtersLabel: filterParts.length ? filterParts.join(', ') : copy.none[L],
        generatedAt: deps.clock.now(),
        summary,
        tracker,
        caseSummaries: rows.map((r) => summaryParagraph(r, L)),
      });
      await deps.audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'report.period_generated',
        subjectType: 'report',
        meta: {
          period: q.period,
          lang: L,
          county: q.county ?? null,
          violationType: q.violationType ?? null,
          eventId: q.eventId ?? null,
          cases: summary.totalCases,
        },
      });
      return { pdf, filename: `dharura-report-${q.period}-${L}.pdf` };
    },
  };
}
export type PeriodReportService = ReturnType<typeof createPeriodReportService>;
