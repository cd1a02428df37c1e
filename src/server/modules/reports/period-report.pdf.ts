import { startPdf } from '../../lib/pdf.js';
import type { DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { countyKey, countyShapes, MAP_HEIGHT, MAP_WIDTH } from '../../../shared/geo/county-projection.js';
import type { Locale } from '../../../shared/locale.js';
import { fill, monthName, reportCopy as copy } from './reports.copy.js';

/** What a period report prints; everything already aggregated or anonymised by the service. */
export interface PeriodReportContent {
  locale: Locale;
  /** "October 2026" or "2026-Q4 (October 2026 – December 2026)". */
  periodLabel: string;
  filtersLabel: string;
  generatedAt: Date;
  summary: DashboardSummary;
  /** The public tracker's published month totals for the period's months; null when none is published. */
  tracker: { months: string[]; rows: { label: string; values: string[] }[] } | null;
  /** Anonymised case summaries, one paragraph each. */
  caseSummaries: string[];
}

const shades = ['#ffffff', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** A shade for a count: white for none, then five steps up to the period's largest county. */
export function shadeOf(count: number, max: number): string {
  if (count <= 0 || max <= 0) return shades[0]!;
  return shades[Math.min(5, 1 + Math.floor((count / max) * 4.999))]!;
}

/**
 * The period report (DESIGN §2.6) as a PDF: the dashboards' figures as "label: value" lines (the same
 * numbers the API gives), the county choropleth drawn from the boundaries with PDF paths (no tiles, so it
 * works offline), the public tracker's suppressed table and anonymised case summaries. Pure.
 */
export function renderPeriodReport(c: PeriodReportContent): Promise<Buffer> {
  const L = c.locale;
  const t = (k: { en: string; sw: string }) => k[L];
  const { doc, done, line } = startPdf({
    size: 'A4',
    margin: 50,
    info: { Title: `${t(copy.title)} — ${c.periodLabel}` },
  });
  const s = c.summary;
  const heading = (text: string, size = 13) =>
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(size)
      .text(text)
      .font('Helvetica')
      .fontSize(10)
      .moveDown(0.2);
  const group = (title: string, lines: string[]) => {
    doc.moveDown(0.4).font('Helvetica-Bold').text(title).font('Helvetica');
    if (lines.length === 0) line(t(copy.nothing), 12);
    for (const l of lines) line(l, 12);
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${t(copy.title)} — ${c.periodLabel}`);
  doc.font('Helvetica').fontSize(10);
  line(`${t(copy.period)}: ${s.period.from} – ${s.period.to}. ${t(copy.filters)}: ${c.filtersLabel}.`);
  line(`${t(copy.generated)}: ${c.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  line(t(copy.internal));

  heading(t(copy.figures));
  line(`${t(copy.totalCases)}: ${s.totalCases}`);
  group(
    t(copy.openByPriority),
    s.openByPriority.map((o) => `${o.priority}: ${o.count}`),
  );
  group(
    t(copy.timings),
    s.timings.map(
      (r) =>
        `${monthName(r.month, L)}, ${r.priority}, ${copy.measure[r.measure][L]}: ${r.medianMinutes} / ${r.p90Minutes} (n = ${r.count})`,
    ),
  );
  group(
    t(copy.sla),
    s.slaBreaches.map((b) => `${b.kind}: ${b.breached} ${t(copy.breachedOf)} ${b.total}`),
  );
  group(
    t(copy.openClocks),
    s.openClocks.map((o) => `${o.kind}: ${t(copy.running)} ${o.running}, ${t(copy.overdue)} ${o.overdue}`),
  );
  group(
    t(copy.impacts),
    s.impacts.map((i) => `${i.scope} / ${i.code}: ${i.count}`),
  );
  group(
    t(copy.referrals),
    s.referrals.map(
      (r) =>
        `${r.need}: ${fill(t(copy.referralLine), { sent: r.sent, accepted: r.accepted, inTime: r.acceptedInTime, declined: r.declined, completed: r.completed })}`,
    ),
  );
  const kes = (cents: number) => (cents / 100).toLocaleString('en-KE', { maximumFractionDigits: 2 });
  group(
    t(copy.funds),
    s.funds.map(
      (x) =>
        `${x.purpose}: ${fill(t(copy.fundLine), {
          requested: x.requested,
          requestedKes: kes(x.requestedCents),
          paid: x.paid,
          paidKes: kes(x.paidCents),
          median: x.medianMinutesToPay,
          p90: x.p90MinutesToPay,
        })}`,
    ),
  );
  group(
    t(copy.institutional),
    s.institutional.map(
      (i) =>
        `${i.agency}${i.station ? ` / ${i.station}` : ''}: ${fill(t(copy.institutionalLine), { ...i, ob: i.obNumbers })}`,
    ),
  );
  group(t(copy.feedback), [
    fill(t(copy.feedbackLine), {
      responses: s.feedback.responses,
      average: s.feedback.averageSatisfaction,
      satisfied: s.feedback.satisfied,
    }),
  ]);
  if (s.wellbeing && s.responderLoad)
    group(t(copy.wellbeing), [
      fill(t(copy.wellbeingLine), {
        checks: s.wellbeing.checks,
        responders: s.wellbeing.responders,
        average: s.wellbeing.averageScore,
        low: s.wellbeing.lowScores,
        missions: s.responderLoad.missions,
      }),
    ]);

  // 2. The map: each county's outline as a PDF path, shaded by its count; the counts listed beside it.
  doc.addPage();
  heading(t(copy.map));
  const counts = new Map(s.byCounty.map((b) => [countyKey(b.county), b.count]));
  const max = Math.max(0, ...s.byCounty.map((b) => b.count));
  const scale = 250 / MAP_WIDTH;
  const top = doc.y;
  doc
    .save()
    .translate(50, top)
    .scale(scale)
    .lineWidth(0.4 / scale);
  for (const shape of countyShapes)
    doc.path(shape.d).fillAndStroke(shadeOf(counts.get(countyKey(shape.name)) ?? 0, max), '#555555');
  doc.restore();
  doc.fontSize(8).text(t(copy.mapLegend), 50, top + MAP_HEIGHT * scale + 6, { width: 250 });
  doc.text(t(copy.attribution), { width: 250 }).fontSize(10);
  const after = doc.y;
  doc.text('', 320, top);
  if (s.byCounty.length === 0) doc.text(t(copy.nothing), 320, top);
  for (const b of s.byCounty) doc.text(`${b.county}: ${b.count}`, 320, doc.y, { width: 225 });
  doc.x = 50;
  doc.y = Math.max(after, doc.y);

  // 3. The public tracker, as published (suppressed).
  heading(t(copy.tracker));
  line(t(copy.trackerIntro));
  if (!c.tracker) line(t(copy.trackerNotYet));
  else {
    doc.moveDown(0.3).font('Helvetica-Bold');
    line(`${t(copy.violation)}: ${c.tracker.months.map((m) => monthName(m, L)).join(' | ')}`);
    doc.font('Helvetica');
    for (const r of c.tracker.rows) line(`${r.label}: ${r.values.join(' | ')}`);
  }

  // 4. Anonymised case summaries.
  heading(t(copy.summaries));
  if (c.caseSummaries.length === 0) line(t(copy.nothing));
  for (const p of c.caseSummaries) doc.moveDown(0.3).text(`• ${p}`);

  doc.end();
  return done;
}
