import type {
  ActView,
  DocPersonView,
  DocumentationView,
  InformationView,
  InterventionView,
  InvolvementView,
} from '../../../shared/contracts/documentation.js';
import { isPowerfulPerpetrator } from '../../../shared/esf.js';
import type { Executor } from '../../db/client.js';
import type {
  CaseRow,
  InformationRow,
  InterventionRow,
  InvolvementRow,
  PersonRow,
} from '../../db/schema/index.js';
import { aadOf } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type { ActionRow, InstitutionalResponseRow } from '../response/response.repo.js';
import type { ActWithDetail } from './documentation.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Which role names a person who plays several on a case (a victim who is also a source is "Victim"). */
const rolePriority = ['victim', 'perpetrator', 'source', 'witness', 'defender', 'reporter'];
const roleLabel: Record<string, string> = {
  victim: 'Victim',
  perpetrator: 'Perpetrator',
  source: 'Source',
  witness: 'Witness',
  defender: 'Defender',
  reporter: 'Reporter',
};

/**
 * Pseudonyms ("Victim 1", "Perpetrator 2"): each person once, under their first role by priority,
 * numbered in the order they were recorded. Stable for a case as long as nobody is removed.
 */
export function pseudonymise(links: readonly { person: PersonRow; role: string }[]): DocPersonView[] {
  const rank = (r: string) => (rolePriority.includes(r) ? rolePriority.indexOf(r) : rolePriority.length);
  const primary = new Map<string, { person: PersonRow; role: string }>();
  for (const l of links) {
    const seen = primary.get(l.person.id);
    if (!seen || rank(l.role) < rank(seen.role)) primary.set(l.person.id, l);
  }
  const sorted = [...primary.values()].sort(
    (a, b) =>
      a.person.createdAt.getTime() - b.person.createdAt.getTime() || a.person.id.localeCompare(b.person.id),
  );
  const counters = new Map<string, number>();
  return sorted.map(({ person, role }) => {
    const ordinal = (counters.get(role) ?? 0) + 1;
    counters.set(role, ordinal);
    return {
      id: person.id,
      role,
      kind: person.kind,
      pseudonym: `${roleLabel[role] ?? role} ${ordinal}`,
      ordinal,
      sex: person.sex,
      ageGroup: person.ageGroup,
    };
  });
}

/** Role of a case action → ESF intervention type. */
const actionIntervention: Record<string, string> = {
  legal: 'legal_representation',
  research: 'fact_finding',
  communications: 'public_statement',
  protection: 'relocation',
  medical: 'medical_assistance',
};

/** The institutional response log's outcome → the ESF intervention response vocabulary (DESIGN §2.4). */
export const institutionalToIntervention: Record<string, string> = {
  complied: 'favourable',
  recorded_with_ob: 'pledged_commitment',
  refused: 'counter_response',
  hostile: 'counter_response',
  referred: 'token_response',
  ignored: 'no_response',
};

/** Interventions derived from the case's own actions and institutional responses (never copied). */
export function derivedInterventions(
  actions: readonly { action: ActionRow }[],
  institutional: readonly InstitutionalResponseRow[],
): InterventionView[] {
  const fromActions = actions.map(({ action: a }) => ({
    id: a.id,
    origin: 'case_action' as const,
    eventId: null,
    interventionType: actionIntervention[a.role] ?? 'other',
    byParty: `organisation:${a.role}`,
    toParty: null,
    at: a.createdAt.toISOString(),
    response: null,
    impact: a.status === 'done' ? (a.outcome ?? null) : null,
  }));
  const fromInstitutional = institutional.map((r) => ({
    id: r.id,
    origin: 'institutional_response' as const,
    eventId: null,
    interventionType: 'appeal_to_authorities',
    byParty: 'organisation',
    toParty: r.agency,
    at: r.at.toISOString(),
    response: institutionalToIntervention[r.response] ?? null,
    impact: null,
  }));
  return [...fromActions, ...fromInstitutional];
}

export interface DocumentationRows {
  events: DocumentationView['events'];
  people: readonly { person: PersonRow; role: string }[];
  acts: readonly ActWithDetail[];
  involvements: readonly InvolvementRow[];
  information: readonly InformationRow[];
  interventions: readonly InterventionRow[];
  actions: readonly { action: ActionRow }[];
  institutional: readonly InstitutionalResponseRow[];
}

/** Rows → the documentation view: sealed fields opened, people as pseudonyms only. */
export function createDocumentationViews(vault: Vault) {
  const open = (c: CaseRow, value: string | null, aad: string, tx?: Executor) =>
    vault.decryptOptional(c.dataKeyId, value, aad, tx);
  const act = aadOf('acts');
  const killing = aadOf('act_killings');
  const torture = aadOf('act_tortures');
  const eviction = aadOf('act_evictions');
  const info = aadOf('event_information');
  const intervention = aadOf('interventions');

  async function detailOf(
    c: CaseRow,
    r: ActWithDetail,
    tx?: Executor,
  ): Promise<Record<string, unknown> | null> {
    const id = r.act.id;
    if (r.arrest) return { arrestId: r.arrest.arrestId };
    if (r.killing)
      return {
        autopsyPerformed: r.killing.autopsyPerformed,
        autopsyAt: iso(r.killing.autopsyAt),
        pathologist: await open(c, r.killing.pathologistEnc, killing('pathologist', id), tx),
        autopsyFindings: await open(c, r.killing.autopsyFindingsEnc, killing('autopsy_findings', id), tx),
        causeOfDeath: r.killing.causeOfDeath,
        deathCertificateNo: r.killing.deathCertificateNo,
      };
    if (r.torture)
      return {
        examiner: await open(c, r.torture.examinerEnc, torture('examiner', id), tx),
        examinedAt: iso(r.torture.examinedAt),
        findings: await open(c, r.torture.findingsEnc, torture('findings', id), tx),
        consistency: r.torture.consistency,
      };
    if (r.sexualViolence) {
      const sv = r.sexualViolence;
      const start = r.act.startedAt;
      return {
        p3FormRef: sv.p3FormRef,
        prcFormRef: sv.prcFormRef,
        examinedAt: iso(sv.examinedAt),
        // Hours from the act to the examination: 72 h is the window for post-exposure prophylaxis.
        hoursToExamination:
          sv.examinedAt && start ? Math.round((sv.examinedAt.getTime() - start.getTime()) / 3_600_000) : null,
      };
    }
    if (r.eviction)
      return {
        households: r.eviction.households,
        propertyLost: await open(c, r.eviction.propertyLostEnc, eviction('property_lost', id), tx),
      };
    return null;
  }

  async function build(c: CaseRow, rows: DocumentationRows, tx?: Executor): Promise<DocumentationView> {
    const people = pseudonymise(rows.people);
    const name = (id: string) => people.find((p) => p.id === id)?.pseudonym ?? 'Unknown';
    const involvementViews: InvolvementView[] = rows.involvements.map((i) => ({
      id: i.id,
      actId: i.actId,
      perpetratorPersonId: i.perpetratorPersonId,
      perpetrator: name(i.perpetratorPersonId),
      degree: i.degree,
      perpetratorType: i.perpetratorType,
      powerfulPerpetrator: isPowerfulPerpetrator(i.perpetratorType),
    }));
    const acts: ActView[] = [];
    for (const r of rows.acts) {
      const a = r.act;
      acts.push({
        id: a.id,
        eventId: a.eventId,
        victimPersonId: a.victimPersonId,
        victim: name(a.victimPersonId),
        actType: a.actType,
        startedAt: iso(a.startedAt),
        startedPrecision: a.startedPrecision,
        county: a.county,
        place: await open(c, a.placeEnc, act('place', a.id), tx),
        consequences: await open(c, a.consequencesEnc, act('consequences', a.id), tx),
        victimStatus: a.victimStatus,
        detail: await detailOf(c, r, tx),
        involvements: involvementViews.filter((i) => i.actId === a.id),
      });
    }
    const information: InformationView[] = [];
    for (const i of rows.information)
      information.push({
        id: i.id,
        eventId: i.eventId,
        sourcePersonId: i.sourcePersonId,
        source: name(i.sourcePersonId),
        reliability: i.reliability,
        materialType: i.materialType,
        confidentiality: i.confidentiality,
        receivedAt: iso(i.receivedAt),
        remarks: await open(c, i.remarksEnc, info('remarks', i.id), tx),
      });
    const manual: InterventionView[] = [];
    for (const r of rows.interventions)
      manual.push({
        id: r.id,
        origin: 'manual',
        eventId: r.eventId,
        interventionType: r.interventionType,
        byParty: r.byParty,
        toParty: r.toParty,
        at: r.at.toISOString(),
        response: r.response,
        impact: await open(c, r.impactEnc, intervention('impact', r.id), tx),
      });
    const interventions = [...derivedInterventions(rows.actions, rows.institutional), ...manual].sort(
      (x, y) => x.at.localeCompare(y.at),
    );
    return {
      events: rows.events,
      people,
      acts,
      information,
      interventions,
      powerfulPerpetrator: involvementViews.some((i) => i.powerfulPerpetrator),
    };
  }

  return { build };
}
export type DocumentationViews = ReturnType<typeof createDocumentationViews>;
