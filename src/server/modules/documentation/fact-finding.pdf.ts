import PDFDocument from 'pdfkit';

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
}

/** The fact-finding mission report (issue #16), in the dossier's manner. Pure: content in, PDF out. */
export function renderMissionReport(c: MissionReportContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Mission report: ${c.title}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(text)
      .font('Helvetica')
      .fontSize(10)
      .moveDown(0.2);
  const line = (text: string) => doc.text(text);

  doc.font('Helvetica-Bold').fontSize(18).text(`Fact-finding mission report — ${c.title}`);
  doc.font('Helvetica').fontSize(10);
  line(`Status: ${c.status}. Generated ${c.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  line('Identities withheld: cases appear by reference, testimonies and evidence by id.');
  heading('Purpose');
  line(c.purpose);
  heading('Place and dates');
  line(`${c.place}; ${c.startsOn} to ${c.endsOn}. Team of ${c.teamSize}.`);
  heading('Findings');
  line(c.findings ?? 'No findings recorded yet.');
  heading(`Cases visited (${c.cases.length})`);
  if (c.cases.length === 0) line('None linked.');
  for (const r of c.cases) line(r);
  heading(`Testimonies gathered (${c.testimonies.length})`);
  for (const t of c.testimonies)
    line(
      `${t.id} — case ${t.caseReference}; ${t.medium}, language ${t.language ?? '—'}, consent ${t.consent}, taken by user ${t.recordedBy ?? '—'}`,
    );
  heading(`Evidence gathered (${c.evidence.length})`);
  for (const e of c.evidence) line(`${e.id} — case ${e.caseReference}; ${e.kind}; SHA-256 ${e.sha256}`);
  if (c.withheld > 0) line(`${c.withheld} further item(s) on cases you may not read are withheld.`);
  doc.end();
  return done;
}
