import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { consentInput } from '../../../shared/contracts/dataprotection.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { ShreddedError, type Vault } from '../../security/vault.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';
import type { DataProtectionRepo } from './dataprotection.repo.js';

type ConsentRow = Awaited<ReturnType<DataProtectionRepo['insertConsent']>>;

/** The purpose is free text: encrypted under the case's key, never in clear nor in the audit log. */
const purposeAad = (consentId: string) => aad('consents', 'purpose', consentId);

/** A consent as the console and the subject's export show it (the purpose opened with its case's key). */
export function createConsentView(vault: Pick<Vault, 'decryptOptional'>) {
  return async (c: ConsentRow, dataKeyId: string | null) => ({
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
}

/** Consent of a person on a case: recorded, listed and withdrawn, each audited with ids and codes only. */
export function createConsents(deps: DataProtectionDeps) {
  const { db, repo, cases, workflow, vault, audit, clock } = deps;
  const consentView = createConsentView(vault);

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
  };
}
