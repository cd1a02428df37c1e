import { describe, expect, it } from 'vitest';
import type { Session } from './api.js';
import {
  initialLoginState,
  isSubmitting,
  loginReducer,
  type LoginError,
  type LoginState,
} from './loginMachine.js';

const wrong: LoginError = {
  code: 'INVALID_CREDENTIALS',
  message: 'The email or password is not correct.',
  fields: [],
};
const badCode: LoginError = {
  code: 'MFA_INVALID_CODE',
  message: 'The verification code is not correct.',
  fields: [],
};
const expired: LoginError = {
  code: 'MFA_CHALLENGE_EXPIRED',
  message: 'This sign-in attempt has expired.',
  fields: [],
};
const session: Session = {
  user: { id: 'u1', email: 'a@example.test', displayName: 'A', roles: ['duty_officer'], locale: 'en' },
  csrfToken: 'csrf',
};
const setup = {
  secret: 'ABC',
  otpauthUrl: 'otpauth://totp/x',
  qrDataUrl: 'data:image/png;base64,x',
  issuer: 'Dharura',
};
const expiresAt = '2026-03-10T09:05:00Z';

function passwordAccepted(status: 'mfa_required' | 'mfa_enrollment_required'): LoginState {
  const s = loginReducer(initialLoginState(), { type: 'SUBMIT', email: 'a@example.test' });
  return loginReducer(s, {
    type: 'PASSWORD_ACCEPTED',
    result: { status, challenge: 'challenge-token', methods: ['totp', 'recovery'], expiresAt },
  });
}

describe('login state machine: password', () => {
  it('keeps the email and shows the error when the password is wrong', () => {
    let s = loginReducer(initialLoginState(), { type: 'SUBMIT', email: 'a@example.test' });
    expect(isSubmitting(s)).toBe(true);
    s = loginReducer(s, { type: 'FAILED', error: wrong });
    expect(s).toEqual({ step: 'credentials', status: 'editing', email: 'a@example.test', error: wrong });
  });

  it('ignores a second submit while the first is on its way, and clears the old error on a new one', () => {
    let s = loginReducer(initialLoginState(), { type: 'INVALID', error: wrong });
    s = loginReducer(s, { type: 'SUBMIT', email: 'a@example.test' });
    expect(s).toMatchObject({ status: 'submitting', error: null });
    expect(loginReducer(s, { type: 'SUBMIT', email: 'other@example.test' })).toBe(s);
  });

  it('does not move on without a submit in flight', () => {
    const s = initialLoginState();
    expect(
      loginReducer(s, {
        type: 'PASSWORD_ACCEPTED',
        result: { status: 'mfa_required', challenge: 'c', methods: ['totp'], expiresAt },
      }),
    ).toBe(s);
    expect(loginReducer(s, { type: 'SUCCEEDED' })).toBe(s);
  });
});

describe('login state machine: second factor', () => {
  it('goes credentials → code → signed in', () => {
    let s = passwordAccepted('mfa_required');
    expect(s).toMatchObject({
      step: 'code',
      mode: 'totp',
      challenge: 'challenge-token',
      email: 'a@example.test',
    });
    s = loginReducer(s, { type: 'SUBMIT_CODE' });
    expect(isSubmitting(s)).toBe(true);
    s = loginReducer(s, { type: 'SUCCEEDED' });
    expect(s).toEqual({ step: 'signedIn', email: 'a@example.test' });
  });

  it('stays on the code step after a wrong code, and switches to a recovery code', () => {
    let s = loginReducer(passwordAccepted('mfa_required'), { type: 'SUBMIT_CODE' });
    s = loginReducer(s, { type: 'FAILED', error: badCode });
    expect(s).toMatchObject({ step: 'code', status: 'editing', error: badCode });
    s = loginReducer(s, { type: 'SET_MODE', mode: 'recovery' });
    expect(s).toMatchObject({ step: 'code', mode: 'recovery', error: null });
  });

  it('goes back to the password, email kept, when the challenge expired', () => {
    let s = loginReducer(passwordAccepted('mfa_required'), { type: 'SUBMIT_CODE' });
    s = loginReducer(s, { type: 'FAILED', error: expired });
    expect(s).toEqual({ step: 'credentials', status: 'editing', email: 'a@example.test', error: expired });
  });

  it('enrols: loading → code → recovery codes → signed in', () => {
    let s = passwordAccepted('mfa_enrollment_required');
    expect(s).toMatchObject({ step: 'enrol', status: 'loading', setup: null });
    expect(loginReducer(s, { type: 'SUBMIT_CODE' })).toBe(s);
    s = loginReducer(s, { type: 'ENROLMENT_READY', setup });
    expect(s).toMatchObject({ step: 'enrol', status: 'editing', setup });
    s = loginReducer(s, { type: 'SUBMIT_CODE' });
    s = loginReducer(s, { type: 'FAILED', error: badCode });
    expect(s).toMatchObject({ step: 'enrol', status: 'editing', setup, error: badCode });
    s = loginReducer(s, { type: 'SUBMIT_CODE' });
    s = loginReducer(s, { type: 'ENROLLED', codes: ['aaaaa-bbbbb'], session });
    expect(s).toEqual({ step: 'recoveryCodes', email: 'a@example.test', codes: ['aaaaa-bbbbb'], session });
    s = loginReducer(s, { type: 'SUCCEEDED' });
    expect(s.step).toBe('signedIn');
  });

  it('offers to try again when the new secret could not be fetched', () => {
    let s = loginReducer(passwordAccepted('mfa_enrollment_required'), { type: 'FAILED', error: wrong });
    expect(s).toMatchObject({ step: 'enrol', status: 'loading', setup: null, error: wrong });
    s = loginReducer(s, { type: 'ENROLMENT_STARTING' });
    expect(s).toMatchObject({ status: 'loading', error: null });
  });

  it('starts again from the password on RESET', () => {
    const s = loginReducer(passwordAccepted('mfa_required'), { type: 'RESET' });
    expect(s).toEqual(initialLoginState('a@example.test'));
  });
});
