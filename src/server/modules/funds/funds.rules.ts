import {
  fundRequestFlow,
  type FundRequestStatus,
  type FundsSettings,
  type PaymentMethod,
} from '../../../shared/contracts/funds.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';

/** The rules of emergency funds as pure functions of their inputs (tested directly). */

/** Above the threshold two different people approve; at or below it, one. */
export const requiredApprovals = (amountCents: number, s: FundsSettings): number =>
  amountCents > s.twoApproverThresholdCents ? 2 : 1;

/** The highest limit among the actor's roles; a role without a configured limit approves nothing. */
export function approvalLimit(roles: readonly string[], s: FundsSettings): number {
  return Math.max(0, ...roles.map((r) => s.roleLimitsCents[r] ?? 0));
}

export type ApprovalRefusal = 'own_request' | 'already_approved' | 'over_limit' | 'not_an_approver';

/** Why this actor may not approve this request (null: they may). */
export function approvalRefusal(
  actor: Actor,
  r: { requestedBy: string; amountCents: number },
  approvedBy: readonly string[],
  s: FundsSettings,
): ApprovalRefusal | null {
  if (!rolesAllow(actor.roles, 'funds:approve')) return 'not_an_approver';
  if (r.requestedBy === actor.id) return 'own_request';
  if (approvedBy.includes(actor.id)) return 'already_approved';
  if (approvalLimit(actor.roles, s) < r.amountCents) return 'over_limit';
  return null;
}

/** Throw unless the lifecycle allows `from → to`. */
export function assertMove(from: string, to: FundRequestStatus): void {
  const allowed = fundRequestFlow[from as FundRequestStatus] ?? [];
  if (!allowed.includes(to)) {
    if (from === 'paid' || from === 'cancelled') throw new AppError('FUNDS_REQUEST_CLOSED', { from, to });
    throw new AppError('FUNDS_NOT_APPROVED', { from, to });
  }
}

/**
 * The OriginatorConversationID of attempt `n` of a request: derived from the request id, so the same
 * attempt can only ever be one payment (the column is unique), and short enough for Daraja.
 */
export const originatorConversationId = (requestId: string, attempt: number): string =>
  `DHR-${requestId.replace(/-/g, '')}-${attempt}`;

/** Ledger account codes: one float per method, one expense account per case, funds by their code. */
export const floatCode = (m: PaymentMethod) => `float:${m}`;
export const caseExpenseCode = (caseReference: string) => `expense:${caseReference}`;
export const fundCode = (code: string) => `fund:${code}`;
export const GENERAL_FUND = fundCode('general');
export const GRANT_INCOME = 'income:grants';

/** KES from cents for people and CSV: 2000000 → "20000.00". */
export const kes = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

/** 2000000 → "20,000" (whole shillings; SMS). */
export const kesShort = (cents: number): string => Math.round(cents / 100).toLocaleString('en-KE');

/** +254712345678 → +2547•••••678: enough to recognise, not enough to use. */
export const maskPhone = (e164: string): string =>
  e164.length > 8 ? `${e164.slice(0, 5)}${'•'.repeat(e164.length - 8)}${e164.slice(-3)}` : '•••';
