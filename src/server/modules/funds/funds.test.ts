import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { JOB_FUNDS_RECONCILE } from '../../jobs/catalogue.js';
import { fundsJobs } from './funds.jobs.js';
import {
  BENEFICIARY,
  CALLBACK_SECRET,
  darajaConfig,
  freePort,
  fundsHelpers,
  startFakeDaraja,
  type FakeDaraja,
} from './funds.test-kit.js';

/**
 * Emergency funds end to end: the app listens on 127.0.0.1 and a fake Daraja (same wire shapes) pays
 * and posts its Result callbacks to the app's ResultURL, as Safaricom does.
 */
describe('emergency funds paid by M-Pesa B2C', () => {
  let t: TestApp;
  let fake: FakeDaraja;
  let duty: SignedIn;
  let approver: SignedIn;
  let legal: SignedIn;
  let finance: SignedIn;
  let lead1: SignedIn;
  let lead2: SignedIn;

  beforeAll(async () => {
    fake = await startFakeDaraja();
    const port = await freePort();
    t = await buildTestApp({ config: darajaConfig(fake, port) });
    await t.app.listen({ host: '127.0.0.1', port });
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    legal = await loginAs(t.app, 'legal');
    finance = await loginAs(t.app, 'finance');
    lead1 = await loginAs(t.app, 'leadership');
    lead2 = await loginAs(t.app, 'leadership');
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const { api, activeCase, request, decide, disburse, ledger, unbalancedEntries } = fundsHelpers(() => ({
    t,
    duty,
    approver,
  }));

  async function paidRequest() {
    const c = await activeCase();
    const r = await request(c.id, duty);
    expect((await decide(r.id, approver)).statusCode).toBe(200);
    return { c, r };
  }

  it('pays a KES 20,000 bail approved by another person, once, and the books balance', async () => {
    const c = await activeCase();
    const r = await request(c.id, duty);
    expect(r).toMatchObject({ status: 'requested', requiredApprovals: 1 });

    const approved = await decide(r.id, approver);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvals: [{ userId: approver.userId }] });

    const toPay = await api('GET', '/api/funds/payable', finance);
    expect(toPay.json().requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: r.id, status: 'approved', caseReference: c.reference }),
      ]),
    );
    expect(toPay.body).not.toContain('Wanjiru');

    const before = fake.payments.length;
    const paying = await disburse(r.id, finance);
    expect(paying.statusCode, paying.body).toBe(200);
    await fake.settled();

    // What Daraja received: the documented B2C fields, the OriginatorConversationID derived from the id.
    expect(fake.payments.length).toBe(before + 1);
    const sent = fake.payments.at(-1)!.body;
    expect(sent).toMatchObject({
      OriginatorConversationID: `DHR-${r.id.replace(/-/g, '')}-1`,
      InitiatorName: 'testapi',
      CommandID: 'BusinessPayment',
      Amount: 20000,
      PartyA: '600996',
      PartyB: '254712345678',
      Occasion: c.reference,
    });
    expect(String(sent.ResultURL)).toContain(`/api/funds/mpesa/result/${CALLBACK_SECRET}`);
    expect(String(sent.QueueTimeOutURL)).toContain(`/api/funds/mpesa/timeout/${CALLBACK_SECRET}`);

    // The Result callback (ResultCode 0) made it paid, with the M-Pesa transaction code.
    const list = await api('GET', `/api/cases/${c.id}/fund-requests`, duty);
    const view = (list.json() as { requests: Record<string, unknown>[] }).requests[0]!;
    const receipt = fake.transactions.get(String(sent.OriginatorConversationID))!.receipt;
    expect(view).toMatchObject({
      status: 'paid',
      paymentReference: receipt,
      beneficiaryName: BENEFICIARY.name,
      beneficiaryPhoneMasked: '+2547•••••678',
      attempts: 1,
    });

    // Double entry: expense on the case, out of the M-Pesa float, released from the fund.
    const books = await ledger(finance);
    const entry = books.entries.find((e) => e.reference === receipt)!;
    expect(entry.kind).toBe('disbursement');
    const debits = entry.lines.reduce((s, l) => s + l.debitCents, 0);
    const credits = entry.lines.reduce((s, l) => s + l.creditCents, 0);
    expect(debits).toBe(credits);
    expect(entry.lines).toEqual(
      expect.arrayContaining([
        { accountCode: `expense:${c.reference}`, debitCents: 2_000_000, creditCents: 0 },
        { accountCode: 'float:mpesa', debitCents: 0, creditCents: 2_000_000 },
        { accountCode: 'fund:general', debitCents: 2_000_000, creditCents: 0 },
        { accountCode: 'income:grants', debitCents: 0, creditCents: 2_000_000 },
      ]),
    );
    expect(books.accounts.find((a) => a.code === `expense:${c.reference}`)!.balanceCents).toBe(2_000_000);
    expect(await unbalancedEntries()).toBe(0);

    // The timeline says so; the audit has amounts and codes, never the beneficiary.
    const detail = await api('GET', `/api/cases/${c.id}`, duty);
    const types = (detail.json() as { timeline: { type: string }[] }).timeline.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['funds.requested', 'funds.approved', 'funds.payment_sent', 'funds.paid']),
    );
    const audit = await t.database.query<{ action: string; meta: string }>(
      'select action, meta::text as meta from audit_log',
    );
    expect(audit.rows.map((a) => a.action)).toEqual(
      expect.arrayContaining(['funds.paid', 'ledger.disbursement']),
    );
    const all = audit.rows.map((a) => a.meta).join('\n');
    expect(all).not.toContain('Wanjiru');
    expect(all).not.toContain('712345678');
  });

  it('pays once when the same request is submitted several times at once and again later', async () => {
    const { r } = await paidRequest();
    const before = fake.payments.length;
    const answers = await Promise.all([
      disburse(r.id, finance),
      disburse(r.id, finance),
      disburse(r.id, finance),
    ]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    await fake.settled();
    const again = await disburse(r.id, finance);
    expect(again.json()).toMatchObject({ status: 'paid', attempts: 1 });
    expect(fake.payments.length).toBe(before + 1);
    const entries = await t.database.query<{ n: string }>(
      "select count(*) as n from journal_entries where request_id = $1 and kind = 'disbursement'",
      [r.id],
    );
    expect(Number(entries.rows[0]!.n)).toBe(1);
  });

  it('resolves a payment whose callback never came through the reconciliation job (transaction status)', async () => {
    const { r } = await paidRequest();
    fake.outcome = 'silent';
    try {
      expect((await disburse(r.id, finance)).json()).toMatchObject({ status: 'paying' });
      await fake.settled();
      const queriesBefore = fake.queries.length;
      // Too early: nothing to ask yet.
      const job = fundsJobs(t.app.ctx.services.funds).find((j) => j.name === JOB_FUNDS_RECONCILE)!;
      await job.handler({}, { id: 'test' });
      expect(fake.queries.length).toBe(queriesBefore);
      // Eleven minutes later (the default waits ten) the job asks Daraja, which answers on the status URL.
      t.clock.advance(11 * 60_000);
      await job.handler({}, { id: 'test' });
      await fake.settled();
      expect(fake.queries.length).toBe(queriesBefore + 1);
      expect(fake.queries.at(-1)!.body).toMatchObject({
        CommandID: 'TransactionStatusQuery',
        OriginatorConversationID: `DHR-${r.id.replace(/-/g, '')}-1`,
        IdentifierType: '4',
        PartyA: '600996',
      });
      const paid = await t.database.query<{ status: string; payment_reference: string }>(
        'select status, payment_reference from fund_requests where id = $1',
        [r.id],
      );
      expect(paid.rows[0]).toMatchObject({ status: 'paid' });
      expect(paid.rows[0]!.payment_reference).toMatch(/^TLR\d+$/);
      expect(await unbalancedEntries()).toBe(0);
    } finally {
      fake.outcome = 'success';
    }
  });

  it('leaves a failed payment open with the reason, and a second attempt pays', async () => {
    const { r } = await paidRequest();
    fake.outcome = 'fail';
    try {
      await disburse(r.id, finance);
      await fake.settled();
    } finally {
      fake.outcome = 'success';
    }
    const failed = await t.database.query<{ status: string; failure_reason: string }>(
      'select status, failure_reason from fund_requests where id = $1',
      [r.id],
    );
    expect(failed.rows[0]!.status).toBe('failed');
    expect(failed.rows[0]!.failure_reason).toContain('2001');
    const none = await t.database.query('select 1 from journal_entries where request_id = $1', [r.id]);
    expect(none.rows).toHaveLength(0);

    // Still open: pay again (a new attempt, a new OriginatorConversationID).
    const retry = await disburse(r.id, finance);
    expect(retry.statusCode, retry.body).toBe(200);
    await fake.settled();
    expect(fake.payments.at(-1)!.body.OriginatorConversationID).toBe(`DHR-${r.id.replace(/-/g, '')}-2`);
    const paid = await t.database.query<{ status: string }>(
      'select status from fund_requests where id = $1',
      [r.id],
    );
    expect(paid.rows[0]!.status).toBe('paid');
  });

  it('refuses the requester as approver (and as refuser), and payment before approval', async () => {
    const c = await activeCase();
    // An approver asks (on the team as a member of the case's work): someone else must approve.
    const r = await request(c.id, approver);
    const own = await decide(r.id, approver);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('SEGREGATION_OF_DUTIES');
    const refused = await decide(r.id, approver, false);
    expect(refused.statusCode).toBe(403);
    const still = await t.database.query<{ status: string }>(
      'select status from fund_requests where id = $1',
      [r.id],
    );
    expect(still.rows[0]!.status).toBe('requested');
    // Nor can finance pay it before someone approves.
    const early = await disburse(r.id, finance);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('FUNDS_NOT_APPROVED');
    expect((await decide(r.id, lead1)).json()).toMatchObject({ status: 'approved' });
  });

  it('needs two different approvers above the threshold, each within their limit', async () => {
    const c = await activeCase();
    const r = await request(c.id, legal, { amountCents: 8_000_000, purpose: 'medical' });
    expect(r.requiredApprovals).toBe(2);
    // An approver's default limit is KES 50,000.
    const over = await decide(r.id, approver);
    expect(over.statusCode).toBe(403);
    expect(over.json().error.code).toBe('FUNDS_OVER_LIMIT');
    const first = await decide(r.id, lead1);
    expect(first.json()).toMatchObject({ status: 'requested', approvals: [{ userId: lead1.userId }] });
    const twice = await decide(r.id, lead1);
    expect(twice.json().error.code).toBe('FUNDS_ALREADY_APPROVED');
    const queue = await api('GET', '/api/funds/approvals', lead2);
    const item = (
      queue.json() as { requests: { id: string; canApprove: boolean; approvalsSoFar: number }[] }
    ).requests.find((x) => x.id === r.id);
    expect(item).toMatchObject({ canApprove: true, approvalsSoFar: 1 });
    expect((await decide(r.id, lead2)).json()).toMatchObject({ status: 'approved' });
  });

  it('texts the beneficiary in English and Kiswahili when asked, once, and answers a queue timeout by asking for the status', async () => {
    const c = await activeCase();
    const r = await request(c.id, duty, {
      notifyBeneficiary: true,
      purpose: 'transport',
      amountCents: 150_000,
    });
    await decide(r.id, approver);
    fake.outcome = 'silent';
    try {
      await disburse(r.id, finance);
      await fake.settled();
    } finally {
      fake.outcome = 'success';
    }
    // M-Pesa's queue timed out: the outcome is unknown, so Dharura asks for the status at once.
    const ocid = `DHR-${r.id.replace(/-/g, '')}-1`;
    const queriesBefore = fake.queries.length;
    const timedOut = await t.app.inject({
      method: 'POST',
      url: `/api/funds/mpesa/timeout/${CALLBACK_SECRET}`,
      payload: {
        Result: {
          ResultType: 0,
          ResultCode: 'SFC_IC0003',
          ResultDesc: 'Queue timeout',
          OriginatorConversationID: ocid,
        },
      },
    });
    expect(timedOut.statusCode, timedOut.body).toBe(200);
    await fake.settled();
    expect(fake.queries.length).toBe(queriesBefore + 1);
    const sms = await t.database.query<{ n: string }>(
      "select count(*) as n from messages where idempotency_key = $1 and direction = 'out'",
      [`funds-paid:${r.id}`],
    );
    expect(Number(sms.rows[0]!.n)).toBe(1);
    const status = await t.database.query<{ status: string }>(
      'select status from fund_requests where id = $1',
      [r.id],
    );
    expect(status.rows[0]!.status).toBe('paid');
  });

  it('refuses callbacks with a wrong secret or for no payment of ours, and changes nothing', async () => {
    const body = {
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: 'ok',
        OriginatorConversationID: 'DHR-unknown-1',
        ConversationID: 'AG_x',
        TransactionID: 'TLRFAKE01',
      },
    };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/funds/mpesa/result/not-the-secret-at-all',
      payload: body,
    });
    expect(wrong.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/funds/mpesa/result/${CALLBACK_SECRET}`,
      payload: body,
    });
    expect(unknown.statusCode).toBe(404);
    const paid = await t.database.query("select 1 from journal_entries where reference = 'TLRFAKE01'");
    expect(paid.rows).toHaveLength(0);
  });
});
