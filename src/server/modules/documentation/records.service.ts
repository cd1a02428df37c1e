import { randomUUID } from 'node:crypto';
import type {
  ActInput,
  DocPersonInput,
  DocPersonView,
  InformationInput,
  InterventionInput,
  InvolvementInput,
} from '../../../shared/contracts/documentation.js';
import { isPowerfulPerpetrator, subtypeOf } from '../../../shared/esf.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { notFuture, type DocumentationDeps, type DocumentationKit } from './documentation.shared.js';
import { pseudonymise } from './documentation.views.js';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/**
 * The ESF records of a case (DESIGN §2.5): people in documentation roles, acts with their 1:1 detail,
 * involvements, information from sources and manual interventions. Each write is one transaction on a
 * locked case the actor may see, and leaves a timeline event and an audit entry with ids and codes only.
 */
export function createRecordUseCases(
  deps: Pick<DocumentationDeps, 'repo' | 'cases' | 'response' | 'vault'>,
  kit: DocumentationKit,
) {
  const { repo, cases, response, vault } = deps;
  const { write, caseLog, seal } = kit;

  async function requireEvent(c: CaseRow, eventId: string, tx: Executor) {
    if (!(await repo.eventOfCase(eventId, c.id, tx))) throw invalid('eventId', 'not an event of this case');
  }
  async function requirePerson(c: CaseRow, personId: string, path: string, roles: string[], tx: Executor) {
    const links = await cases.personsOf(c.id, tx);
    if (!links.some((l) => l.person.id === personId && roles.includes(l.role)))
      throw invalid(path, `not a ${roles.join(' or ')} on this case`);
  }

  function addPerson(caseId: string, actor: Actor, input: DocPersonInput): Promise<DocPersonView> {
    return write(caseId, actor, async (c, tx, now) => {
      const id = randomUUID();
      const person = await cases.insertPerson(
        {
          id,
          dataKeyId: c.dataKeyId,
          kind: input.kind,
          nameEnc: input.name
            ? await vault.encrypt(c.dataKeyId, input.name, aad('persons', 'name', id), tx)
            : null,
          detailsEnc: await seal(c, input.description, aad('persons', 'details', id), tx),
          sex: input.sex ?? null,
          ageGroup: input.ageGroup ?? null,
          // createdAt: the database's own time, which orders the pseudonyms ("Victim 1", "Victim 2").
        },
        tx,
      );
      await cases.linkPerson(c.id, person.id, input.role, tx);
      const data = { personId: id, role: input.role, kind: input.kind };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'documentation.person_added', data, at: now },
        tx,
      );
      const view = pseudonymise(await cases.personsOf(c.id, tx)).find((p) => p.id === id);
      return view!;
    });
  }

  function recordAct(caseId: string, actor: Actor, input: ActInput): Promise<{ id: string }> {
    return write(caseId, actor, async (c, tx, now) => {
      notFuture(input.startedAt, 'startedAt', now);
      await requireEvent(c, input.eventId, tx);
      await requirePerson(c, input.victimPersonId, 'victimPersonId', ['victim'], tx);
      const id = randomUUID();
      const sealed = aadOf('acts');
      await repo.insertAct(
        {
          id,
          eventId: input.eventId,
          caseId: c.id,
          victimPersonId: input.victimPersonId,
          actType: input.actType,
          startedAt: input.startedAt ?? null,
          startedPrecision: input.startedPrecision ?? null,
          county: input.county ?? null,
          placeEnc: await seal(c, input.place, sealed('place', id), tx),
          consequencesEnc: await seal(c, input.consequences, sealed('consequences', id), tx),
          victimStatus: input.victimStatus,
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      await recordDetail(c, id, input, tx);
      const data = {
        actId: id,
        eventId: input.eventId,
        actType: input.actType,
        subtype: subtypeOf(input.actType),
      };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'documentation.act_recorded', data, at: now },
        tx,
      );
      return { id };
    });
  }

  /** The 1:1 detail of the act's type, when given (the contract already refused a detail of another type). */
  async function recordDetail(c: CaseRow, actId: string, input: ActInput, tx: Executor): Promise<void> {
    if (input.arrest) {
      const arrestId = input.arrest.arrestId;
      if (arrestId) {
        if (!(await response.findArrest(c.id, arrestId, tx)))
          throw invalid('arrest.arrestId', 'not an arrest of this case');
        if (await repo.arrestLinked(arrestId, tx))
          throw invalid('arrest.arrestId', 'already the detail of another act');
      }
      await repo.insertArrestDetail({ actId, arrestId: arrestId ?? null }, tx);
    }
    if (input.killing) {
      const k = input.killing;
      const sealed = aadOf('act_killings');
      await repo.insertKillingDetail(
        {
          actId,
          autopsyPerformed: k.autopsyPerformed,
          autopsyAt: k.autopsyAt ?? null,
          pathologistEnc: await seal(c, k.pathologist, sealed('pathologist', actId), tx),
          autopsyFindingsEnc: await seal(c, k.autopsyFindings, sealed('autopsy_findings', actId), tx),
          causeOfDeath: k.causeOfDeath ?? null,
          deathCertificateNo: k.deathCertificateNo ?? null,
        },
        tx,
      );
    }
    if (input.torture) {
      const t = input.torture;
      const sealed = aadOf('act_tortures');
      await repo.insertTortureDetail(
        {
          actId,
          examinerEnc: await seal(c, t.examiner, sealed('examiner', actId), tx),
          examinedAt: t.examinedAt ?? null,
          findingsEnc: await seal(c, t.findings, sealed('findings', actId), tx),
          consistency: t.consistency ?? null,
        },
        tx,
      );
    }
    if (input.sexualViolence) {
      const s = input.sexualViolence;
      await repo.insertSexualViolenceDetail(
        {
          actId,
          p3FormRef: s.p3FormRef ?? null,
          prcFormRef: s.prcFormRef ?? null,
          examinedAt: s.examinedAt ?? null,
        },
        tx,
      );
    }
    if (input.eviction) {
      const e = input.eviction;
      await repo.insertEvictionDetail(
        {
          actId,
          households: e.households ?? null,
          propertyLostEnc: await seal(c, e.propertyLost, aad('act_evictions', 'property_lost', actId), tx),
        },
        tx,
      );
    }
  }

  function addInvolvement(caseId: string, actId: string, actor: Actor, input: InvolvementInput) {
    return write(caseId, actor, async (c, tx, now) => {
      if (!(await repo.findAct(c.id, actId, tx))) throw new AppError('NOT_FOUND');
      await requirePerson(c, input.perpetratorPersonId, 'perpetratorPersonId', ['perpetrator'], tx);
      const row = await repo.insertInvolvement(
        {
          id: randomUUID(),
          actId,
          caseId: c.id,
          perpetratorPersonId: input.perpetratorPersonId,
          degree: input.degree,
          perpetratorType: input.perpetratorType,
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      const powerful = isPowerfulPerpetrator(input.perpetratorType);
      const data = { involvementId: row.id, actId, perpetratorType: input.perpetratorType, powerful };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'documentation.involvement_added', data, at: now },
        tx,
      );
      return { id: row.id, powerfulPerpetrator: powerful };
    });
  }

  function recordInformation(caseId: string, actor: Actor, input: InformationInput) {
    return write(caseId, actor, async (c, tx, now) => {
      notFuture(input.receivedAt, 'receivedAt', now);
      await requireEvent(c, input.eventId, tx);
      await requirePerson(
        c,
        input.sourcePersonId,
        'sourcePersonId',
        ['source', 'witness', 'reporter', 'victim'],
        tx,
      );
      const id = randomUUID();
      await repo.insertInformation(
        {
          id,
          eventId: input.eventId,
          caseId: c.id,
          sourcePersonId: input.sourcePersonId,
          reliability: input.reliability,
          materialType: input.materialType,
          confidentiality: input.confidentiality,
          receivedAt: input.receivedAt ?? null,
          remarksEnc: await seal(c, input.remarks, aad('event_information', 'remarks', id), tx),
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      const data = { informationId: id, eventId: input.eventId, reliability: input.reliability };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'documentation.information_added', data, at: now },
        tx,
      );
      return { id };
    });
  }

  function recordIntervention(caseId: string, actor: Actor, input: InterventionInput) {
    return write(caseId, actor, async (c, tx, now) => {
      notFuture(input.at, 'at', now);
      if (input.eventId) await requireEvent(c, input.eventId, tx);
      const id = randomUUID();
      await repo.insertIntervention(
        {
          id,
          caseId: c.id,
          eventId: input.eventId ?? null,
          interventionType: input.interventionType,
          byParty: input.byParty,
          toParty: input.toParty ?? null,
          at: input.at,
          response: input.response ?? null,
          impactEnc: await seal(c, input.impact, aad('interventions', 'impact', id), tx),
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      const data = {
        interventionId: id,
        interventionType: input.interventionType,
        response: input.response ?? null,
      };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'documentation.intervention_added', data, at: now },
        tx,
      );
      return { id };
    });
  }

  return { addPerson, recordAct, addInvolvement, recordInformation, recordIntervention };
}
