import { describe, expect, it } from 'vitest';
import { overrideForm } from './overrideForm.js';

const user = '00000000-0000-4000-8000-00000000000a';
const problems = (v: { userId: string; from: string; to: string }) => {
  const r = overrideForm.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('on-call cover form', () => {
  it('asks for one thing at a time: who, from, until, and an end after the start', () => {
    expect(problems({ userId: '', from: '', to: '' })).toEqual([['userId', 'form.required']]);
    expect(problems({ userId: user, from: '', to: '' })).toEqual([['from', 'form.required']]);
    expect(problems({ userId: user, from: '2026-03-10T14:00', to: '' })).toEqual([['to', 'form.required']]);
    expect(problems({ userId: user, from: '2026-03-10T14:00', to: '2026-03-10T14:00' })).toEqual([
      ['to', 'oncall.endAfterStart'],
    ]);
  });

  it('gives UTC instants from EAT times', () => {
    expect(overrideForm.parse({ userId: user, from: '2026-03-10T14:00', to: '2026-03-10T18:00' })).toEqual({
      userId: user,
      from: '2026-03-10T11:00:00.000Z',
      to: '2026-03-10T15:00:00.000Z',
    });
  });
});
