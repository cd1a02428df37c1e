import { describe, expect, it } from 'vitest';
import { defaultFundsSettings, fundRequestInput } from '../../../shared/contracts/funds.js';
import { csvCell } from './books.js';
import { assertBalanced, reversalLines } from './ledger.js';
import { paidSms } from './payments.js';
import {
  approvalLimit,
  approvalRefusal,
  assertMove,
  kes,
  maskPhone,
  originatorConversationId,
  requiredApprovals,
} from './funds.rules.js';

const s = defaultFundsSettings;
const lead = { id: 'lead', roles: ['leadership'] };
const approver = { id: 'appr', roles: ['approver'] };

describe('funds rules', () => {
  it('asks for two approvers only above the threshold', () => {
    expect(requiredApprovals(s.twoApproverThresholdCents, s)).toBe(1);
    expect(requiredApprovals(s.twoApproverThresholdCents + 1, s)).toBe(2);
  });

  it('takes the highest limit among roles; a role without one approves nothing', () => {
    expect(approvalLimit(['approver', 'leadership'], s)).toBe(s.roleLimitsCents.leadership);
    expect(approvalLimit(['legal'], s)).toBe(0);
  });

  it('refuses the requester, a second approval by the same person, and amounts over the limit', () => {
    const r = { requestedBy: 'appr', amountCents: 100_000 };
    expect(approvalRefusal(approver, r, [], s)).toBe('own_request');
    expect(approvalRefusal(lead, r, ['lead'], s)).toBe('already_approved');
    expect(approvalRefusal(approver, { requestedBy: 'x', amountCents: 6_000_000 }, [], s)).toBe('over_limit');
    expect(
      approvalRefusal({ id: 'l', roles: ['legal'] }, { requestedBy: 'x', amountCents: 100 }, [], s),
    ).toBe('not_an_approver');
    expect(approvalRefusal(lead, r, [], s)).toBeNull();
  });

  it('follows the lifecycle: a failed payment may be paid again, a paid one never moves', () => {
    expect(() => assertMove('failed', 'paying')).not.toThrow();
    expect(() => assertMove('requested', 'paying')).toThrow('FUNDS_NOT_APPROVED');
    expect(() => assertMove('paid', 'cancelled')).toThrow('FUNDS_REQUEST_CLOSED');
  });

  it('derives a short, unique OriginatorConversationID from the request id and attempt', () => {
    const id = '0b9e2f5c-4a1d-4c3e-9f00-123456789abc';
    expect(originatorConversationId(id, 1)).toBe('DHR-0b9e2f5c4a1d4c3e9f00123456789abc-1');
    expect(originatorConversationId(id, 2)).not.toBe(originatorConversationId(id, 1));
  });

  it('checks that an entry balances before the database does', () => {
    expect(() =>
      assertBalanced([
        { accountId: 'a', amountCents: 5 },
        { accountId: 'b', amountCents: -5 },
      ]),
    ).not.toThrow();
    expect(() =>
      assertBalanced([
        { accountId: 'a', amountCents: 5 },
        { accountId: 'b', amountCents: -4 },
      ]),
    ).toThrow('LEDGER_UNBALANCED');
    expect(() =>
      assertBalanced([
        { accountId: 'a', amountCents: 0 },
        { accountId: 'b', amountCents: 0 },
      ]),
    ).toThrow();
    expect(() =>
      assertBalanced([
        { accountId: 'a', amountCents: 1.5 },
        { accountId: 'b', amountCents: -1.5 },
      ]),
    ).toThrow();
    expect(reversalLines([{ accountId: 'a', amountCents: 5 }])).toEqual([
      { accountId: 'a', amountCents: -5 },
    ]);
  });

  it('formats money and masks phones', () => {
    expect(kes(2_000_000)).toBe('20000.00');
    expect(kes(-105)).toBe('-1.05');
    expect(maskPhone('+254712345678')).toBe('+2547•••••678');
  });

  it('writes CSV cells no spreadsheet runs as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('UA-2026-00001')).toBe('UA-2026-00001');
    expect(csvCell(null)).toBe('');
  });

  it('tells the beneficiary in English and Kiswahili, without the purpose', () => {
    const sms = paidSms(2_000_000, 'mpesa', 'TLR0000001');
    expect(sms).toContain('KES 20,000 has been paid to you by M-Pesa (ref TLR0000001)');
    expect(sms).toContain('zimelipwa kwako kwa M-Pesa (kumb. TLR0000001)');
    expect(sms).not.toMatch(/bail|dhamana/i);
    expect(sms.length).toBeLessThanOrEqual(160 * 2);
  });

  it('refuses an M-Pesa request without a phone or with cents', () => {
    const base = { amountCents: 2_000_050, purpose: 'bail', method: 'mpesa', beneficiaryName: 'A Person' };
    const r = fundRequestInput.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['amountCents', 'beneficiaryPhone']);
    expect(fundRequestInput.safeParse({ ...base, method: 'cash', amountCents: 100 }).success).toBe(true);
  });
});
