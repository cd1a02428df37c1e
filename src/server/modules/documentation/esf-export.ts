import {
  esfExport,
  type DocumentationView,
  type EsfExport,
} from '../../../shared/contracts/documentation.js';
import { actTypes, subtypeOf, type ActTerm } from '../../../shared/esf.js';

/**
 * The coded fields of each act detail that leave the organisation. The sealed ones (pathologist,
 * examiner, findings, property lost) stay out: an export is minimised by default.
 */
const exportedDetail: Record<string, readonly string[]> = {
  arrest: ['arrestId'],
  killing: ['autopsyPerformed', 'autopsyAt', 'causeOfDeath', 'deathCertificateNo'],
  torture: ['examinedAt', 'consistency'],
  sexual_violence: ['p3FormRef', 'prcFormRef', 'examinedAt', 'hoursToExamination'],
  eviction: ['households'],
};

type Scalar = string | number | boolean | null;

function pick(
  detail: Record<string, unknown> | null,
  keys: readonly string[],
): Record<string, Scalar> | null {
  if (!detail) return null;
  const out: Record<string, Scalar> = {};
  for (const k of keys) {
    const v = detail[k];
    out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  }
  return out;
}

/**
 * The documentation view → the HURIDOCS-compatible ESF export (docs/ESF-EXPORT.md). Pure. People are
 * their pseudonyms ("Victim 1"); record numbers are Dharura's ids, which identify nobody.
 */
export function toEsfExport(
  view: DocumentationView,
  meta: { reference: string; exportedAt: Date },
): EsfExport {
  return {
    format: 'dharura-esf',
    version: 1,
    exported_at: meta.exportedAt.toISOString(),
    case_reference: meta.reference,
    events: view.events.map((e) => ({ event_record_number: e.reference, event_title: e.title })),
    persons: view.people.map((p) => ({
      person_record_number: p.id,
      name: p.pseudonym,
      counting_unit: p.kind,
      role: p.role,
      sex: p.sex,
      age_group: p.ageGroup,
    })),
    acts: view.acts.map((a) => {
      const subtype = subtypeOf(a.actType) ?? null;
      const eventRef = view.events.find((e) => e.id === a.eventId)?.reference ?? a.eventId;
      return {
        act_record_number: a.id,
        event: eventRef,
        victim: a.victimPersonId,
        type_of_act: a.actType,
        huridocs_type_of_act:
          (actTypes as readonly ActTerm[]).find((t) => t.code === a.actType)?.huridocs ?? null,
        initial_date: a.startedAt,
        initial_date_type: a.startedPrecision,
        location_county: a.county,
        status_at_end_of_act: a.victimStatus,
        detail_type: a.detail && subtype ? subtype : null,
        detail: subtype ? pick(a.detail, exportedDetail[subtype] ?? []) : null,
      };
    }),
    involvements: view.acts.flatMap((a) =>
      a.involvements.map((i) => ({
        involvement_record_number: i.id,
        act: a.id,
        perpetrator: i.perpetratorPersonId,
        degree_of_involvement: i.degree,
        type_of_perpetrator: i.perpetratorType,
        powerful_perpetrator: i.powerfulPerpetrator,
      })),
    ),
    information: view.information.map((i) => ({
      information_record_number: i.id,
      event: view.events.find((e) => e.id === i.eventId)?.reference ?? i.eventId,
      source: i.sourcePersonId,
      reliability_as_source: i.reliability,
      source_material_type: i.materialType,
      confidentiality: i.confidentiality,
      date_of_source_material: i.receivedAt,
    })),
    interventions: view.interventions.map((i) => ({
      intervention_record_number: i.id,
      origin: i.origin,
      event: i.eventId ? (view.events.find((e) => e.id === i.eventId)?.reference ?? i.eventId) : null,
      type_of_intervention: i.interventionType,
      intervening_party: i.byParty,
      addressee: i.toParty,
      date_of_intervention: i.at,
      response: i.response,
    })),
  };
}

/** Read an ESF export back (another Dharura, or a test): the same schema the export was written to. */
export function parseEsfExport(json: string): EsfExport {
  return esfExport.parse(JSON.parse(json));
}
