import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { CustodyAction } from '../../../shared/contracts/evidence.js';
import { createCaseLog, type CaseLog } from '../cases/case-log.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { Escalations } from '../cases/escalation.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { BlobStore } from './blob-store.js';
import type { EvidenceRepo, EvidenceRow } from './evidence.repo.js';

/** Everything the evidence vault is built from (the argument of `createEvidenceService`). */
export interface EvidenceDeps {
  db: Db;
  repo: EvidenceRepo;
  cases: CasesRepo;
  workflow: WorkflowService;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Pick<Escalations, 'request'>;
  store: BlobStore;
  limits: { maxFileBytes: number; maxCaseBytes: number };
}

/** How long an unfinished upload keeps its reservation and its partial blob. */
export const UPLOAD_TTL_MS = 7 * 24 * 3_600_000;

export interface CustodyEntry {
  item: Pick<EvidenceRow, 'id' | 'caseId'>;
  action: CustodyAction;
  actor: Actor | null;
  at: Date;
  reason?: string | null | undefined;
  sha256: string | null;
  outcome: 'ok' | 'mismatch';
  copy?: 'original' | 'view';
}

/** What the evidence use cases share: the case log and the chain-of-custody writer. */
export function createEvidenceKit(deps: Pick<EvidenceDeps, 'repo' | 'cases' | 'vault' | 'audit'>) {
  const { repo, cases, vault, audit } = deps;
  const caseLog: CaseLog = createCaseLog({ cases, audit });

  /**
   * One chain-of-custody entry (append-only table): who, when, why (sealed under the case's key), the
   * hash observed and the outcome. The audit chain gets the same fact, ids and codes only.
   */
  async function custody(c: Pick<CaseRow, 'dataKeyId'>, e: CustodyEntry, tx: Executor): Promise<void> {
    const id = randomUUID();
    const reason = e.reason?.trim() || null;
    await repo.addCustody(
      {
        id,
        evidenceId: e.item.id,
        caseId: e.item.caseId,
        action: e.action,
        actorId: e.actor?.id ?? null,
        at: e.at,
        reasonEnc: await vault.encryptOptional(
          c.dataKeyId,
          reason,
          aad('evidence_custody', 'reason', id),
          tx,
        ),
        sha256: e.sha256,
        outcome: e.outcome,
        copy: e.copy ?? 'original',
      },
      tx,
    );
    await audit.record(
      {
        actorId: e.actor?.id ?? null,
        actorLabel: e.actor ? 'user' : 'system',
        action: `evidence.${e.action}`,
        subjectType: 'evidence',
        subjectId: e.item.id,
        meta: { caseId: e.item.caseId, outcome: e.outcome, copy: e.copy ?? 'original', sha256: e.sha256 },
      },
      tx,
    );
  }

  return { caseLog, custody };
}
export type EvidenceKit = ReturnType<typeof createEvidenceKit>;
