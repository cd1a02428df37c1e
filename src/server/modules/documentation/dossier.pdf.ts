import PDFDocument from 'pdfkit';
import type { ArrestView } from '../../../shared/contracts/response.js';
import type { DocumentationView } from '../../../shared/contracts/documentation.js';
import {
  actTypes,
  interventionTypes,
  involvementDegrees,
  perpetratorTypes,
  sourceMaterialTypes,
  sourceReliabilities,
  victimStatuses,
} from '../../../shared/esf.js';
import { interventionResponses } from '../../../shared/vocabularies.js';
import type { EvidenceListItem } from './documentation.shared.js';

/** What a case dossier prints: the documentation view, with identities only when revealed. */
export interface DossierContent {
  reference: string;
  status: string;
  generatedAt: Date;
  generatedBy: string;
  /** Present only after the reveal step (re-authentication and a reason): person id → name. */
  identities: ReadonlyMap<string, string> | null;
  revealReason: string | null;
  documentation: DocumentationView;
  timeline: readonly { at: Date; type: string }[];
  custody: readonly ArrestView[];
  /** Null when no evidence module is wired: the dossier says so rather than printing an empty list. */
  evidence: readonly EvidenceListItem[] | null;
}

const label = (list: readonly { code: string; en: string }[], code: string | null | undefined) =>
  code ? (list.find((t) => t.code === code)?.en ?? code) : '—';
const day = (s: string | Date | null | undefined) => {
  if (!s) return '—';
  const d = typeof s === 'string' ? new Date(s) : s;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/**
 * The case dossier for a lawyer or a court (DESIGN §2.5): events, acts with their detail, people,
 * involvements, sources, interventions, the timeline, custody and the evidence list with hashes.
 * People are pseudonyms ("Victim 1") unless `identities` is given. Pure: content in, PDF bytes out.
 */
export function renderDossier(content: DossierContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Case dossier ${content.reference}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const d = content.documentation;
  const who = (id: string, pseudonym: string) => {
    const name = content.identities?.get(id);
    return name ? `${name} (${pseudonym})` : pseudonym;
  };
  const heading = (text: string) => {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(text)
      .font('Helvetica')
      .fontSize(10)
      .moveDown(0.2);
  };
  const line = (text: string, indent = 0) => doc.text(text, { indent });

  doc.font('Helvetica-Bold').fontSize(18).text(`Case dossier — ${content.reference}`);
  doc.font('Helvetica').fontSize(10);
  line(`Status: ${content.status}. Generated ${day(content.generatedAt)} by ${content.generatedBy}.`);
  line(
    content.identities
      ? `CONFIDENTIAL: identities revealed. Reason recorded: ${content.revealReason ?? ''}`
      : 'Identities withheld: people appear under pseudonyms.',
  );
  if (d.powerfulPerpetrator) line('Flag: powerful perpetrator involved.');

  heading('Events');
  if (d.events.length === 0) line('No event attached.');
  for (const e of d.events) line(`${e.reference} — ${e.title}`);

  heading('People');
  for (const p of d.people)
    line(
      `${who(p.id, p.pseudonym)} — ${p.role}, ${p.kind}${p.sex ? `, ${p.sex}` : ''}${p.ageGroup ? `, ${p.ageGroup}` : ''}`,
    );

  heading(`Acts (${d.acts.length})`);
  d.acts.forEach((a, n) => {
    const victim = d.people.find((p) => p.id === a.victimPersonId);
    doc.font('Helvetica-Bold');
    line(
      `${n + 1}. ${label(actTypes, a.actType)} — victim: ${who(a.victimPersonId, victim?.pseudonym ?? a.victim)}`,
    );
    doc.font('Helvetica');
    line(
      `When: ${day(a.startedAt)} (${a.startedPrecision ?? 'unknown precision'}); county: ${a.county ?? '—'}`,
      12,
    );
    if (a.place) line(`Place: ${a.place}`, 12);
    if (a.consequences) line(`Consequences: ${a.consequences}`, 12);
    line(`Victim's status at the end: ${label(victimStatuses, a.victimStatus)}`, 12);
    for (const [k, v] of Object.entries(a.detail ?? {}))
      if (v !== null && v !== undefined && k !== 'arrestId') line(`${k}: ${String(v)}`, 12);
    for (const i of a.involvements) {
      const perp = d.people.find((p) => p.id === i.perpetratorPersonId);
      line(
        `Perpetrator: ${who(i.perpetratorPersonId, perp?.pseudonym ?? i.perpetrator)} — ${label(perpetratorTypes, i.perpetratorType)}, ${label(involvementDegrees, i.degree)}${i.powerfulPerpetrator ? ' [powerful perpetrator]' : ''}`,
        12,
      );
    }
  });

  heading(`Sources (${d.information.length})`);
  for (const i of d.information) {
    const src = d.people.find((p) => p.id === i.sourcePersonId);
    line(
      `${who(i.sourcePersonId, src?.pseudonym ?? i.source)} — ${label(sourceReliabilities, i.reliability)}; ${label(sourceMaterialTypes, i.materialType)}; ${i.confidentiality}`,
    );
  }

  heading(`Interventions (${d.interventions.length})`);
  for (const i of d.interventions)
    line(
      `${day(i.at)} — ${label(interventionTypes, i.interventionType)} by ${i.byParty}${i.toParty ? ` to ${i.toParty}` : ''}; response: ${label(interventionResponses, i.response)}${i.impact ? `; impact: ${i.impact}` : ''}`,
    );

  heading('Custody');
  if (content.custody.length === 0) line('No arrest recorded.');
  for (const a of content.custody) {
    const stop = a.producedInCourtAt
      ? `produced in court ${day(a.producedInCourtAt)}`
      : a.releasedAt
        ? `released ${day(a.releasedAt)}`
        : 'still held';
    line(
      `Arrested ${day(a.arrestedAt)} at ${a.policeStation}${a.obNumber ? ` (OB ${a.obNumber})` : ''}; ${stop}; 24-hour limit ${day(a.deadline)}${a.breached ? ' — BREACHED' : ''}`,
    );
  }

  heading('Evidence');
  if (!content.evidence || content.evidence.length === 0) line('No evidence recorded.');
  else
    for (const e of content.evidence)
      line(
        `${e.label} (${e.kind}), recorded ${day(e.recordedAt)}; SHA-256 ${e.sha256}; ${e.custodyEntries} custody entries`,
      );

  heading('Timeline');
  for (const t of content.timeline) line(`${day(t.at)} — ${t.type}`);

  doc.end();
  return done;
}
