import { openStatuses, type CaseStatus } from '../../../shared/workflow.js';
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
import type { ResponseRepo } from '../response/response.repo.js';
import type { DocumentationRepo } from './documentation.repo.js';

/** One item of a case's evidence list, as the dossier prints it (no content, no names). */
export interface EvidenceListItem {
  id: string;
  kind: string;
  label: string;
  sha256: string;
  recordedAt: Date;
  custodyEntries: number;
}

/**
 * The evidence PORT the dossier prints from (the evidence module implements it). Optional: without
 * it the dossier says "no evidence recorded".
 */
export interface EvidenceList {
  evidenceOf(caseId: string, tx?: Executor): Promise<EvidenceListItem[]>;
}

/** Everything the documentation module is built from. */
export interface DocumentationDeps {
  db: Db;
  repo: DocumentationRepo;
  cases: Pick<CasesRepo, 'personsOf' | 'insertPerson' | 'linkPerson' | 'lockCase' | 'addEvent' | 'events'>;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  /** The response module's rows documentation derives interventions and arrest details from. */
  response: Pick<ResponseRepo, 'actionsOf' | 'institutionalResponsesOf' | 'findArrest' | 'arrestsOf'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  evidence?: EvidenceList;
}

/** Documentation is kept from intake until after closure; a withdrawn or set-aside case takes none. */
export const documentationAccepted: readonly CaseStatus[] = [...openStatuses, 'closed'];

/**
 * What every documentation use case shares: the guarded write (need-to-know, lock, status, one
 * transaction), the case log, the audited read and sealing under the case's data key.
 */
export function createDocumentationKit(
  deps: Pick<DocumentationDeps, 'db' | 'cases' | 'workflow' | 'vault' | 'audit' | 'clock'>,
) {
  const { db, cases, workflow, vault, audit, clock } = deps;
  const caseLog: CaseLog = createCaseLog({ cases, audit });

  function write<T>(
    caseId: string,
    actor: Actor,
    fn: (c: CaseRow, tx: Executor, now: Date) => Promise<T>,
  ): Promise<T> {
    return db
      .transaction(async (tx) => {
        await workflow.loadForActor(caseId, actor, tx);
        const c = await cases.lockCase(caseId, tx);
        if (!c) throw new AppError('NOT_FOUND');
        if (!documentationAccepted.includes(c.status as CaseStatus))
          throw new AppError('CASE_NOT_ACTIVE', { status: c.status, kind: 'documentation' });
        return fn(c, tx, clock.now());
      })
      .catch(requireNotShredded);
  }

  async function auditRead(c: CaseRow, actor: Actor, section: string, tx?: Executor): Promise<void> {
    await audit.record(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action: 'documentation.read',
        subjectType: 'case',
        subjectId: c.id,
        meta: { section },
      },
      tx,
    );
  }

  const seal = (c: CaseRow, value: string | null | undefined, aad: string, tx: Executor) =>
    vault.encryptOptional(c.dataKeyId, value?.trim() || null, aad, tx);

  return { write, caseLog, auditRead, seal };
}
export type DocumentationKit = ReturnType<typeof createDocumentationKit>;

/** A field the user gives for something that happened may not lie ahead (beyond five minutes' skew). */
export function notFuture(value: Date | undefined, path: string, now: Date): void {
  if (value && value.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: 'cannot be in the future' }] });
}
