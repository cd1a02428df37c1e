import type { CaseRow, EventRow } from '../../db/schema/index.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { StatementsRepo } from './statements.repo.js';

/** What the statements use cases are built from (the composition passes one object to all). */
export interface StatementsDeps {
  db: Db;
  repo: StatementsRepo;
  cases: Pick<CasesRepo, 'personsOf' | 'findById'>;
  /** The case, if the actor may see it in full (need-to-know), else an AppError. */
  loadCase(caseId: string, actor: Actor, tx?: Executor): Promise<CaseRow>;
  events: {
    findById(id: string, tx?: Executor): Promise<EventRow | undefined>;
    casesOf(eventId: string, tx?: Executor): Promise<{ c: CaseRow }[]>;
  };
  vault: Vault;
  audit: Audit;
  clock: Clock;
}
