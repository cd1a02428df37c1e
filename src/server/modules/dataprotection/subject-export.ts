import { AppError } from '../../errors.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { createConsentView } from './consents.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';

const person = aadOf('persons');

/** A data-subject access request: everything held about one person, decrypted, nothing about others. */
export function createSubjectExport(deps: Pick<DataProtectionDeps, 'repo' | 'vault' | 'audit' | 'clock'>) {
  const { repo, vault, audit, clock } = deps;
  const consentView = createConsentView(vault);

  return {
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
      const open = async (keyId: string | null, enc: string | null, sealedAs: string) => {
        if (!keyId || !enc) return null;
        try {
          return await vault.decryptOptional(keyId, enc, sealedAs);
        } catch {
          return null;
        }
      };

      const people = [];
      const phoneBidxs = new Set<string>();
      for (const p of rows.values()) {
        if (p.phoneBidx) phoneBidxs.add(p.phoneBidx);
        const details = await open(p.dataKeyId, p.detailsEnc, person('details', p.id));
        people.push({
          id: p.id,
          kind: p.kind,
          name: await open(p.dataKeyId, p.nameEnc, person('name', p.id)),
          phone: await open(p.dataKeyId, p.phoneEnc, person('phone', p.id)),
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
            text: await open(t.caseDataKeyId, t.textEnc, aad('testimonies', 'text', t.id)),
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
            const n = await open(x.person.dataKeyId, x.person.nameEnc, person('name', x.person.id));
            if (n && n.trim().length >= 2) others.push(n.trim());
          }
          const redact = (text: string | null) =>
            text === null ? null : others.reduce((acc, n) => acc.split(n).join('[redacted]'), text);
          const text = async (enc: string | null, sealedAs: string) =>
            redact(await open(c.dataKeyId, enc, sealedAs));
          const sealed = (column: 'narrative' | 'place' | 'reporter_contact') =>
            aad('cases', column, c.reference);
          const timeline = [];
          for (const e of await repo.eventsOfCase(c.id)) {
            timeline.push({
              at: e.at.toISOString(),
              type: e.type,
              by: e.actorLabel,
              fromStatus: e.fromStatus,
              toStatus: e.toStatus,
              note: await text(e.noteEnc, aad('case_events', 'note', c.reference)),
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
              notes: await text(a.notesEnc, aad('case_actions', 'notes', a.id)),
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
              unmetNeeds: await text(f.unmetNeedsEnc, aad('victim_feedback', 'unmet_needs', f.id)),
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
            narrative: await text(c.narrativeEnc, sealed('narrative')),
            place: await text(c.placeEnc, sealed('place')),
            reporterContact: roles.includes('reporter')
              ? await open(c.dataKeyId, c.reporterContactEnc, sealed('reporter_contact'))
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
          body: await open(m.dataKeyId, m.bodyEnc, aad('messages', 'body', m.id)),
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
  };
}
