import { describe, expect, it } from 'vitest';
import { checkRules, rulesForm, type DraftRule } from './rules.js';

const row = (over: Partial<DraftRule>): DraftRule => ({
  key: 1,
  channel: 'inapp',
  delay: '0',
  contact: '',
  ...over,
});

describe('notification rules form', () => {
  it('turns the rows into rules: in-app at once, SMS after 1 min, email after 5', () => {
    const { rules, problems } = checkRules([
      row({ channel: 'inapp', delay: '0', contact: 'ignored' }),
      row({ channel: 'sms', delay: '1', contact: ' 0712 345 678 ' }),
      row({ channel: 'email', delay: '5', contact: 'amina@example.org' }),
    ]);
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { channel: 'inapp', delayMinutes: 0, contact: null },
      { channel: 'sms', delayMinutes: 1, contact: '0712 345 678' },
      { channel: 'email', delayMinutes: 5, contact: 'amina@example.org' },
    ]);
  });

  it('names each row’s problem', () => {
    const { problems } = checkRules([
      row({ delay: '' }),
      row({ delay: '1.5' }),
      row({ delay: '1441' }),
      row({ channel: 'sms', delay: '1', contact: '07' }),
      row({ channel: 'email', delay: '5', contact: 'not-an-address' }),
    ]);
    expect(problems).toEqual([
      { index: 0, field: 'delay', problem: 'delay' },
      { index: 1, field: 'delay', problem: 'delay' },
      { index: 2, field: 'delay', problem: 'delay' },
      { index: 3, field: 'contact', problem: 'phoneRequired' },
      { index: 4, field: 'contact', problem: 'emailRequired' },
    ]);
  });
});

describe('notification rules form schema', () => {
  it('puts each problem on its row and field, as an i18n key; the output is the PUT body', () => {
    const bad = rulesForm.safeParse({ rules: [{ channel: 'sms', delay: 'x', contact: '' }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rules.0.delay', 'notificationRules.problems.delay'],
      ['rules.0.contact', 'notificationRules.problems.phoneRequired'],
    ]);
    expect(rulesForm.parse({ rules: [{ channel: 'inapp', delay: '0', contact: '' }] })).toEqual({
      rules: [{ channel: 'inapp', delayMinutes: 0, contact: null }],
    });
  });
});
