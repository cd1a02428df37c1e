import { describe, expect, it } from 'vitest';
import { dispatchInput } from '../../../shared/contracts/network.js';
import { dispatchDefaults, dispatchForm } from './dispatchForm.js';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';
const problems = (v: typeof dispatchDefaults) => {
  const r = dispatchForm.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('dispatch form', () => {
  it('needs someone to ask, and no more needed than asked', () => {
    expect(problems(dispatchDefaults)).toEqual([['responderIds', 'network.dispatch.chooseSomeone']]);
    expect(problems({ ...dispatchDefaults, responderIds: [a], needed: '2' })).toEqual([
      ['needed', 'network.dispatch.neededMoreThanAsked'],
    ]);
    expect(problems({ ...dispatchDefaults, responderIds: [a], needed: '0' })).toEqual([
      ['needed', 'network.dispatch.neededRange'],
    ]);
  });

  it('asks exactly the chosen, all at once, with numbers the contract accepts', () => {
    const body = dispatchForm.parse({ ...dispatchDefaults, responderIds: [a, b], checkInMinutes: '15' });
    expect(body).toEqual({
      missionType: 'escort',
      needed: 1,
      batchSize: 2,
      responderIds: [a, b],
      checkInMinutes: 15,
      replyMinutes: 10,
    });
    expect(dispatchInput.safeParse(body).success).toBe(true);
  });
});
