import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor, CaseAccess } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import { createCaseLog } from './case-log.js';
import type { CasesRepo } from './cases.repo.js';

/**
 * A note on a case's timeline (issue #19: "a case note" is one of the field writes the console's outbox
 * queues offline). Anyone who may read the case — its team, or a responder on one of its missions — may
 * add one. The text is sealed under the case's key; the audit gets only that a note was added and its
 * length. Append-only: a note is never edited, so two notes written offline never conflict.
 */
export function createCaseNote(deps: {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  loadWithAccess: (
    caseId: string,
    actor: Actor,
    accept: readonly CaseAccess[],
    tx: Executor,
  ) => Promise<{ c: CaseRow; access: CaseAccess }>;
}) {
  const { db, vault, clock, loadWithAccess } = deps;
  const caseLog = createCaseLog(deps);

  return async function addNote(
    caseId: string,
    actor: Actor,
    input: { note: string },
  ): Promise<{ caseId: string; at: string }> {
    return db.transaction(async (tx) => {
      const { c } = await loadWithAccess(caseId, actor, ['full', 'mission'], tx);
      const now = clock.now();
      const note = input.note.trim();
      await caseLog(
        {
          caseId: c.id,
          actorId: actor.id,
          type: 'note.added',
          data: { length: note.length },
          noteEnc: await vault.encrypt(c.dataKeyId, note, aad('case_events', 'note', c.reference), tx),
          at: now,
        },
        tx,
      );
      return { caseId: c.id, at: now.toISOString() };
    });
  };
}
