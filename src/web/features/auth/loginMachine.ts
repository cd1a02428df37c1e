import type { FieldError } from '../../api/client.js';
import type { Session } from './api.js';
import type { EnrolmentSetup, PasswordAccepted } from './api.js';

/**
 * The sign-in flow as a small state machine, kept apart from the page (which does the calls and renders
 * one form per step):
 *
 *   credentials ──password ok──▶ code ───────────────────────────────▶ signedIn
 *        │                        (authenticator code or recovery code)
 *        └──first time──▶ enrol (QR + secret, first code) ─▶ recoveryCodes ─continue─▶ signedIn
 *
 * An expired challenge or a locked account sends the person back to `credentials`, email kept.
 */
export type LoginStep = LoginState['step'];

export interface LoginError {
  /** The server's (already localised) message, or the console's own for checks made here. */
  message: string;
  code: string;
  fields: FieldError[];
}

export type SecondFactorMode = 'totp' | 'recovery';
type FormStatus = 'editing' | 'submitting';

export type LoginState =
  | { step: 'credentials'; status: FormStatus; email: string; error: LoginError | null }
  | {
      step: 'code';
      status: FormStatus;
      email: string;
      challenge: string;
      methods: string[];
      mode: SecondFactorMode;
      error: LoginError | null;
    }
  | {
      step: 'enrol';
      /** `loading` while the new secret is fetched; `setup` stays null until it arrives. */
      status: 'loading' | FormStatus;
      email: string;
      challenge: string;
      setup: EnrolmentSetup | null;
      error: LoginError | null;
    }
  | { step: 'recoveryCodes'; email: string; codes: string[]; session: Session }
  | { step: 'signedIn'; email: string };

export type LoginEvent =
  | { type: 'SUBMIT'; email: string }
  | { type: 'PASSWORD_ACCEPTED'; result: PasswordAccepted }
  | { type: 'ENROLMENT_STARTING' }
  | { type: 'ENROLMENT_READY'; setup: EnrolmentSetup }
  | { type: 'SUBMIT_CODE' }
  | { type: 'SET_MODE'; mode: SecondFactorMode }
  | { type: 'INVALID'; error: LoginError }
  | { type: 'FAILED'; error: LoginError }
  | { type: 'ENROLLED'; codes: string[]; session: Session }
  | { type: 'SUCCEEDED' }
  | { type: 'RESET' };

/** Answers after which the challenge is of no more use: start again from the password. */
const restartCodes = new Set(['MFA_CHALLENGE_EXPIRED', 'ACCOUNT_LOCKED']);

export function initialLoginState(email = ''): LoginState {
  return { step: 'credentials', status: 'editing', email, error: null };
}

export function loginReducer(state: LoginState, event: LoginEvent): LoginState {
  if (event.type === 'RESET') return initialLoginState(state.email);
  switch (state.step) {
    case 'credentials':
      switch (event.type) {
        case 'SUBMIT':
          // A second submit while the first is on its way is ignored.
          if (state.status === 'submitting') return state;
          return { ...state, status: 'submitting', email: event.email, error: null };
        case 'INVALID':
          return { ...state, status: 'editing', error: event.error };
        case 'FAILED':
          // Keep the email the person typed; only the password is asked for again.
          return state.status === 'submitting' ? { ...state, status: 'editing', error: event.error } : state;
        case 'PASSWORD_ACCEPTED': {
          if (state.status !== 'submitting') return state;
          const { challenge, methods } = event.result;
          if (event.result.status === 'mfa_enrollment_required') {
            return {
              step: 'enrol',
              status: 'loading',
              email: state.email,
              challenge,
              setup: null,
              error: null,
            };
          }
          return {
            step: 'code',
            status: 'editing',
            email: state.email,
            challenge,
            methods,
            mode: 'totp',
            error: null,
          };
        }
        default:
          return state;
      }
    case 'code':
      switch (event.type) {
        case 'SUBMIT_CODE':
          if (state.status === 'submitting') return state;
          return { ...state, status: 'submitting', error: null };
        case 'SET_MODE':
          if (state.status === 'submitting' || state.mode === event.mode) return state;
          return { ...state, mode: event.mode, error: null };
        case 'INVALID':
          return { ...state, status: 'editing', error: event.error };
        case 'FAILED':
          if (state.status !== 'submitting') return state;
          if (restartCodes.has(event.error.code)) {
            return { step: 'credentials', status: 'editing', email: state.email, error: event.error };
          }
          return { ...state, status: 'editing', error: event.error };
        case 'SUCCEEDED':
          return state.status === 'submitting' ? { step: 'signedIn', email: state.email } : state;
        default:
          return state;
      }
    case 'enrol':
      switch (event.type) {
        case 'ENROLMENT_STARTING':
          return state.setup ? state : { ...state, status: 'loading', error: null };
        case 'ENROLMENT_READY':
          return state.status === 'loading'
            ? { ...state, status: 'editing', setup: event.setup, error: null }
            : state;
        case 'SUBMIT_CODE':
          if (state.status !== 'editing' || !state.setup) return state;
          return { ...state, status: 'submitting', error: null };
        case 'INVALID':
          return state.setup ? { ...state, status: 'editing', error: event.error } : state;
        case 'FAILED':
          if (state.status === 'editing') return state;
          if (restartCodes.has(event.error.code)) {
            return { step: 'credentials', status: 'editing', email: state.email, error: event.error };
          }
          // Without a secret there is nothing to edit: the page offers to try again.
          return { ...state, status: state.setup ? 'editing' : 'loading', error: event.error };
        case 'ENROLLED':
          return state.status === 'submitting'
            ? { step: 'recoveryCodes', email: state.email, codes: event.codes, session: event.session }
            : state;
        default:
          return state;
      }
    case 'recoveryCodes':
      return event.type === 'SUCCEEDED' ? { step: 'signedIn', email: state.email } : state;
    case 'signedIn':
      return state;
  }
}

export function isSubmitting(state: LoginState): boolean {
  return 'status' in state && state.status === 'submitting';
}
