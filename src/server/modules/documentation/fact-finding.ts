import type {
  MissionInput,
  MissionLinkInput,
  MissionStatus,
  MissionSummary,
  MissionUpdate,
  MissionView,
} from '../../../shared/contracts/factfinding.js';
import { missionInput } from '../../../shared/contracts/factfinding.js';
import type { Locale } from '../../../shared/locale.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow, FactFindingMissionRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { FactFindingRepo } from './fact-finding.repo.js';
import { renderMissionReport, type MissionReportContent } from './fact-finding.pdf.js';

export interface FactFindingDeps {
  db: Db;
  repo: FactFindingRepo;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
}

const findingsAad = (m: { id: string }) => aad('fact_finding_missions', 'findings', m.id);

/**
 * Fact-finding missions (issue #16): the research role's site visits. A mission is seen by its team
 * only (anyone else gets a 404); each linked case, testimony or evidence item is linked, and later read,
 * only through the caller's need-to-know on its case. Findings are sealed under the mission's own key;
 * the report (PDF) prints references, counts, consents and hashes — never a name or testimony text.
 */
export function createFactFindingService(deps: FactFindingDeps) {
  const { db, repo, workflow, vault, audit, clock } = deps;

  const log = (
    actor: Actor,
    action: string,
    m: { id: string },
    meta: Record<string, unknown>,
    tx?: Executor,
  ) =>
    audit.record(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action,
        subjectType: 'fact_finding_mission',
        subjectId: m.id,
        meta,
      },
      tx,
    );

  /** The mission, if the actor is on its team (otherwise it does not exist for them). */
  async function loadForTeam(id: string, actor: Actor, tx: Executor = db) {
    const m = await repo.findMission(id, tx);
    const team = m ? (await repo.teamOf([m.id], tx)).map((r) => r.userId) : [];
    if (!m || !team.includes(actor.id)) throw new AppError('NOT_FOUND');
    return { m, team };
  }

  /** The case if the actor may read it in full; null when need-to-know says no. */
  async function readable(caseId: string, actor: Actor, tx?: Executor): Promise<CaseRow | null> {
    try {
      return await workflow.loadForActor(caseId, actor, tx);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  const summary = (m: FactFindingMissionRow, team: string[]): MissionSummary => ({
    id: m.id,
    title: m.title,
    purpose: m.purpose,
    county: m.county,
    ward: m.ward,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    eventId: m.eventId,
    status: m.status as MissionStatus,
    team,
  });

  async function create(actor: Actor, input: MissionInput): Promise<MissionSummary> {
    const v = missionInput.parse(input);
    const now = clock.now();
    const team = [...new Set([actor.id, ...v.team])];
    const m = await db.transaction(async (tx) => {
      const dataKeyId = await vault.createDataKey('fact_finding_mission', tx);
      const row = await repo.insertMission(
        {
          title: v.title,
          purpose: v.purpose,
          county: v.county,
          ward: v.ward ?? null,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          eventId: v.eventId ?? null,
          dataKeyId,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        },
        team,
        tx,
      );
      await log(actor, 'fact_finding.created', row, { teamSize: team.length }, tx);
      return row;
    });
    return summary(m, team);
  }

  /** The missions the actor is on. */
  async function list(actor: Actor): Promise<MissionSummary[]> {
    const missions = await repo.listMissions();
    const team = await repo.teamOf(missions.map((m) => m.id));
    return missions
      .map((m) =>
        summary(
          m,
          team.filter((r) => r.missionId === m.id).map((r) => r.userId),
        ),
      )
      .filter((m) => m.team.includes(actor.id));
  }

  /** One mission with its findings opened and the links whose case the actor may read. */
  async function get(id: string, actor: Actor): Promise<MissionView> {
    const { m, team } = await loadForTeam(id, actor);
    const links = [];
    for (const l of await repo.linksOf(m.id))
      if (await readable(l.caseId, actor))
        links.push({
          kind: l.kind as 'case' | 'testimony' | 'evidence',
          caseId: l.caseId,
          testimonyId: l.testimonyId,
          evidenceId: l.evidenceId,
          linkedAt: l.linkedAt,
        });
    const findings = await vault.decryptOptional(m.dataKeyId, m.findingsEnc, findingsAad(m));
    await log(actor, 'fact_finding.read', m, {});
    return { ...summary(m, team), findings, links };
  }

  /** Record findings and/or move the status; a closed mission takes no more changes. */
  async function update(id: string, actor: Actor, patch: MissionUpdate): Promise<MissionSummary> {
    return db.transaction(async (tx) => {
      const { team } = await loadForTeam(id, actor, tx);
      const m = await repo.lockMission(id, tx);
      if (!m) throw new AppError('NOT_FOUND');
      if (m.status === 'closed') throw new AppError('MISSION_CLOSED');
      const findingsEnc =
        patch.findings === undefined
          ? m.findingsEnc
          : await vault.encryptOptional(m.dataKeyId, patch.findings || null, findingsAad(m), tx);
      const status = patch.status ?? (m.status as MissionStatus);
      await repo.updateMission(m.id, { status, findingsEnc, updatedAt: clock.now() }, tx);
      await log(actor, 'fact_finding.updated', m, { status, findings: patch.findings !== undefined }, tx);
      return summary({ ...m, status, findingsEnc }, team);
    });
  }

  /** Link a case, testimony or evidence item: only from a case the actor may read in full. */
  async function link(id: string, actor: Actor, input: MissionLinkInput): Promise<void> {
    await db.transaction(async (tx) => {
      const { m } = await loadForTeam(id, actor, tx);
      if (m.status === 'closed') throw new AppError('MISSION_CLOSED');
      let caseId: string;
      let testimonyId: string | null = null;
      let evidenceId: string | null = null;
      if (input.kind === 'case') caseId = input.id;
      else if (input.kind === 'testimony') {
        const t = await repo.testimony(input.id, tx);
        if (!t) throw new AppError('NOT_FOUND');
        caseId = t.caseId;
        testimonyId = t.id;
      } else {
        const e = await repo.evidenceItem(input.id, tx);
        if (!e) throw new AppError('NOT_FOUND');
        caseId = e.caseId;
        evidenceId = e.id;
      }
      // Need-to-know: a case (or a row of a case) the actor may not read is a 404, as everywhere.
      await workflow.loadForActor(caseId, actor, tx);
      const row = { kind: input.kind, caseId, testimonyId, evidenceId };
      if (await repo.findLink(m.id, row, tx)) return; // idempotent
      await repo.insertLink({ missionId: m.id, ...row, linkedBy: actor.id, linkedAt: clock.now() }, tx);
      await log(actor, 'fact_finding.linked', m, { kind: input.kind, id: input.id }, tx);
    });
  }

  /** The mission report (PDF): references, counts, consents and hashes; no names, no testimony text. */
  async function report(id: string, actor: Actor, locale: Locale = 'en'): Promise<Buffer> {
    const { m, team } = await loadForTeam(id, actor);
    const content: MissionReportContent = {
      title: m.title,
      purpose: m.purpose,
      place: [m.ward, m.county].filter(Boolean).join(', '),
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      status: m.status,
      teamSize: team.length,
      generatedAt: clock.now(),
      findings: await vault.decryptOptional(m.dataKeyId, m.findingsEnc, findingsAad(m)),
      cases: [],
      testimonies: [],
      evidence: [],
      withheld: 0,
      locale,
    };
    const refs = new Map<string, string | null>();
    for (const l of await repo.linksOf(m.id)) {
      if (!refs.has(l.caseId)) refs.set(l.caseId, (await readable(l.caseId, actor))?.reference ?? null);
      const reference = refs.get(l.caseId);
      if (!reference) {
        content.withheld += 1;
        continue;
      }
      if (l.kind === 'case') content.cases.push(reference);
      if (l.testimonyId) {
        const t = await repo.testimony(l.testimonyId);
        if (t)
          content.testimonies.push({
            id: t.id,
            caseReference: reference,
            medium: t.medium,
            language: t.language,
            consent: t.consent,
            recordedBy: t.recordedBy,
          });
      }
      if (l.evidenceId) {
        const e = await repo.evidenceItem(l.evidenceId);
        if (e) content.evidence.push({ id: e.id, caseReference: reference, kind: e.kind, sha256: e.sha256 });
      }
    }
    const pdf = await renderMissionReport(content);
    await log(actor, 'fact_finding.report_exported', m, { links: content.cases.length });
    return pdf;
  }

  return { create, list, get, update, link, report };
}
export type FactFindingService = ReturnType<typeof createFactFindingService>;
