import { createBooks } from './books.js';
import { createCallbackUseCases } from './callbacks.js';
import type { FundsDeps } from './funds.deps.js';
import { createFundsKit } from './funds.kit.js';
import { createLedger } from './ledger.js';
import { createPaymentUseCases } from './payments.js';
import { createRequestUseCases } from './requests.js';

export type { FundsDeps } from './funds.deps.js';

/**
 * Emergency funds (DESIGN §2.3): requests and their approvals (requests.ts), payment by M-Pesa B2C or
 * by hand (payments.ts), what Daraja tells us afterwards and the reconciliation job (callbacks.ts), and
 * the double-entry books (ledger.ts to post, books.ts to read and export). This file only composes them.
 */
export function createFundsService(deps: FundsDeps) {
  const kit = createFundsKit(deps);
  const ledger = createLedger(deps);
  const requests = createRequestUseCases(deps, kit, ledger);
  const payments = createPaymentUseCases(deps, kit, ledger);
  const callbacks = createCallbackUseCases(deps, payments);
  const books = createBooks(deps);
  return {
    mpesaConfigured: deps.mpesa !== null,
    createRequest: requests.create,
    decide: requests.decide,
    cancel: requests.cancel,
    requestsOfCase: requests.ofCase,
    approvalsQueue: requests.approvalsQueue,
    payQueue: requests.payQueue,
    disburse: payments.disburse,
    mpesaResult: callbacks.result,
    mpesaTimeout: callbacks.timeout,
    mpesaStatusResult: callbacks.statusResult,
    reconcile: callbacks.reconcile,
    createFund: ledger.createFund,
    receipt: ledger.receipt,
    reverse: ledger.reverse,
    ledger: books.ledger,
    balances: books.balances,
    ledgerCsv: books.csv,
  };
}
export type FundsService = ReturnType<typeof createFundsService>;
