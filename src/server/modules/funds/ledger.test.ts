import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { fundsHelpers } from './funds.test-kit.js';

/** The books without M-Pesa: payments recorded by hand, receipts, reversals, SQL guards, CSV export. */
describe('funds ledger', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let finance: SignedIn;
  let analyst: SignedIn;
  let legal: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    finance = await loginAs(t.app, 'finance');
    analyst = await loginAs(t.app, 'analyst');
    legal = await loginAs(t.app, 'legal');
  }, 60_000);
  afterAll(() => t.close());

  const { api, activeCase, request, decide, disburse, ledger, unbalancedEntries } = fundsHelpers(() => ({
    t,
    duty,
    approver,
  }));

  it('records a bank payment by hand, posts receipts and reversals, and exports CSV to auditors', async () => {
    const fund = await api('POST', '/api/funds', finance, {
      code: 'ufadhili-2026',
      name: 'Ufadhili grant 2026',
    });
    expect(fund.statusCode, fund.body).toBe(201);
    const receipt = await api('POST', '/api/funds/receipts', finance, {
      fundId: fund.json().id,
      into: 'bank',
      amountCents: 10_000_000,
      reference: 'EQB-778812',
    });
    expect(receipt.statusCode, receipt.body).toBe(201);

    const c = await activeCase();
    const r = await request(c.id, duty, {
      method: 'bank',
      purpose: 'rent',
      amountCents: 1_500_050,
      fundId: fund.json().id,
    });
    expect((await decide(r.id, approver)).statusCode).toBe(200);
    // M-Pesa is not configured here: B2C is refused, recording by hand works.
    const b2c = await disburse(r.id, finance);
    expect(b2c.json().error.code).toBe('FUNDS_MPESA_UNAVAILABLE');
    const manual = await disburse(r.id, finance, { mode: 'manual', method: 'bank', reference: 'EQB-990011' });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json()).toMatchObject({ status: 'paid', paymentReference: 'EQB-990011' });
    // The same record again is the same payment; a different one is refused.
    expect(
      (await disburse(r.id, finance, { mode: 'manual', method: 'bank', reference: 'EQB-990011' })).statusCode,
    ).toBe(200);
    const other = await disburse(r.id, finance, { mode: 'manual', method: 'bank', reference: 'EQB-990012' });
    expect(other.json().error.code).toBe('FUNDS_REQUEST_CLOSED');

    const books = await ledger(analyst);
    const bal = (code: string) => books.accounts.find((a) => a.code === code)!.balanceCents;
    expect(bal('fund:ufadhili-2026')).toBe(-10_000_000 + 1_500_050);
    expect(bal('float:bank')).toBe(10_000_000 - 1_500_050);
    expect(bal(`expense:${c.reference}`)).toBe(1_500_050);
    expect(await unbalancedEntries()).toBe(0);

    // A correction is a reversal: the opposite lines, once.
    const paidEntry = books.entries.find((e) => e.reference === 'EQB-990011')!;
    const rev = await api('POST', `/api/funds/entries/${paidEntry.id}/reverse`, finance, {
      reason: 'entered_in_error',
    });
    expect(rev.statusCode, rev.body).toBe(201);
    const again = await api('POST', `/api/funds/entries/${paidEntry.id}/reverse`, finance, {
      reason: 'entered_in_error',
    });
    expect(again.json().error.code).toBe('ENTRY_REVERSED');
    const after = await ledger(finance);
    expect(after.accounts.find((a) => a.code === `expense:${c.reference}`)!.balanceCents).toBe(0);

    // CSV: behind re-authentication, ids and amounts only.
    const refused = await api('GET', '/api/funds/ledger.csv', analyst);
    expect(refused.json().error.code).toBe('REAUTH_REQUIRED');
    t.clock.advance(31_000); // a fresh TOTP step after sign-in
    await reauthenticate(t.app, analyst);
    const csv = await api('GET', '/api/funds/ledger.csv', analyst);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'entry_id,date_utc,kind,case_reference,request_id,reference,reverses_entry_id,account,debit_kes,credit_kes',
    );
    expect(lines.some((l) => l.includes(`expense:${c.reference},15000.50,`))).toBe(true);
    expect(csv.body).not.toContain('Wanjiru');
    const exported = await t.database.query("select 1 from audit_log where action = 'ledger.exported'");
    expect(exported.rows).toHaveLength(1);
  });

  it('lets the database refuse an unbalanced entry and any edit or deletion of the books', async () => {
    const { rows } = await t.database.query<{ id: string; entry_id: string }>(
      'select id, entry_id from journal_lines limit 1',
    );
    const line = rows[0]!;
    await expect(
      t.database.query('update journal_lines set amount_cents = 1 where id = $1', [line.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.query('delete from journal_entries where id = $1', [line.entry_id]),
    ).rejects.toThrow(/append-only/);
    const acct = await t.database.query<{ id: string }>(
      "select id from ledger_accounts where code = 'float:bank'",
    );
    await expect(
      t.database.query(
        `with e as (insert into journal_entries (at, kind) values (now(), 'receipt') returning id)
         insert into journal_lines (entry_id, account_id, amount_cents) select e.id, $1, 500 from e`,
        [acct.rows[0]!.id],
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await unbalancedEntries()).toBe(0);
  });

  it('keeps requests and the books to those who may see them', async () => {
    const c = await activeCase();
    const denied = await api('GET', '/api/funds/ledger', legal);
    expect(denied.statusCode).toBe(403);
    const approvals = await api('GET', '/api/funds/approvals', legal);
    expect(approvals.statusCode).toBe(403);
    const pay = await api('POST', `/api/fund-requests/${c.id}/disburse`, approver, { mode: 'mpesa_b2c' });
    expect(pay.statusCode).toBe(403);
    // Bad input: a clear error, nothing stored.
    const bad = await api('POST', `/api/cases/${c.id}/fund-requests`, duty, {
      amountCents: -5,
      purpose: 'holiday',
      method: 'mpesa',
      beneficiaryName: 'X',
    });
    expect(bad.statusCode).toBe(400);
    const none = await t.database.query('select 1 from fund_requests where case_id = $1', [c.id]);
    expect(none.rows).toHaveLength(0);
  });
});
