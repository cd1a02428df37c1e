import type { DisburseInput, FundRequestView, PaymentMethod } from '../../../shared/contracts/funds.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { DarajaError, safeCode } from './daraja.js';
import type { FundsDeps } from './funds.deps.js';
import type { FundsKit } from './funds.kit.js';
import type { FundPaymentRow, FundRequestRow } from './funds.repo.js';
import { assertMove, kesShort, originatorConversationId } from './funds.rules.js';
import type { Ledger } from './ledger.js';

/** The bilingual SMS a beneficiary gets when paid (no purpose, no case: only the money and its code). */
export const paidSms = (amountCents: number, method: PaymentMethod, reference: string): string => {
  const kes = kesShort(amountCents);
  const how = {
    mpesa: ['by M-Pesa', 'kwa M-Pesa'],
    bank: ['by bank transfer', 'kwa benki'],
    cash: ['in cash', 'taslimu'],
  }[method];
  return `Dharura: KES ${kes} has been paid to you ${how[0]} (ref ${reference}). / Dharura: KES ${kes} zimelipwa kwako ${how[1]} (kumb. ${reference}).`;
};

/**
 * Paying an approved request. By M-Pesa B2C: an attempt row first (its OriginatorConversationID derived
 * from the request id and attempt number), committed with the request in `paying`, then the call to
 * Daraja; a second submission while one is in flight or done pays nothing more. The outcome arrives as
 * a Result callback (or never: the reconciliation job then asks for the transaction status). Or by hand:
 * a payment already made, recorded with its M-Pesa code, bank reference or receipt number. A paid
 * request posts its ledger entry in the same transaction; a failed one stays open with the reason.
 */
export function createPaymentUseCases(deps: FundsDeps, kit: FundsKit, ledger: Ledger) {
  const { db, repo, vault, clock, settings, mpesa, messages, log } = deps;
  const { caseLog, view, locked, update, access } = kit;

  async function notify(r: FundRequestRow, method: PaymentMethod, reference: string): Promise<void> {
    if (!r.notifyBeneficiary || !r.beneficiaryPhoneEnc) return;
    try {
      const { c } = await access(null, r.caseId);
      const to = await vault.decrypt(
        c.dataKeyId,
        r.beneficiaryPhoneEnc,
        aad('fund_requests', 'beneficiary_phone', r.id),
      );
      await messages.enqueue({
        channel: 'sms',
        to,
        body: paidSms(r.amountCents, method, reference),
        idempotencyKey: `funds-paid:${r.id}`,
        caseId: r.caseId,
      });
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, requestId: r.id }, 'fund payment SMS not queued');
    }
  }

  /** Paid: the request, the attempt (if any) and the books, in one transaction. */
  async function markPaid(
    r: FundRequestRow,
    method: PaymentMethod,
    reference: string,
    actorId: string | null,
    tx: Executor,
  ): Promise<FundRequestRow> {
    assertMove(r.status, 'paid');
    const now = clock.now();
    const u = await update(
      r,
      { status: 'paid', paidAt: now, paymentReference: reference, method, failureReason: null },
      tx,
    );
    const { c } = await access(null, r.caseId, tx);
    await ledger.postDisbursement(u, c.reference, method, reference, actorId, tx);
    const data = { requestId: r.id, amountCents: r.amountCents, method, reference };
    await caseLog(
      {
        caseId: r.caseId,
        actorId,
        actorLabel: actorId ? 'user' : 'mpesa',
        type: 'funds.paid',
        data,
        at: now,
      },
      tx,
    );
    return u;
  }

  async function disburse(requestId: string, actor: Actor, input: DisburseInput): Promise<FundRequestView> {
    if (input.mode === 'manual') {
      const paid = await db.transaction(async (tx) => {
        const r = await locked(requestId, tx);
        // The same record twice (a double click, a retried request) is the first one.
        if (r.status === 'paid' && r.paymentReference === input.reference) return { r, fresh: false };
        // An M-Pesa payment is in flight: recording another would pay twice.
        if (r.status === 'paying') throw new AppError('CONFLICT', { status: r.status });
        return { r: await markPaid(r, input.method, input.reference, actor.id, tx), fresh: true };
      });
      if (paid.fresh) await notify(paid.r, input.method, input.reference);
      return view(paid.r, actor);
    }
    if (!mpesa) throw new AppError('FUNDS_MPESA_UNAVAILABLE');
    const started = await db.transaction(async (tx) => {
      const r = await locked(requestId, tx);
      // A duplicate submission: the payment under way (or made) is the answer; nothing is sent again.
      if (r.status === 'paying' || r.status === 'paid') return { r, payment: null };
      assertMove(r.status, 'paying');
      if (r.method !== 'mpesa' || !r.beneficiaryPhoneEnc)
        throw new AppError('FUNDS_NOT_APPROVED', { method: r.method });
      const attempt = (await repo.paymentsOf(r.id, tx)).length + 1;
      const now = clock.now();
      const payment = await repo.insertPayment(
        {
          requestId: r.id,
          attempt,
          originatorConversationId: originatorConversationId(r.id, attempt),
          status: 'submitting',
          createdAt: now,
        },
        tx,
      );
      const u = await update(r, { status: 'paying', failureReason: null }, tx);
      const data = {
        requestId: r.id,
        attempt,
        amountCents: r.amountCents,
        originatorConversationId: payment.originatorConversationId,
      };
      await caseLog({ caseId: r.caseId, actorId: actor.id, type: 'funds.payment_sent', data, at: now }, tx);
      return { r: u, payment };
    });
    if (started.payment) await submit(started.r, started.payment);
    const fresh = await repo.findRequest(requestId);
    return view(fresh!, actor);
  }

  /** Send one attempt to Daraja (after its row committed). */
  async function submit(r: FundRequestRow, p: FundPaymentRow): Promise<void> {
    const { c } = await access(null, r.caseId);
    const phone = await vault.decrypt(
      c.dataKeyId,
      r.beneficiaryPhoneEnc!,
      aad('fund_requests', 'beneficiary_phone', r.id),
    );
    try {
      const accepted = await mpesa!.gateway.pay({
        originatorConversationId: p.originatorConversationId,
        amountKes: r.amountCents / 100,
        partyB: phone.replace(/^\+/, ''),
        remarks: `Dharura ${r.purpose}`.slice(0, 100),
        occasion: c.reference,
        resultUrl: mpesa!.urls.result,
        queueTimeOutUrl: mpesa!.urls.timeout,
      });
      await repo.settlePayment(p.id, ['submitting'], {
        status: 'submitted',
        conversationId: accepted.conversationId,
        submittedAt: clock.now(),
      });
    } catch (err) {
      if (err instanceof DarajaError && err.outcome === 'rejected')
        return fail(p, err.code, 'refused by Daraja');
      // The request may have reached M-Pesa: the reconciliation job asks for its status.
      log.warn(
        { err: { message: (err as Error).message }, paymentId: p.id },
        'M-Pesa payment outcome unknown',
      );
    }
  }

  /** A failed attempt: the request stays open (failed, with the reason) to pay again or cancel. */
  async function fail(p: FundPaymentRow, code: string, desc: string): Promise<void> {
    await db.transaction(async (tx) => {
      const r = await locked(p.requestId, tx);
      const settled = await repo.settlePayment(
        p.id,
        ['submitting', 'submitted'],
        { status: 'failed', resultCode: code, resultDesc: desc.slice(0, 200), resultAt: clock.now() },
        tx,
      );
      if (!settled || r.status !== 'paying') return;
      const reason = `${safeCode(code)}: ${desc}`.slice(0, 200);
      await update(r, { status: 'failed', failureReason: reason }, tx);
      const data = { requestId: r.id, attempt: p.attempt, resultCode: safeCode(code) };
      await caseLog(
        {
          caseId: r.caseId,
          actorId: null,
          actorLabel: 'mpesa',
          type: 'funds.payment_failed',
          data,
          at: clock.now(),
        },
        tx,
      );
    });
  }

  /** A successful attempt: paid, in the books, and (if asked) the beneficiary told. */
  async function complete(p: FundPaymentRow, receipt: string): Promise<void> {
    const r = await db.transaction(async (tx) => {
      const req = await locked(p.requestId, tx);
      const settled = await repo.settlePayment(
        p.id,
        ['submitting', 'submitted'],
        { status: 'completed', resultCode: '0', transactionId: receipt, resultAt: clock.now() },
        tx,
      );
      if (!settled || req.status !== 'paying') return null;
      return markPaid(req, 'mpesa', receipt, null, tx);
    });
    if (r) await notify(r, 'mpesa', receipt);
  }

  return { disburse, submit, fail, complete, settings };
}
export type PaymentUseCases = ReturnType<typeof createPaymentUseCases>;
