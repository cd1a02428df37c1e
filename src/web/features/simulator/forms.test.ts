import { describe, expect, it } from 'vitest';
import { phoneForm, smsForm, ussdAnswerForm } from './forms.js';

const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error!.issues[0]!.message;

describe('simulator forms', () => {
  it('takes a phone number with at least 9 digits, trimmed', () => {
    expect(message(phoneForm.safeParse({ phone: '0712 55' }))).toBe('simulator.phoneInvalid');
    expect(phoneForm.parse({ phone: ' 0712 555 010 ' })).toEqual({ phone: '0712 555 010' });
  });

  it('needs an SMS text; a USSD answer may be empty', () => {
    expect(message(smsForm.safeParse({ text: '   ' }))).toBe('simulator.smsRequired');
    expect(smsForm.parse({ text: ' STATUS UA-2026-00001 ' })).toEqual({ text: 'STATUS UA-2026-00001' });
    expect(ussdAnswerForm.parse({ answer: ' ' })).toEqual({ answer: '' });
  });
});
