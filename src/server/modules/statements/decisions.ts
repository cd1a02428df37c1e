import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { StatementsDeps } from './statements.deps.js';
import type { StatementRow } from './statements.repo.js';

type Step = 'approve' | 'publish' | 'withdraw';
const from: Record<Step, StatementRow['status']> = {
  approve: 'draft',
  publish: 'approved',
  withdraw: 'published',
};

/**
 * The decisions on a statement: approval (by someone other than the author, only with the check run on
 * the current text and no open finding), publication, and withdrawal (the public page keeps a tombstone).
 */
export function createDecisions(deps: StatementsDeps) {
  const { db, repo, audit, clock } = deps;

  async function decide(step: Step, id: string, actor: Actor): Promise<StatementRow> {
    return db.transaction(async (tx) => {
      const s = await repo.lock(id, tx);
      if (!s) throw new AppError('NOT_FOUND');
      if (s.status !== from[step]) throw new AppError('STATEMENT_WRONG_STATE');
      // An appeal is sent (appeals.ts), never published on the public page.
      if (step !== 'approve' && s.kind !== 'statement') throw new AppError('STATEMENT_WRONG_STATE');
      const now = clock.now();
      let patch: Partial<StatementRow>;
      if (step === 'approve') {
        if (s.authorId === actor.id) throw new AppError('SEGREGATION_OF_DUTIES');
        if (s.checkedVersion !== s.version) throw new AppError('STATEMENT_CHECK_REQUIRED');
        const open = (await repo.hitsOf(id, tx)).filter((h) => h.status === 'open');
        if (open.length > 0) throw new AppError('STATEMENT_OPEN_HITS');
        patch = { status: 'approved', approvedBy: actor.id, approvedAt: now };
      } else if (step === 'publish') {
        patch = { status: 'published', publishedAt: now };
      } else {
        patch = { status: 'withdrawn', withdrawnAt: now };
      }
      const updated = await repo.update(id, { ...patch, updatedAt: now }, tx);
      const accepted = (await repo.hitsOf(id, tx)).filter((h) => h.status === 'accepted').length;
      await audit.append(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: `statement.${step}`,
          subjectType: 'statement',
          subjectId: id,
          meta: { version: s.version, acceptedHits: accepted, caseId: s.caseId, eventId: s.eventId },
        },
        tx,
      );
      return updated;
    });
  }

  return {
    approve: (id: string, actor: Actor) => decide('approve', id, actor),
    publish: (id: string, actor: Actor) => decide('publish', id, actor),
    withdraw: (id: string, actor: Actor) => decide('withdraw', id, actor),
  };
}
