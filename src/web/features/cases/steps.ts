import type { TransitionAction } from '../../../shared/workflow.js';

/** How each step is taken: at once, or through a small form. */
export type StepKind = 'oneClick' | 'reason' | 'optionalReason' | 'assess' | 'duplicate' | 'close';
export const stepKind: Record<TransitionAction, StepKind> = {
  acknowledge: 'oneClick',
  request_decision: 'oneClick',
  start_follow_up: 'oneClick',
  approve: 'optionalReason',
  decline: 'reason',
  escalate_decision: 'reason',
  mark_not_urgent: 'reason',
  mark_duplicate: 'duplicate',
  assess: 'assess',
  close: 'close',
  reopen: 'reason',
  withdraw: 'reason',
};

/** The steps that move a case forward get the primary style; stopping steps the plain or warning one. */
export const forward = new Set<TransitionAction>([
  'acknowledge',
  'assess',
  'request_decision',
  'approve',
  'start_follow_up',
  'close',
]);
export const stopping = new Set<TransitionAction>(['withdraw', 'decline']);
