import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';

/** The same person under several reports: links proposed by the phone blind index, decided by staff. */
export function createPersonLinks(deps: Pick<DataProtectionDeps, 'db' | 'repo' | 'audit' | 'clock'>) {
  const { db, repo, audit, clock } = deps;

  return {
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
  };
}
