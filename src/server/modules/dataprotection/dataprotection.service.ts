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
import type { RetentionRule } from '../../../shared/contracts/dataprotection.js';
import type { z } from 'zod';
import type { breachInput, consentInput } from '../../../shared/contracts/dataprotection.js';

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

    /**
     * The same person under other reports: each intake makes a new person row, so rows sharing the
     * phone blind index are proposed here, and a staff member confirms or rejects each (ids only).
     */
    async personLinks(personId: string) {
      const p = await repo.person(personId);
      if (!p) throw new AppError('NOT_FOUND');
      if (!p.phoneBidx) return [];
      const out = [];
      for (const other of await repo.samePhonePersons(p.id, p.phoneBidx)) {
        const cases = (await repo.casesOfPerson(other.id)).map(({ case: c, role }) => ({
          caseId: c.id,
          reference: c.reference,
          role,
          receivedAt: c.receivedAt.toISOString(),
        }));
        out.push({
          personId: other.id,
          status: other.status as 'proposed' | 'confirmed' | 'rejected',
          decidedAt: other.decidedAt?.toISOString() ?? null,
          cases,
        });
      }
      return out;
    },

    async decidePersonLink(
      personId: string,
      otherPersonId: string,
      decision: 'confirmed' | 'rejected',
      actor: Actor,
    ) {
      const [p, other] = [await repo.person(personId), await repo.person(otherPersonId)];
      if (!p || !other) throw new AppError('NOT_FOUND');
      // Only what the blind index proposed can be linked: never two people picked at will.
      if (p.id === other.id || !p.phoneBidx || p.phoneBidx !== other.phoneBidx)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'otherPersonId', message: 'not proposed for this person' }],
        });
      await db.transaction(async (tx) => {
        await repo.decideLink(p.id, other.id, decision, actor.id, clock.now(), tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: decision === 'confirmed' ? 'person.link_confirmed' : 'person.link_rejected',
            subjectType: 'person',
            subjectId: p.id,
            meta: { otherPersonId: other.id },
          },
          tx,
        );
      });
      return { personId: p.id, otherPersonId: other.id, status: decision };
    },

    /**
     * Everything held about one person, decrypted, as JSON (a data-subject access request): her person
     * rows (this one and those confirmed as her under other reports), the cases she is on with their
     * timeline, actions and feedback, arrests of her, her statements, consents, and the messages sent
     * to or from her phone. Nothing about others: other people on her cases are left out, their names
     * are redacted from the free text, and staff appear by role label only.
     */
    async exportPerson(personId: string, actor: Actor) {
      const first = await repo.person(personId);
      if (!first) throw new AppError('NOT_FOUND');
      // Her person rows: this one and every row confirmed as her, transitively.
      const rows = new Map([[first.id, first]]);
      for (let frontier = [first.id]; frontier.length > 0;) {
        const next: string[] = [];
        for (const l of await repo.linksOf(frontier)) {
          if (l.status !== 'confirmed') continue;
          for (const id of [l.personId, l.otherPersonId]) {
            if (rows.has(id)) continue;
            const r = await repo.person(id);
            if (r) {
              rows.set(id, r);
              next.push(id);
            }
          }
        }
        frontier = next;
      }
      const mine = new Set(rows.keys());
      /** A shredded key leaves nothing to export: null, not an error. */
      const open = async (keyId: string | null, enc: string | null, aad: string) => {
        if (!keyId || !enc) return null;
        try {
          return await vault.decryptOptional(keyId, enc, aad);
        } catch {
          return null;
        }
      };

      const people = [];
      const phoneBidxs = new Set<string>();
      for (const p of rows.values()) {
        if (p.phoneBidx) phoneBidxs.add(p.phoneBidx);
        const details = await open(p.dataKeyId, p.detailsEnc, `persons.details:${p.id}`);
        people.push({
          id: p.id,
          kind: p.kind,
          name: await open(p.dataKeyId, p.nameEnc, `persons.name:${p.id}`),
          phone: await open(p.dataKeyId, p.phoneEnc, `persons.phone:${p.id}`),
          details: details ? (JSON.parse(details) as unknown) : null,
          sex: p.sex,
          ageGroup: p.ageGroup,
          createdAt: p.createdAt.toISOString(),
        });
      }

      const linked = [];
      const seenCases = new Set<string>();
      const statements = [];
      for (const p of rows.values()) {
        for (const t of await repo.testimoniesOfPerson(p.id)) {
          statements.push({
            recordedAt: t.recordedAt.toISOString(),
            text: await open(p.dataKeyId, t.textEnc, `testimonies.text:${t.id}`),
          });
        }
        for (const { case: c } of await repo.casesOfPerson(p.id)) {
          if (seenCases.has(c.id)) continue;
          seenCases.add(c.id);
          const onCase = await repo.personsOfCase(c.id);
          const roles = [...new Set(onCase.filter((x) => mine.has(x.person.id)).map((x) => x.role))];
          // Other people's names on this case, to redact from the free text.
          const others: string[] = [];
          for (const x of onCase) {
            if (mine.has(x.person.id)) continue;
            const n = await open(x.person.dataKeyId, x.person.nameEnc, `persons.name:${x.person.id}`);
            if (n && n.trim().length >= 2) others.push(n.trim());
          }
          const redact = (text: string | null) =>
            text === null ? null : others.reduce((acc, n) => acc.split(n).join('[redacted]'), text);
          const text = async (enc: string | null, aad: string) => redact(await open(c.dataKeyId, enc, aad));
          const aad = (f: string) => `cases.${f}:${c.reference}`;
          const timeline = [];
          for (const e of await repo.eventsOfCase(c.id)) {
            timeline.push({
              at: e.at.toISOString(),
              type: e.type,
              by: e.actorLabel,
              fromStatus: e.fromStatus,
              toStatus: e.toStatus,
              note: await text(e.noteEnc, `case_events.note:${c.reference}`),
            });
          }
          const actions = [];
          for (const a of await repo.actionsOfCase(c.id)) {
            actions.push({
              role: a.role,
              type: a.type,
              status: a.status,
              outcome: a.outcome,
              deadline: a.deadline?.toISOString() ?? null,
              createdAt: a.createdAt.toISOString(),
              completedAt: a.completedAt?.toISOString() ?? null,
              notes: await text(a.notesEnc, `case_actions.notes:${a.id}`),
            });
          }
          const feedback = [];
          for (const f of await repo.feedbackOfCase(c.id)) {
            feedback.push({
              at: f.at.toISOString(),
              channel: f.channel,
              satisfaction: f.satisfaction,
              confidentialityRespected: f.confidentialityRespected,
              decidedNextSteps: f.decidedNextSteps,
              unmetNeeds: await text(f.unmetNeedsEnc, `victim_feedback.unmet_needs:${f.id}`),
            });
          }
          linked.push({
            reference: c.reference,
            role: roles[0] ?? null,
            roles,
            status: c.status,
            receivedAt: c.receivedAt.toISOString(),
            county: c.county,
            ward: c.ward,
            narrative: await text(c.narrativeEnc, aad('narrative')),
            place: await text(c.placeEnc, aad('place')),
            reporterContact: roles.includes('reporter')
              ? await open(c.dataKeyId, c.reporterContactEnc, aad('reporter_contact'))
              : null,
            timeline,
            actions,
            feedback,
          });
        }
      }
      const arrestsOfHer = (await repo.arrestsOfPersons([...mine])).map((a) => ({
        arrestedAt: a.arrestedAt.toISOString(),
        policeStation: a.policeStation,
        obNumber: a.obNumber,
        producedInCourtAt: a.producedInCourtAt?.toISOString() ?? null,
        releasedAt: a.releasedAt?.toISOString() ?? null,
      }));

      const messagesWithHer = [];
      for (const m of await repo.messagesByAddress([...phoneBidxs])) {
        // Staff notifications to a number that is also hers are about other cases: not hers to see; nor
        // messages of a report from her phone that no staff member has confirmed as hers (shared phones).
        if (m.userId || (m.caseId && !seenCases.has(m.caseId))) continue;
        messagesWithHer.push({
          direction: m.direction,
          channel: m.channel,
          at: m.createdAt.toISOString(),
          status: m.status,
          body: await open(m.dataKeyId, m.bodyEnc, `messages.body:${m.id}`),
        });
      }

      const consents = [];
      for (const p of rows.values()) {
        const held = await repo.consentsForPerson(p.id);
        consents.push(...(await Promise.all(held.map((r) => consentView(r.consent, r.dataKeyId)))));
      }

      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'person.exported',
        subjectType: 'person',
        subjectId: first.id,
        meta: { cases: linked.length, linkedPersons: rows.size - 1 },
      });
      const main = people[0]!;
      return {
        exportedAt: clock.now().toISOString(),
        person: main,
        linkedPersons: people.slice(1),
        cases: linked,
        arrests: arrestsOfHer,
        messages: messagesWithHer,
        consents,
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
