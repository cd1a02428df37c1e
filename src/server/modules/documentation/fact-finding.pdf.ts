import { startPdf } from '../../lib/pdf.js';
import type { Locale } from '../../../shared/locale.js';
import { codeLabel, fill, reportDate } from './report.copy.js';

/** What a mission report prints: references, counts, consents and hashes — never a name. */
export interface MissionReportContent {
  title: string;
  purpose: string;
  place: string;
  startsOn: string;
  endsOn: string;
  status: string;
  teamSize: number;
  generatedAt: Date;
  findings: string | null;
  cases: string[];
  testimonies: {
    id: string;
    caseReference: string;
    medium: string;
    language: string | null;
    consent: string;
    recordedBy: string | null;
  }[];
  evidence: { id: string; caseReference: string; kind: string; sha256: string }[];
  /** Links on cases the reader may not see: counted, not shown. */
  withheld: number;
  /** The requester's language: every label comes from `report.copy.ts` in it. */
  locale?: Locale;
}

/** The fact-finding mission report (issue #16), in the dossier's manner. Pure: content in, PDF out. */
export function renderMissionReport(c: MissionReportContent): Promise<Buffer> {
  const lang: Locale = c.locale ?? 'en';
  const t = (key: Parameters<typeof fill>[0], vars?: Record<string, string | number>) =>
    fill(key, lang, vars);
  const { doc, done, heading, line } = startPdf({
    size: 'A4',
    margin: 50,
    lang,
    info: { Title: t('missionTitle', { title: c.title }) },
  });

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(t('missionTitle', { title: c.title }));
  doc.font('Helvetica').fontSize(10);
  line(t('missionMeta', { status: codeLabel('mission', c.status, lang), at: reportDate(c.generatedAt) }));
  line(t('missionWithheld'));
  heading(t('purpose'));
  line(c.purpose);
  heading(t('placeAndDates'));
  line(t('placeLine', { place: c.place, from: c.startsOn, to: c.endsOn, n: c.teamSize }));
  heading(t('findings'));
  line(c.findings ?? t('noFindings'));
  heading(t('casesVisited', { n: c.cases.length }));
  if (c.cases.length === 0) line(t('noneLinked'));
  for (const r of c.cases) line(r);
  heading(t('testimonies', { n: c.testimonies.length }));
  for (const x of c.testimonies)
    line(
      t('testimonyLine', {
        id: x.id,
        ref: x.caseReference,
        medium: codeLabel('medium', x.medium, lang),
        language: x.language ?? '—',
        consent: codeLabel('consent', x.consent, lang),
        by: x.recordedBy ?? '—',
      }),
    );
  heading(t('evidenceGathered', { n: c.evidence.length }));
  for (const e of c.evidence)
    line(
      t('missionEvidenceLine', {
        id: e.id,
        ref: e.caseReference,
        kind: codeLabel('kind', e.kind, lang),
        sha: e.sha256,
      }),
    );
  if (c.withheld > 0) line(t('missionWithheldItems', { n: c.withheld }));
  doc.end();
  return done;
}
