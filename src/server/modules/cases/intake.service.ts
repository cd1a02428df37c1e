import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from './cases.repo.js';
import { intakeInput, type IntakeInput } from './cases.schemas.js';
import type { Escalations } from './escalation.js';
import type { ClocksService } from '../clocks/clocks.service.js';

export function formatReference(year: number, n: number): string {
  return `UA-${year}-${String(n).padStart(5, '0')}`;
}

export interface IntakeDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  clocks: ClocksService;
}

export interface IntakeActor {
  userId: string | null;
  label: string;
}

/** The one intake path every channel calls: the case, its people, timeline, audit and alert in one transaction. */
export function createIntakeService(deps: IntakeDeps) {
  const { db, cases, vault, audit, clock, escalations, clocks } = deps;

  return {
    async receive(raw: IntakeInput, actor: IntakeActor): Promise<CaseRow> {
      const parsed = intakeInput.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const input = parsed.data;
      const now = clock.now();
      const reporterPhone = input.reporter.anonymous ? null : normalisePhone(input.reporter.phone);
      const victimPhone = normalisePhone(input.victim?.phone);

      return db.transaction(async (tx) => {
        const dataKeyId = await vault.createDataKey('case', tx);
        const n = await cases.nextReferenceNumber(now.getUTCFullYear(), tx);
        const reference = formatReference(now.getUTCFullYear(), n);
        const enc = (v: string | null | undefined, field: string) =>
          vault.encryptOptional(dataKeyId, v, `cases.${field}:${reference}`, tx);
        const contact =
          input.reporter.anonymous || (!reporterPhone && !input.reporter.safeContact)
            ? null
            : JSON.stringify({ phone: reporterPhone, safeContact: input.reporter.safeContact ?? null });
        const c = await cases.insert(
          {
            reference,
            status: 'received',
            sensitivity: input.sensitivity,
            dataKeyId,
            channel: input.channel,
            violationTypes: input.violationTypes,
            county: input.county ?? null,
            subCounty: input.subCounty ?? null,
            ward: input.ward ?? null,
            placeEnc: await enc(input.place, 'place'),
            inDangerNow: input.inDangerNow,
            incidentAt: input.incidentAt ?? null,
            incidentPrecision: input.incidentPrecision ?? null,
            narrativeEnc: await enc(input.narrative, 'narrative'),
            reporterContactEnc: await enc(contact, 'reporter_contact'),
            reporterPhoneBidx: reporterPhone ? vault.blindIndex('phone', reporterPhone) : null,
            reporterLocale: input.reporter.locale,
            anonymous: input.reporter.anonymous,
            receivedAt: now,
          },
          tx,
        );
        const addPerson = async (
          role: string,
          p: { name?: string | undefined; phone: string | null; sex?: string; ageGroup?: string },
        ) => {
          if (!p.name && !p.phone) return;
          const id = randomUUID();
          const person = await cases.insertPerson(
            {
              id,
              dataKeyId,
              kind: 'individual',
              nameEnc: p.name ? await vault.encrypt(dataKeyId, p.name, `persons.name:${id}`, tx) : null,
              phoneEnc: p.phone ? await vault.encrypt(dataKeyId, p.phone, `persons.phone:${id}`, tx) : null,
              phoneBidx: p.phone ? vault.blindIndex('phone', p.phone) : null,
              sex: p.sex ?? null,
              ageGroup: p.ageGroup ?? null,
            },
            tx,
          );
          await cases.linkPerson(c.id, person.id, role, tx);
        };
        if (!input.reporter.anonymous)
          await addPerson('reporter', { name: input.reporter.name, phone: reporterPhone });
        if (input.victim) {
          await addPerson('victim', {
            name: input.victim.name,
            phone: victimPhone,
            ...(input.victim.sex ? { sex: input.victim.sex } : {}),
            ...(input.victim.ageGroup ? { ageGroup: input.victim.ageGroup } : {}),
          });
        }
        if (actor.userId) await cases.addMember(c.id, actor.userId, 'intake', tx);
        await cases.addEvent(
          {
            caseId: c.id,
            at: now,
            actorId: actor.userId,
            actorLabel: actor.label,
            type: 'intake',
            toStatus: 'received',
            data: { channel: input.channel, inDangerNow: input.inDangerNow },
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'case.created',
            subjectType: 'case',
            subjectId: c.id,
            meta: { channel: input.channel, reference },
          },
          tx,
        );
        await escalations.request(
          { caseId: c.id, reason: 'new_urgent_report', detail: { inDangerNow: input.inDangerNow } },
          tx,
        );
        await clocks.armIntake(c, tx);
        return c;
      });
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
