import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import { ShreddedError, type Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { DataProtectionRepo } from './dataprotection.repo.js';
import type { RetentionRule } from './dataprotection.schemas.js';
import type { z } from 'zod';
import type { breachInput, consentInput } from './dataprotection.schemas.js';

import { TOKEN_MAX_AGE_MS } from '../public/form-token.js';

const NOTIFY_HOURS = 72;

/** Kenya Data Protection Act 2019 duties: consent, access and export, retention, breach notification. */
export function createDataProtectionService(deps: {
  db: Db;
  repo: DataProtectionRepo;
  cases: CasesRepo;
  workflow: WorkflowService;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  retention: RetentionRule[];
}) {
  const { db, repo, cases, workflow, vault, audit, clock } = deps;

  type ConsentRow = Awaited<ReturnType<DataProtectionRepo['insertConsent']>>;
  /** The purpose is free text: encrypted under the case's key, never in clear nor in the audit log. */
  const purposeAad = (consentId: string) => `consents.purpose:${consentId}`;
  const consentView = async (c: ConsentRow, dataKeyId: string | null) => ({
    id: c.id,
    personId: c.personId,
    purpose:
      c.purposeEnc && dataKeyId
        ? await vault.decryptOptional(dataKeyId, c.purposeEnc, purposeAad(c.id))
        : c.purpose,
    dataCategories: c.dataCategories,
    sharedWith: c.sharedWith,
    method: c.method,
    givenAt: c.givenAt.toISOString(),
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
  });

  const breachView = (b: Awaited<ReturnType<DataProtectionRepo['insertBreach']>>) => {
    const notifyBy = new Date(b.discoveredAt.getTime() + NOTIFY_HOURS * 3_600_000);
    const hoursLeft = Math.round(((notifyBy.getTime() - clock.now().getTime()) / 3_600_000) * 10) / 10;
    return {
      id: b.id,
      summary: b.summary,
      dataCategories: b.dataCategories,
      affectedCount: b.affectedCount,
      occurredAt: b.occurredAt?.toISOString() ?? null,
      discoveredAt: b.discoveredAt.toISOString(),
      notifiedOdpcAt: b.notifiedOdpcAt?.toISOString() ?? null,
      notifiedSubjectsAt: b.notifiedSubjectsAt?.toISOString() ?? null,
      measures: b.measures,
      notifyBy: notifyBy.toISOString(),
      hoursLeft,
      overdue: !b.notifiedOdpcAt && hoursLeft < 0,
    };
  };

  return {
    async recordConsent(caseId: string, input: z.infer<typeof consentInput>, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const linked = (await cases.personsOf(c.id, tx)).some((p) => p.person.id === input.personId);
        if (!linked)
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: 'personId', message: 'not on this case' }],
          });
        const { purpose, ...rest } = input;
        const id = randomUUID();
        const row = await repo.insertConsent(
          {
            ...rest,
            id,
            purposeEnc: await vault.encrypt(c.dataKeyId, purpose, purposeAad(id), tx),
            caseId: c.id,
            recordedBy: actor.id,
            givenAt: clock.now(),
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'consent.recorded',
            subjectType: 'person',
            subjectId: input.personId,
            // Ids and codes only: the purpose is free text and the audit log can never be erased.
            meta: { caseId: c.id, consentId: row.id, method: input.method },
          },
          tx,
        );
        return consentView(row, c.dataKeyId);
      });
    },

    async listConsents(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      return Promise.all((await repo.consentsForCase(c.id)).map((r) => consentView(r, c.dataKeyId)));
    },

    async withdrawConsent(caseId: string, consentId: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const row = await repo.withdrawConsent(consentId, c.id, clock.now(), tx);
        if (!row) throw new AppError('NOT_FOUND');
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'consent.withdrawn',
            subjectType: 'person',
            subjectId: row.personId,
            meta: { caseId: c.id, consentId },
          },
          tx,
        );
        return consentView(row, c.dataKeyId);
      });
    },

    /** Everything held about one person, decrypted, as JSON (a data-subject access request). */
    async exportPerson(personId: string, actor: Actor) {
      const p = await repo.person(personId);
      if (!p) throw new AppError('NOT_FOUND');
      const name = await vault.decryptOptional(p.dataKeyId, p.nameEnc, `persons.name:${p.id}`);
      const phone = await vault.decryptOptional(p.dataKeyId, p.phoneEnc, `persons.phone:${p.id}`);
      const details = await vault.decryptOptional(p.dataKeyId, p.detailsEnc, `persons.details:${p.id}`);
      const linked = [];
      for (const { case: c, role } of await repo.casesOfPerson(p.id)) {
        const aad = (f: string) => `cases.${f}:${c.reference}`;
        linked.push({
          reference: c.reference,
          role,
          status: c.status,
          receivedAt: c.receivedAt.toISOString(),
          county: c.county,
          ward: c.ward,
          narrative: await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, aad('narrative')),
          place: await vault.decryptOptional(c.dataKeyId, c.placeEnc, aad('place')),
          reporterContact:
            role === 'reporter'
              ? await vault.decryptOptional(c.dataKeyId, c.reporterContactEnc, aad('reporter_contact'))
              : null,
        });
      }
      const statements = [];
      for (const t of await repo.testimoniesOfPerson(p.id)) {
        statements.push({
          recordedAt: t.recordedAt.toISOString(),
          text: await vault.decryptOptional(p.dataKeyId, t.textEnc, `testimonies.text:${t.id}`),
        });
      }
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'person.exported',
        subjectType: 'person',
        subjectId: p.id,
        meta: { cases: linked.length },
      });
      return {
        exportedAt: clock.now().toISOString(),
        person: {
          id: p.id,
          kind: p.kind,
          name,
          phone,
          details: details ? (JSON.parse(details) as unknown) : null,
          sex: p.sex,
          ageGroup: p.ageGroup,
          createdAt: p.createdAt.toISOString(),
        },
        cases: linked,
        consents: await Promise.all(
          (await repo.consentsForPerson(p.id)).map((r) => consentView(r.consent, r.dataKeyId)),
        ),
        testimonies: statements,
      };
    },

    /**
     * Consents recorded before purposes were encrypted keep them in clear: encrypt them under their
     * case's key and clear the column (runs with the hourly retention sweep until none is left).
     */
    async sealLegacyConsentPurposes(): Promise<number> {
      const rows = await repo.consentsWithClearPurpose(500);
      for (const r of rows) {
        await db.transaction(async (tx) => {
          const sealed = r.dataKeyId
            ? await vault
                .encrypt(r.dataKeyId, r.purpose, purposeAad(r.id), tx)
                .catch((err: unknown) => (err instanceof ShreddedError ? null : Promise.reject(err)))
            : null;
          await repo.setConsentPurpose(r.id, sealed, tx);
        });
      }
      return rows.length;
    },

    /**
     * Crypto-shred what has outlived its retention period: the case's data key is destroyed (so every
     * copy, including backups restored with the shred register, is unreadable) and ciphertexts cleared.
     */
    async sweepRetention(batch = 200): Promise<number> {
      await vault.finishShreds();
      await this.sealLegacyConsentPurposes();
      const now = clock.now();
      // A used public form token is refused by its age after 2 hours anyway: its row can go.
      await repo.purgeFormTokenUses(new Date(now.getTime() - TOKEN_MAX_AGE_MS));
      const rules = deps.retention.map((r) => ({
        status: r.status,
        before: new Date(now.getTime() - r.days * 86_400_000),
      }));
      const expired = await repo.expiredCases(rules, batch);
      if (expired.length === 0) return 0;
      // One shred for the whole batch: one new KEK, one re-wrap of the affected generations.
      await vault.shred(
        expired.map((c) => c.dataKeyId),
        'retention',
        now,
        async (tx) => {
          for (const c of expired) {
            await repo.clearCaseCiphertexts(c.id, tx);
            await repo.clearMatchable(c.id, c.dataKeyId, tx);
            await cases.addEvent(
              {
                caseId: c.id,
                at: now,
                actorId: null,
                actorLabel: 'system',
                type: 'retention.shredded',
                data: { status: c.status },
              },
              tx,
            );
            await audit.record(
              {
                actorLabel: 'system',
                action: 'case.shredded',
                subjectType: 'case',
                subjectId: c.id,
                meta: { reason: 'retention', status: c.status },
              },
              tx,
            );
          }
        },
      );
      return expired.length;
    },

    async recordBreach(input: z.infer<typeof breachInput>, actor: Actor) {
      return db.transaction(async (tx) => {
        const b = await repo.insertBreach({ ...input, recordedBy: actor.id }, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'breach.recorded',
            subjectType: 'breach',
            subjectId: b.id,
            meta: { categories: input.dataCategories },
          },
          tx,
        );
        return breachView(b);
      });
    },

    async listBreaches() {
      return (await repo.listBreaches()).map(breachView);
    },

    async markBreachNotified(id: string, target: 'odpc' | 'subjects', actor: Actor) {
      return db.transaction(async (tx) => {
        const b = await repo.markBreachNotified(id, target, clock.now(), tx);
        if (!b) throw new AppError('NOT_FOUND');
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: `breach.notified_${target}`,
            subjectType: 'breach',
            subjectId: id,
          },
          tx,
        );
        return breachView(b);
      });
    },
  };
}
export type DataProtectionService = ReturnType<typeof createDataProtectionService>;
