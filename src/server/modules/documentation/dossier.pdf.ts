import { startPdf } from '../../lib/pdf.js';
import type { ArrestView } from '../../../shared/contracts/response.js';
import type { DocumentationView } from '../../../shared/contracts/documentation.js';
import {
  actTypes,
  confidentialities,
  interventionTypes,
  istanbulConsistency,
  personKinds,
  involvementDegrees,
  perpetratorTypes,
  sourceMaterialTypes,
  sourceReliabilities,
  victimStatuses,
} from '../../../shared/esf.js';
import type { Locale } from '../../../shared/locale.js';
import { interventionResponses } from '../../../shared/vocabularies.js';
import type { EvidenceListItem } from './documentation.shared.js';
import { codeLabel, fill, reportDate as day, termLabel } from './report.copy.js';

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
  /** The requester's language: every label comes from `report.copy.ts` in it. */
  locale?: Locale;
}

/**
 * The case dossier for a lawyer or a court (DESIGN §2.5): events, acts with their detail, people,
 * involvements, sources, interventions, the timeline, custody and the evidence list with hashes.
 * People are pseudonyms ("Victim 1") unless `identities` is given. Pure: content in, PDF bytes out.
 */
export function renderDossier(content: DossierContent): Promise<Buffer> {
  const lang: Locale = content.locale ?? 'en';
  const t = (key: Parameters<typeof fill>[0], vars?: Record<string, string | number>) =>
    fill(key, lang, vars);
  const term = (list: Parameters<typeof termLabel>[0], code: string | null | undefined) =>
    termLabel(list, code, lang);
  const { doc, done, heading, line } = startPdf({
    size: 'A4',
    margin: 50,
    lang,
    info: { Title: t('dossierTitle', { ref: content.reference }) },
  });
  const d = content.documentation;
  // Pseudonyms in the requester's language ("Victim 1" / "Mwathiriwa 1"), from the role and ordinal.
  const pseudonymOf = (id: string, fallback: string) => {
    const p = d.people.find((x) => x.id === id);
    return p ? `${codeLabel('role', p.role, lang)} ${p.ordinal}` : fallback;
  };
  const who = (id: string, fallback: string) => {
    const pseudonym = pseudonymOf(id, fallback);
    const name = content.identities?.get(id);
    return name ? `${name} (${pseudonym})` : pseudonym;
  };
  const detailValue = (k: string, v: unknown) =>
    typeof v === 'boolean'
      ? t(v ? 'yes' : 'no')
      : k === 'consistency'
        ? term(istanbulConsistency, String(v))
        : String(v);

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(t('dossierTitle', { ref: content.reference }));
  doc.font('Helvetica').fontSize(10);
  line(
    t('dossierMeta', {
      status: codeLabel('case', content.status, lang),
      at: day(content.generatedAt),
      by: content.generatedBy,
    }),
  );
  line(content.identities ? t('revealed', { reason: content.revealReason ?? '' }) : t('withheld'));
  if (d.powerfulPerpetrator) line(t('powerful'));

  heading(t('events'));
  if (d.events.length === 0) line(t('noEvent'));
  for (const e of d.events) line(`${e.reference} — ${e.title}`);

  heading(t('people'));
  for (const p of d.people)
    line(
      [
        `${who(p.id, p.pseudonym)} — ${codeLabel('role', p.role, lang)}, ${term(personKinds, p.kind)}`,
        ...(p.sex ? [codeLabel('sex', p.sex, lang)] : []),
        ...(p.ageGroup ? [codeLabel('age', p.ageGroup, lang)] : []),
      ].join(', '),
    );

  heading(t('acts', { n: d.acts.length }));
  d.acts.forEach((a, n) => {
    doc.font('Helvetica-Bold');
    line(`${n + 1}. ${term(actTypes, a.actType)} — ${t('victim')}: ${who(a.victimPersonId, a.victim)}`);
    doc.font('Helvetica');
    line(
      t('when', {
        at: day(a.startedAt),
        precision: a.startedPrecision
          ? codeLabel('precision', a.startedPrecision, lang)
          : t('unknownPrecision'),
        county: a.county ?? '—',
      }),
      12,
    );
    if (a.place) line(t('place', { place: a.place }), 12);
    if (a.consequences) line(t('consequences', { text: a.consequences }), 12);
    line(t('victimStatus', { status: term(victimStatuses, a.victimStatus) }), 12);
    for (const [k, v] of Object.entries(a.detail ?? {}))
      if (v !== null && v !== undefined && k !== 'arrestId')
        line(`${codeLabel('detail', k, lang)}: ${detailValue(k, v)}`, 12);
    for (const i of a.involvements)
      line(
        `${t('perpetrator')}: ${who(i.perpetratorPersonId, i.perpetrator)} — ${term(perpetratorTypes, i.perpetratorType)}, ${term(involvementDegrees, i.degree)}${i.powerfulPerpetrator ? ` ${t('powerfulMark')}` : ''}`,
        12,
      );
  });

  heading(t('sources', { n: d.information.length }));
  for (const i of d.information)
    line(
      `${who(i.sourcePersonId, i.source)} — ${term(sourceReliabilities, i.reliability)}; ${term(sourceMaterialTypes, i.materialType)}; ${term(confidentialities, i.confidentiality)}`,
    );

  heading(t('interventions', { n: d.interventions.length }));
  for (const i of d.interventions)
    line(
      t('interventionLine', {
        at: day(i.at),
        type: term(interventionTypes, i.interventionType),
        by: i.byParty,
        to: i.toParty ? t('toParty', { party: i.toParty }) : '',
        response: term(interventionResponses, i.response),
        impact: i.impact ? t('impact', { text: i.impact }) : '',
      }),
    );

  heading(t('custody'));
  if (content.custody.length === 0) line(t('noArrest'));
  for (const a of content.custody) {
    const stop = a.producedInCourtAt
      ? t('producedInCourt', { at: day(a.producedInCourtAt) })
      : a.releasedAt
        ? t('released', { at: day(a.releasedAt) })
        : t('stillHeld');
    line(
      t('arrestLine', {
        at: day(a.arrestedAt),
        station: a.policeStation,
        ob: a.obNumber ? t('ob', { ob: a.obNumber }) : '',
        stop,
        deadline: day(a.deadline),
        breached: a.breached ? t('breached') : '',
      }),
    );
  }

  heading(t('evidence'));
  if (!content.evidence || content.evidence.length === 0) line(t('noEvidence'));
  else
    for (const e of content.evidence)
      line(
        t('evidenceLine', {
          label: e.label,
          kind: codeLabel('kind', e.kind, lang),
          at: day(e.recordedAt),
          sha: e.sha256,
          n: e.custodyEntries,
        }),
      );

  heading(t('timeline'));
  for (const x of content.timeline) line(`${day(x.at)} — ${x.type}`);

  doc.end();
  return done;
}
