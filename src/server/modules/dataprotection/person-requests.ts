import type { erasureReasons, PersonSearchView } from '../../../shared/contracts/dataprotection.js';
import { AppError } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Actor } from '../../security/policy.js';
import { createCaseLog } from '../cases/case-log.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';

type ErasureReason = (typeof erasureReasons)[number];
type Deps = Pick<DataProtectionDeps, 'db' | 'repo' | 'cases' | 'vault' | 'audit' | 'clock'>;

/**
 * Data-subject requests (Kenya DPA ss. 26, 40): find a person across cases by phone number (through the
 * blind index, the number is never stored or searched in clear), and erase a person on request, at once
 * rather than when the case's retention period ends. Both are audited with ids and codes only.
 */
export function createPersonRequests(deps: Deps) {
  const { db, repo, cases, vault, audit, clock } = deps;
  const caseLog = createCaseLog({ cases, audit });

  /** This person row and every row confirmed as the same person, transitively. */
  async function sameSubject(personId: string) {
    const first = await repo.person(personId);
    if (!first) throw new AppError('NOT_FOUND');
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
    return [...rows.values()];
  }

  return {
    async searchPersons(phone: string, actor: Actor): Promise<PersonSearchView> {
      const normal = normalisePhone(phone);
      if (!normal)
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'phone', message: 'invalid' }] });
      const rows = await repo.personsByPhoneBidx(vault.blindIndex('phone', normal));
      const persons = [];
      for (const p of rows) {
        const linked = await repo.casesOfPerson(p.id);
        persons.push({
          personId: p.id,
          kind: p.kind,
          createdAt: p.createdAt.toISOString(),
          erased: !p.nameEnc && !p.phoneEnc && !p.detailsEnc,
          cases: linked.map(({ case: c, role }) => ({
            caseId: c.id,
            reference: c.reference,
            role,
            status: c.status,
            receivedAt: c.receivedAt.toISOString(),
          })),
        });
      }
      // Who looked someone up, and how many rows it found: never the number looked for.
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'person.searched',
        subjectType: 'person',
        meta: { found: persons.length },
      });
      return { persons };
    },

    /** Erase a person (and the rows confirmed as them) now, with the reason's code. */
    async erasePerson(personId: string, reason: ErasureReason, actor: Actor) {
      const rows = await sameSubject(personId);
      const now = clock.now();
      const caseIds = new Set<string>();
      await db.transaction(async (tx) => {
        for (const p of rows) {
          await repo.erasePerson(p.id, p.phoneBidx, now, tx);
          for (const { case: c } of await repo.casesOfPerson(p.id, tx)) {
            caseIds.add(c.id);
            await caseLog(
              {
                caseId: c.id,
                at: now,
                actorId: actor.id,
                type: 'person.erased',
                data: { personId: p.id, reason },
              },
              tx,
            );
          }
        }
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'person.erasure_completed',
            subjectType: 'person',
            subjectId: personId,
            meta: { reason, persons: rows.length, cases: caseIds.size },
          },
          tx,
        );
      });
      return {
        personId,
        persons: rows.length,
        cases: caseIds.size,
        erasedAt: now.toISOString(),
      };
    },
  };
}
