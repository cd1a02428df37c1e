import { z } from 'zod';
import {
  actTypeCodes,
  confidentialityCodes,
  documentationRoles,
  interventionTypeCodes,
  involvementDegreeCodes,
  istanbulConsistencyCodes,
  perpetratorTypeCodes,
  personKindCodes,
  sourceMaterialTypeCodes,
  sourceReliabilityCodes,
  subtypeOf,
  victimStatusCodes,
} from '../esf.js';
import { datePrecisions, interventionResponses } from '../vocabularies.js';

const trimmed = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();
const interventionResponseCodes = interventionResponses.map((t) => t.code) as [string, ...string[]];

export const docParams = z.object({ id: uuid });
/** The language of a generated report (dossier, mission report): the requester's choice, `?lang=sw`. */
export const reportQuery = z.object({ lang: z.enum(['en', 'sw']).optional() });
export const actParams = z.object({ id: uuid, actId: uuid });

/* ---------- Inputs ---------- */

/** A person on the case in a documentation role; the name (and description) are sealed. */
export const docPersonInput = z.object({
  role: z.enum(documentationRoles),
  kind: z.enum(personKindCodes).default('individual'),
  name: trimmed(200).min(1).optional(),
  description: trimmed(2000).optional(),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  ageGroup: z.enum(['child', 'youth', 'adult', 'older', 'unknown']).optional(),
});
export type DocPersonInput = z.infer<typeof docPersonInput>;

export const arrestDetailInput = z.object({ arrestId: uuid.optional() });
export const killingDetailInput = z.object({
  autopsyPerformed: z.boolean().default(false),
  autopsyAt: isoDate.optional(),
  pathologist: trimmed(200).optional(),
  autopsyFindings: trimmed(5000).optional(),
  causeOfDeath: trimmed(200).optional(),
  deathCertificateNo: trimmed(100).optional(),
});
export const tortureDetailInput = z.object({
  examiner: trimmed(200).optional(),
  examinedAt: isoDate.optional(),
  findings: trimmed(5000).optional(),
  consistency: z.enum(istanbulConsistencyCodes).optional(),
});
export const sexualViolenceDetailInput = z.object({
  p3FormRef: trimmed(100).optional(),
  prcFormRef: trimmed(100).optional(),
  examinedAt: isoDate.optional(),
});
export const evictionDetailInput = z.object({
  households: z.number().int().min(0).max(100_000).optional(),
  propertyLost: trimmed(2000).optional(),
});

const subtypeKeys = {
  arrest: 'arrest',
  killing: 'killing',
  torture: 'torture',
  sexual_violence: 'sexualViolence',
  eviction: 'eviction',
} as const;

export const actInput = z
  .object({
    eventId: uuid,
    victimPersonId: uuid,
    actType: z.enum(actTypeCodes),
    startedAt: isoDate.optional(),
    startedPrecision: z.enum(datePrecisions).optional(),
    county: trimmed(60).optional(),
    /** The exact place: sealed. */
    place: trimmed(500).optional(),
    /** Sealed. */
    consequences: trimmed(5000).optional(),
    victimStatus: z.enum(victimStatusCodes),
    arrest: arrestDetailInput.optional(),
    killing: killingDetailInput.optional(),
    torture: tortureDetailInput.optional(),
    sexualViolence: sexualViolenceDetailInput.optional(),
    eviction: evictionDetailInput.optional(),
  })
  .superRefine((v, ctx) => {
    const mine = subtypeOf(v.actType);
    for (const [subtype, key] of Object.entries(subtypeKeys)) {
      if (v[key] && subtype !== mine)
        ctx.addIssue({ code: 'custom', path: [key], message: `not a detail of ${v.actType}` });
    }
    if (v.startedAt && !v.startedPrecision)
      ctx.addIssue({ code: 'custom', path: ['startedPrecision'], message: 'required with a date' });
  });
export type ActInput = z.infer<typeof actInput>;

export const involvementInput = z.object({
  perpetratorPersonId: uuid,
  degree: z.enum(involvementDegreeCodes),
  perpetratorType: z.enum(perpetratorTypeCodes),
});
export type InvolvementInput = z.infer<typeof involvementInput>;

export const informationInput = z.object({
  eventId: uuid,
  sourcePersonId: uuid,
  reliability: z.enum(sourceReliabilityCodes),
  materialType: z.enum(sourceMaterialTypeCodes),
  confidentiality: z.enum(confidentialityCodes).default('internal'),
  receivedAt: isoDate.optional(),
  remarks: trimmed(2000).optional(),
});
export type InformationInput = z.infer<typeof informationInput>;

export const interventionInput = z.object({
  eventId: uuid.optional(),
  interventionType: z.enum(interventionTypeCodes),
  /** A party, not a person's name: "KHRC legal team", "IPOA". */
  byParty: trimmed(200).min(1),
  toParty: trimmed(200).optional(),
  at: isoDate,
  response: z.enum(interventionResponseCodes).optional(),
  /** Sealed. */
  impact: trimmed(2000).optional(),
});
export type InterventionInput = z.infer<typeof interventionInput>;

export const dossierRevealInput = z.object({ reason: trimmed(500).min(10) });

/* ---------- Views ---------- */

/** A person as the documentation shows them: a pseudonym ("Victim 1"), never the name. */
export const docPersonView = z.object({
  id: z.string(),
  role: z.string(),
  kind: z.string(),
  /** "Victim 1": the role and the person's number among that role on the case. */
  pseudonym: z.string(),
  ordinal: z.number().int(),
  sex: z.string().nullable(),
  ageGroup: z.string().nullable(),
});
export type DocPersonView = z.infer<typeof docPersonView>;

export const involvementView = z.object({
  id: z.string(),
  actId: z.string(),
  perpetratorPersonId: z.string(),
  perpetrator: z.string(),
  degree: z.string(),
  perpetratorType: z.string(),
  powerfulPerpetrator: z.boolean(),
});
export type InvolvementView = z.infer<typeof involvementView>;

export const actView = z.object({
  id: z.string(),
  eventId: z.string(),
  victimPersonId: z.string(),
  victim: z.string(),
  actType: z.string(),
  startedAt: z.string().nullable(),
  startedPrecision: z.string().nullable(),
  county: z.string().nullable(),
  place: z.string().nullable(),
  consequences: z.string().nullable(),
  victimStatus: z.string(),
  /** The 1:1 detail record of the act's type, opened; null when none was recorded. */
  detail: z.record(z.string(), z.unknown()).nullable(),
  involvements: z.array(involvementView),
});
export type ActView = z.infer<typeof actView>;

export const informationView = z.object({
  id: z.string(),
  eventId: z.string(),
  sourcePersonId: z.string(),
  source: z.string(),
  reliability: z.string(),
  materialType: z.string(),
  confidentiality: z.string(),
  receivedAt: z.string().nullable(),
  remarks: z.string().nullable(),
});
export type InformationView = z.infer<typeof informationView>;

export const interventionView = z.object({
  id: z.string(),
  /** `manual`, or the response-module row it comes from. */
  origin: z.enum(['manual', 'case_action', 'institutional_response']),
  eventId: z.string().nullable(),
  interventionType: z.string(),
  byParty: z.string(),
  toParty: z.string().nullable(),
  at: z.string(),
  response: z.string().nullable(),
  impact: z.string().nullable(),
});
export type InterventionView = z.infer<typeof interventionView>;

export const documentationView = z.object({
  events: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string() })),
  people: z.array(docPersonView),
  acts: z.array(actView),
  information: z.array(informationView),
  interventions: z.array(interventionView),
  powerfulPerpetrator: z.boolean(),
});
export type DocumentationView = z.infer<typeof documentationView>;

/* ---------- HURIDOCS-compatible export (docs/ESF-EXPORT.md) ---------- */

/**
 * The ESF export: one array per format, as OpenEvSys keeps one table per format, field names after the
 * ESF field titles (snake case) and values as stable codes (shared/esf.ts). Minimised: people carry no
 * name, and no sealed free text (exact place, consequences, findings, remarks) is included.
 */
export const esfExport = z.object({
  format: z.literal('dharura-esf'),
  version: z.literal(1),
  exported_at: z.string(),
  case_reference: z.string(),
  events: z.array(z.object({ event_record_number: z.string(), event_title: z.string() })),
  persons: z.array(
    z.object({
      person_record_number: z.string(),
      name: z.string(),
      counting_unit: z.string(),
      role: z.string(),
      sex: z.string().nullable(),
      age_group: z.string().nullable(),
    }),
  ),
  acts: z.array(
    z.object({
      act_record_number: z.string(),
      event: z.string(),
      victim: z.string(),
      type_of_act: z.string(),
      huridocs_type_of_act: z.string().nullable(),
      initial_date: z.string().nullable(),
      initial_date_type: z.string().nullable(),
      location_county: z.string().nullable(),
      status_at_end_of_act: z.string(),
      /** The 1:1 detail's coded fields (no sealed text): arrest, killing, torture, sexual_violence, eviction. */
      detail_type: z.string().nullable(),
      detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
    }),
  ),
  involvements: z.array(
    z.object({
      involvement_record_number: z.string(),
      act: z.string(),
      perpetrator: z.string(),
      degree_of_involvement: z.string(),
      type_of_perpetrator: z.string(),
      powerful_perpetrator: z.boolean(),
    }),
  ),
  information: z.array(
    z.object({
      information_record_number: z.string(),
      event: z.string(),
      source: z.string(),
      reliability_as_source: z.string(),
      source_material_type: z.string(),
      confidentiality: z.string(),
      date_of_source_material: z.string().nullable(),
    }),
  ),
  interventions: z.array(
    z.object({
      intervention_record_number: z.string(),
      origin: z.string(),
      event: z.string().nullable(),
      type_of_intervention: z.string(),
      intervening_party: z.string(),
      addressee: z.string().nullable(),
      date_of_intervention: z.string(),
      response: z.string().nullable(),
    }),
  ),
});
export type EsfExport = z.infer<typeof esfExport>;
