import type { CaseRow, EventRow } from '../../db/schema/index.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { Escalations } from '../cases/escalation.js';
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
    /** How many detainees the event's register holds (templates give the number, never a name). */
    arrestCount?(eventId: string, tx?: Executor): Promise<number>;
  };
  /**
   * The case's institutional response log (the response module's): an appeal's response from a case is
   * logged there too, with a timeline event, so the failure report counts it. Returns the row's id.
   */
  institutional?: {
    log(
      row: { caseId: string; agency: string; request: string; response: string; at: Date; actorId: string },
      tx: Executor,
    ): Promise<string>;
  };
  /** A reminder when an appeal from a case has no response by its due date. */
  escalations?: Pick<Escalations, 'request'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
}
