import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { CaseLog } from '../cases/case-log.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { ReferralSettings } from '../../../shared/contracts/referrals.js';
import type { Executor } from '../../db/client.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type { ReferralsRepo } from './referrals.repo.js';

/** The one message port referrals needs (messages.service implements it): the provider's SMS. */
export interface ReferralsMessages {
  enqueue(input: {
    channel: 'sms';
    to: string;
    body: string;
    idempotencyKey: string;
    caseId?: string | null;
  }): Promise<unknown>;
}

/** What the referral use cases are built from (the composition passes one object to all). */
export interface ReferralsDeps {
  db: Db;
  repo: ReferralsRepo;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  caseLog: CaseLog;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  messages: ReferralsMessages;
  log: { warn(obj: object, msg: string): void };
  /** The response clock: armed when a referral is sent, stopped when the provider answers. */
  clocks: Pick<ClocksService, 'armReferral' | 'stopReferral'>;
  /** How long providers have to answer, per need (the referral settings). */
  settings: (tx?: Executor) => Promise<ReferralSettings>;
}
