import { describe, expect, it } from 'vitest';
import { fundRequestInput } from '../../../shared/contracts/funds.js';
import { en } from '../../i18n/en.js';
import { sw } from '../../i18n/sw.js';
import { fundRequestForm, toFundRequestBody } from './FundsSection.js';

describe('fund request form', () => {
  it('turns shillings as typed into a body the contract accepts', () => {
    const v = fundRequestForm.parse({
      amount: '20000',
      purpose: 'bail',
      method: 'mpesa',
      beneficiaryName: ' Wanjiru ',
      beneficiaryPhone: '0712 345 678',
      notifyBeneficiary: true,
    });
    const body = toFundRequestBody(v);
    expect(body).toMatchObject({ amountCents: 2_000_000, beneficiaryName: 'Wanjiru' });
    expect(fundRequestInput.safeParse(body).success).toBe(true);
    expect(toFundRequestBody({ ...v, amount: '150.05' }).amountCents).toBe(15_005);
  });

  it('refuses an amount that is not shillings, with a message in both languages', () => {
    const r = fundRequestForm.safeParse({
      amount: '20,000 bob',
      purpose: 'bail',
      method: 'cash',
      beneficiaryName: 'Wanjiru',
      beneficiaryPhone: '',
      notifyBeneficiary: false,
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('funds.invalidAmount');
    expect(en.funds.invalidAmount).toBeTruthy();
    expect(sw.funds.invalidAmount).not.toBe(en.funds.invalidAmount);
  });
});
