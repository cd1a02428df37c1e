import type { FundsSettings } from '../../../shared/contracts/funds.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { MpesaGateway } from './daraja.js';
import type { FundsRepo } from './funds.repo.js';

/** Where Daraja posts results: built from DARAJA_CALLBACK_BASE_URL and the secret path token. */
export interface CallbackUrls {
  result: string;
  timeout: string;
  status(paymentId: string): string;
}

/** The one message port funds needs (messages.service implements it): a bilingual SMS on payment. */
export interface FundsMessages {
  enqueue(input: {
    channel: 'sms';
    to: string;
    body: string;
    idempotencyKey: string;
    caseId?: string | null;
  }): Promise<unknown>;
}

/** What the funds use cases are built from (the composition passes one object to all). */
export interface FundsDeps {
  db: Db;
  repo: FundsRepo;
  cases: CasesRepo;
  workflow: Pick<WorkflowService, 'loadForActor'>;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  /** The organisation's limits and thresholds (settings module, with defaults). */
  settings(tx?: Executor): Promise<FundsSettings>;
  /** Null when Daraja is not configured: M-Pesa payments are then recorded by hand. */
  mpesa: { gateway: MpesaGateway; urls: CallbackUrls } | null;
  messages: FundsMessages;
  log: { warn(obj: object, msg: string): void };
}
