import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Escalations } from '../cases/escalation.js';
import type { LearningRepo } from './learning.repo.js';

/** What the learning use cases are built from (the composition passes one object to all). */
export interface LearningDeps {
  db: Db;
  repo: LearningRepo;
  /** The case, if the actor may see it in full (need-to-know), else an AppError. */
  loadCase(caseId: string, actor: Actor, tx?: Executor): Promise<CaseRow>;
  /** Has the case ever missed a clock (the clocks module's record)? */
  anyBreached(caseId: string, tx: Executor): Promise<boolean>;
  escalations: Pick<Escalations, 'request'>;
  audit: Audit;
  clock: Clock;
}
