import { describe, expect, it } from 'vitest';
import { initialLoginState, isSubmitting, loginReducer, type LoginError } from './loginMachine.js';

const wrong: LoginError = {
  code: 'INVALID_CREDENTIALS',
  message: 'The email or password is not correct.',
  fields: [],
};

describe('login state machine', () => {
  it('goes credentials → submitting → signed in', () => {
    let s = initialLoginState();
    s = loginReducer(s, { type: 'SUBMIT', email: 'a@example.test' });
    expect(isSubmitting(s)).toBe(true);
    s = loginReducer(s, { type: 'SUCCEEDED' });
    expect(s).toEqual({ step: 'signedIn', email: 'a@example.test' });
  });

  it('keeps the email and shows the error when sign-in fails', () => {
    let s = loginReducer(initialLoginState(), { type: 'SUBMIT', email: 'a@example.test' });
    s = loginReducer(s, { type: 'FAILED', error: wrong });
    expect(s).toEqual({ step: 'credentials', status: 'editing', email: 'a@example.test', error: wrong });
  });

  it('ignores a second submit while the first is on its way, and clears the old error on a new one', () => {
    let s = loginReducer(initialLoginState(), { type: 'INVALID', error: wrong });
    s = loginReducer(s, { type: 'SUBMIT', email: 'a@example.test' });
    expect(s).toMatchObject({ status: 'submitting', error: null });
    expect(loginReducer(s, { type: 'SUBMIT', email: 'other@example.test' })).toBe(s);
  });

  it('does not sign in without a submit in flight', () => {
    const s = initialLoginState();
    expect(loginReducer(s, { type: 'SUCCEEDED' })).toBe(s);
  });
});
