import { startPdf } from '../../lib/pdf.js';
import type { LearningReportView } from '../../../shared/contracts/learning.js';
import type { Locale } from '../../../shared/locale.js';
import { learningReportCopy as copy } from './learning-report.copy.js';

/**
 * The quarterly learning report (DESIGN §2.6) as a PDF, in English or Kiswahili: the same figures and
 * lesson texts as `GET /api/learning/reports/:quarter`, as "label: value" lines. Pure.
 */
export function renderLearningReport(
  r: LearningReportView,
  locale: Locale,
  generatedAt: Date,
): Promise<Buffer> {
  const t = (k: { en: string; sw: string }) => k[locale];
  const { doc, done, heading, line } = startPdf({
    size: 'A4',
    margin: 50,
    info: { Title: `${t(copy.title)} — ${r.quarter}` },
  });

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${t(copy.title)} — ${r.quarter}`);
  doc.font('Helvetica').fontSize(10);
  line(`${t(copy.quarter)}: ${r.from.slice(0, 10)} – ${r.to.slice(0, 10)}.`);
  line(`${t(copy.generated)}: ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  line(t(copy.internal));

  heading(t(copy.reviews));
  line(`${t(copy.required)}: ${r.reviews.required}`);
  line(`${t(copy.recorded)}: ${r.reviews.recorded}`);
  line(`${t(copy.scheduledPending)}: ${r.reviews.scheduledPending}`);
  line(`${t(copy.scheduledOverdue)}: ${r.reviews.scheduledOverdue}`, 12);

  heading(t(copy.lessons));
  line(`${t(copy.created)}: ${r.lessons.created}`);
  line(`${t(copy.closed)}: ${r.lessons.closed}`);
  line(`${t(copy.overdue)}: ${r.lessons.overdue}`);
  doc.moveDown(0.4).font('Helvetica-Bold').text(t(copy.byStatus)).font('Helvetica');
  const statuses = Object.entries(r.lessons.byStatus);
  if (statuses.length === 0) line(t(copy.nothing), 12);
  for (const [status, count] of statuses) line(`${copy.status[status]?.[locale] ?? status}: ${count}`, 12);

  heading(t(copy.changes));
  line(`${t(copy.withChange)}: ${r.lessons.withChange}`);
  if (r.changes.length === 0) line(t(copy.nothing), 12);
  for (const c of r.changes) {
    const ref = [c.changeRef, c.changeAuditSeq === null ? null : `${t(copy.auditEntry)} #${c.changeAuditSeq}`]
      .filter(Boolean)
      .join(', ');
    doc.moveDown(0.3);
    line(`${copy.changeKind[c.changeKind][locale]}${ref ? ` (${ref})` : ''}:`, 12);
    line(c.lesson, 24);
  }
  doc.end();
  return done;
}
