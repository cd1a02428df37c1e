import type { RetentionRule } from '../../../shared/contracts/dataprotection.js';
import type { Notifier } from '../../channels/notifier.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { DataProtectionRepo } from './dataprotection.repo.js';

/** What the data-protection use cases are built from (the composition passes one object to all). */
export interface DataProtectionDeps {
  db: Db;
  repo: DataProtectionRepo;
  cases: CasesRepo;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  /** The organisation's current retention periods (rules as data, kind `retention`). */
  retention: (tx?: Executor) => Promise<RetentionRule[]>;
  /** Who is told of a breach's approaching deadline, and how (their notification rules). */
  notifier?: () => Notifier | undefined;
  /** Active staff and their roles (breach warnings go to those who manage breaches). */
  staff?: () => Promise<{ id: string; roles: string[]; disabled: boolean }[]>;
}
