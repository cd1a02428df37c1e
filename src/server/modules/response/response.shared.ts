import { responseWritesAccepted } from '../../../shared/workflow.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import { requireNotShredded, type Vault } from '../../security/vault.js';
import { createCaseLog, type CaseLog } from '../cases/case-log.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { ClocksRepo } from '../clocks/clocks.repo.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type { ResponseRepo } from './response.repo.js';

/** Everything the response phase is built from (the argument of `createResponseService`). */
export interface ResponseDeps {
  db: Db;
  repo: ResponseRepo;
  cases: CasesRepo;
  workflow: WorkflowService;
  clocks: ClocksService;
  clocksRepo: ClocksRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
}

/** Which case statuses accept each kind of write (CASE_NOT_ACTIVE otherwise): one rule, in shared/. */
export const acceptsWrites = responseWritesAccepted;

export type WriteKind = keyof typeof acceptsWrites;

/** Client clocks drift: a time "now" from a phone may be a little ahead of the server. */
export const SKEW_MS = 5 * 60_000;

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A time the user gives for something that happened may not lie ahead (beyond clock skew). */
export function notFuture(value: Date | undefined, path: string, now: Date): void {
  if (value && value.getTime() > now.getTime() + SKEW_MS)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: 'cannot be in the future' }] });
}

/**
 * What every response use case shares: the guarded write (need-to-know, lock, status check, one
 * transaction), the case log (timeline event and audit entry together, ids and codes only: the user is
 * the actor), the audited read, and sealing under the case's data key.
 */
export function createResponseKit(
  deps: Pick<ResponseDeps, 'db' | 'cases' | 'workflow' | 'vault' | 'audit' | 'clock'>,
) {
  const { db, cases, workflow, vault, audit, clock } = deps;
  const caseLog: CaseLog = createCaseLog({ cases, audit });

  /** Load (need-to-know), lock, check the case's status, then run `fn` in the same transaction. */
  function write<T>(
    caseId: string,
    actor: Actor,
    kind: WriteKind,
    fn: (c: CaseRow, tx: Executor, now: Date) => Promise<T>,
  ): Promise<T> {
    return db
      .transaction(async (tx) => {
        await workflow.loadForActor(caseId, actor, tx);
        const c = await cases.lockCase(caseId, tx);
        if (!c) throw new AppError('NOT_FOUND');
        if (!(acceptsWrites[kind] as readonly string[]).includes(c.status))
          throw new AppError('CASE_NOT_ACTIVE', { status: c.status, kind });
        return fn(c, tx, clock.now());
      })
      .catch(requireNotShredded); // a crypto-shredded case takes no new personal data
  }

  /** Reading decrypted response data is a read of sensitive fields: audited like the case page. */
  async function auditRead(c: CaseRow, actor: Actor, section: string): Promise<void> {
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'response.read',
      subjectType: 'case',
      subjectId: c.id,
      meta: { section },
    });
  }

  /** Seal optional free text (trimmed; empty is none) under the case's data key. */
  const seal = (c: CaseRow, value: string | null | undefined, aad: string, tx: Executor) =>
    vault.encryptOptional(c.dataKeyId, value?.trim() || null, aad, tx);

  return { write, caseLog, auditRead, seal };
}

export type ResponseKit = ReturnType<typeof createResponseKit>;
