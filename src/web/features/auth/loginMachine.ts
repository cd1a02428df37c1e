import type { FieldError } from '../../api/client.js';

/**
 * The sign-in flow as a small state machine, kept apart from the page so that more steps can be added
 * without touching the form. Today: credentials → signed in. A second factor will add a `code` step
 * (entered from `credentials` on a "code required" answer, with its own SUBMIT_CODE event), and the
 * page renders one form per step.
 */
export type LoginStep = 'credentials' | 'signedIn';

export interface LoginError {
  /** The server's (already localised) message, or the console's own for checks made here. */
  message: string;
  code: string;
  fields: FieldError[];
}

export type LoginState =
  | { step: 'credentials'; status: 'editing' | 'submitting'; email: string; error: LoginError | null }
  | { step: 'signedIn'; email: string };

export type LoginEvent =
  | { type: 'SUBMIT'; email: string }
  | { type: 'INVALID'; error: LoginError }
  | { type: 'FAILED'; error: LoginError }
  | { type: 'SUCCEEDED' }
  | { type: 'RESET' };

export function initialLoginState(email = ''): LoginState {
  return { step: 'credentials', status: 'editing', email, error: null };
}

export function loginReducer(state: LoginState, event: LoginEvent): LoginState {
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
          return { ...state, status: 'editing', error: event.error };
        case 'SUCCEEDED':
          return state.status === 'submitting' ? { step: 'signedIn', email: state.email } : state;
        case 'RESET':
          return initialLoginState(state.email);
      }
      return state;
    case 'signedIn':
      return event.type === 'RESET' ? initialLoginState(state.email) : state;
  }
}

export function isSubmitting(state: LoginState): boolean {
  return state.step === 'credentials' && state.status === 'submitting';
}
