import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { Escalations } from '../cases/escalation.js';
import type { IntakeService } from '../cases/intake.service.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type { MessagesService } from '../messages/messages.service.js';
import type { NetworkRepo } from './network.repo.js';

export interface DispatchScheduler {
  /** The reply deadline of a dispatch: a job that widens the search if it is still open (fenced). */
  replyDue(dispatchId: string, fence: number, at: Date): void;
}

/** Everything the network's use cases are built from (the composition root passes one of these). */
export interface NetworkDeps {
  db: Db;
  repo: NetworkRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  cases: CasesRepo;
  workflow: WorkflowService;
  intake: IntakeService;
  clocks: ClocksService;
  alerts: Pick<AlertsService, 'resolveFor'>;
  escalations: Escalations;
  messages: Pick<MessagesService, 'enqueue'>;
  scheduler: DispatchScheduler;
  log: Logger;
}
