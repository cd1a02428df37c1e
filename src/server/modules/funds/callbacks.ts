import { AppError } from '../../errors.js';
import { resultParameter, safeCode, type DarajaResultBody } from './daraja.js';
import type { FundsDeps } from './funds.deps.js';
import type { PaymentUseCases } from './payments.js';

/** Open attempts: the ones a callback or a status answer may still settle. */
const open = new Set(['submitting', 'submitted']);

/** Final statuses of the original payment in a Transaction Status result. */
const completedStatuses = new Set(['completed']);
const failedStatuses = new Set(['failed', 'declined', 'cancelled', 'expired', 'reversed']);

/**
 * What Daraja tells us after the fact: the B2C Result, the QueueTimeOut notice and the Transaction
 * Status result; and the reconciliation job that asks for the status of attempts nobody told us about.
 *
 * Daraja signs nothing: the routes check the secret path token, and here a callback counts only if its
 * OriginatorConversationID is one of our attempts (and its ConversationID, once known, matches). Each
 * is idempotent: an attempt settles once, a repeat changes nothing. Results are audited with codes only.
 */
export function createCallbackUseCases(deps: FundsDeps, payments: PaymentUseCases) {
  const { repo, audit, clock, mpesa, log, settings } = deps;

  async function attemptFor(body: DarajaResultBody) {
    const p = await repo.paymentByOcid(body.Result.OriginatorConversationID);
    if (!p) throw new AppError('NOT_FOUND');
    const conv = body.Result.ConversationID;
    if (p.conversationId && conv && conv !== p.conversationId) throw new AppError('NOT_FOUND');
    return p;
  }

  const record = (action: string, paymentId: string, meta: Record<string, unknown>) =>
    audit.record({
      actorId: null,
      actorLabel: 'mpesa',
      action,
      subjectType: 'fund_payment',
      subjectId: paymentId,
      meta,
    });

  /** The B2C Result: ResultCode 0 is paid (TransactionID is the M-Pesa code), anything else failed. */
  async function result(body: DarajaResultBody): Promise<void> {
    const p = await attemptFor(body);
    const code = safeCode(body.Result.ResultCode);
    await record('funds.mpesa_result', p.id, { resultCode: code, requestId: p.requestId });
    if (!open.has(p.status)) return;
    if (code === '0') {
      const receipt = safeCode(body.Result.TransactionID ?? resultParameter(body, 'TransactionReceipt'));
      await payments.complete(p, receipt || p.originatorConversationId);
    } else {
      await payments.fail(p, `mpesa:${code}`, body.Result.ResultDesc.slice(0, 150));
    }
  }

  /** The request waited too long in M-Pesa's queue: its fate is unknown until a status query says. */
  async function timeout(body: DarajaResultBody): Promise<void> {
    const p = await attemptFor(body);
    await record('funds.mpesa_queue_timeout', p.id, { requestId: p.requestId });
    if (open.has(p.status)) await query(p.id).catch(() => undefined);
  }

  /** The Transaction Status answer for one attempt (its id is in the ResultURL path). */
  async function statusResult(paymentId: string, body: DarajaResultBody): Promise<void> {
    const p = await repo.findPayment(paymentId);
    if (!p || body.Result.OriginatorConversationID !== p.originatorConversationId)
      throw new AppError('NOT_FOUND');
    const code = safeCode(body.Result.ResultCode);
    const status = (resultParameter(body, 'TransactionStatus') ?? '').trim().toLowerCase();
    await record('funds.mpesa_status', p.id, {
      resultCode: code,
      status: safeCode(status),
      requestId: p.requestId,
    });
    if (!open.has(p.status)) return;
    if (code === '0' && completedStatuses.has(status)) {
      const receipt = safeCode(resultParameter(body, 'ReceiptNo') ?? body.Result.TransactionID);
      await payments.complete(p, receipt || p.originatorConversationId);
    } else if (code === '0' && failedStatuses.has(status)) {
      await payments.fail(p, `mpesa:${safeCode(status)}`, `transaction ${status}`);
    } else if (code !== '0' && !p.conversationId) {
      // M-Pesa never accepted this attempt and does not know it: it did not happen, pay again is safe.
      await payments.fail(
        p,
        `mpesa:${code}`,
        body.Result.ResultDesc.slice(0, 150) || 'not received by M-Pesa',
      );
    }
    // Otherwise still pending (or the query itself failed): the next reconciliation asks again.
  }

  /** Ask Daraja for the status of one open attempt. */
  async function query(paymentId: string): Promise<void> {
    if (!mpesa) return;
    const p = await repo.findPayment(paymentId);
    if (!p || !open.has(p.status)) return;
    await repo.markQueried(p.id, clock.now());
    await mpesa.gateway.queryStatus({
      originatorConversationId: p.originatorConversationId,
      transactionId: p.transactionId,
      resultUrl: mpesa.urls.status(p.id),
      queueTimeOutUrl: mpesa.urls.timeout,
    });
    await record('funds.mpesa_status_query', p.id, { requestId: p.requestId, attempt: p.attempt });
  }

  /** The reconciliation job: every open attempt silent for N minutes gets a status query. */
  async function reconcile(): Promise<{ queried: number }> {
    if (!mpesa) return { queried: 0 };
    const s = await settings();
    const before = new Date(clock.now().getTime() - s.reconcileAfterMinutes * 60_000);
    let queried = 0;
    for (const p of await repo.unresolvedPayments(before, 100)) {
      try {
        await query(p.id);
        queried += 1;
      } catch (err) {
        log.warn({ err: { message: (err as Error).message }, paymentId: p.id }, 'M-Pesa status query failed');
      }
    }
    return { queried };
  }

  return { result, timeout, statusResult, reconcile };
}
