import { randomUUID } from 'node:crypto';
import type {
  ApprovalItem,
  FundRequestInput,
  FundRequestView,
  PayableItem,
} from '../../../shared/contracts/funds.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { responseWritesAccepted } from '../../../shared/workflow.js';
import { AppError } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import { aad } from '../../security/aad.js';
import { caseAccess, type Actor } from '../../security/policy.js';
import { requireNotShredded } from '../../security/vault.js';
import type { FundsDeps } from './funds.deps.js';
import type { FundsKit } from './funds.kit.js';
import type { Ledger } from './ledger.js';
import { approvalRefusal, assertMove, GENERAL_FUND, requiredApprovals } from './funds.rules.js';

/**
 * Asking for money and deciding on it: a request on an active case (beneficiary sealed under the case
 * key), approval by someone other than the requester within their role's limit — two different
 * approvers above the threshold —, refusal and cancellation. Each step: timeline event + audit entry.
 */
export function createRequestUseCases(deps: FundsDeps, kit: FundsKit, ledger: Ledger) {
  const { db, repo, cases, workflow, vault, clock, settings } = deps;
  const { caseLog, view, locked, update } = kit;

  async function create(caseId: string, actor: Actor, input: FundRequestInput): Promise<FundRequestView> {
    const phone = input.beneficiaryPhone ? normalisePhone(input.beneficiaryPhone) : null;
    if (input.beneficiaryPhone && !phone)
      throw new AppError('PHONE_INVALID', { fields: [{ path: 'beneficiaryPhone', message: 'invalid' }] });
    return db
      .transaction(async (tx) => {
        await workflow.loadForActor(caseId, actor, tx);
        const c = await cases.lockCase(caseId, tx);
        if (!c) throw new AppError('NOT_FOUND');
        if (!(responseWritesAccepted.actions as readonly string[]).includes(c.status))
          throw new AppError('CASE_NOT_ACTIVE', { status: c.status, kind: 'funds' });
        await ledger.coreAccounts(tx);
        const fundId =
          input.fundId ??
          (
            await repo.ensureAccount(
              { code: GENERAL_FUND, kind: 'fund', name: 'Emergency fund' },
              clock.now(),
              tx,
            )
          ).id;
        const fund = await repo.findAccount(fundId, tx);
        if (!fund || fund.kind !== 'fund')
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'fundId', message: 'not a fund' }] });
        const s = await settings(tx);
        const id = randomUUID();
        const now = clock.now();
        const row = await repo.insertRequest(
          {
            id,
            caseId: c.id,
            amountCents: input.amountCents,
            purpose: input.purpose,
            method: input.method,
            status: 'requested',
            beneficiaryNameEnc: await vault.encrypt(
              c.dataKeyId,
              input.beneficiaryName,
              aad('fund_requests', 'beneficiary_name', id),
              tx,
            ),
            beneficiaryPhoneEnc: phone
              ? await vault.encrypt(c.dataKeyId, phone, aad('fund_requests', 'beneficiary_phone', id), tx)
              : null,
            fundAccountId: fund.id,
            requiredApprovals: requiredApprovals(input.amountCents, s),
            notifyBeneficiary: input.notifyBeneficiary,
            requestedBy: actor.id,
            requestedAt: now,
          },
          tx,
        );
        const data = {
          requestId: id,
          amountCents: row.amountCents,
          purpose: row.purpose,
          method: row.method,
          requiredApprovals: row.requiredApprovals,
        };
        await caseLog({ caseId: c.id, actorId: actor.id, type: 'funds.requested', data, at: now }, tx);
        return view(row, actor, tx);
      })
      .catch(requireNotShredded);
  }

  /** Approve (one of one or two approvals) or refuse. Neither by the requester. */
  async function decide(requestId: string, approve: boolean, actor: Actor): Promise<FundRequestView> {
    return db.transaction(async (tx) => {
      const r = await locked(requestId, tx);
      assertMove(r.status, approve ? 'approved' : 'cancelled');
      const s = await settings(tx);
      const approvedBy = (await repo.approvalsOf([r.id], tx)).map((a) => a.userId);
      const refusal = approvalRefusal(actor, r, approvedBy, s);
      const now = clock.now();
      if (refusal === 'own_request' || refusal === 'not_an_approver')
        throw new AppError('SEGREGATION_OF_DUTIES');
      if (!approve) {
        const u = await update(r, { status: 'cancelled', cancelReason: 'refused' }, tx);
        await caseLog(
          { caseId: r.caseId, actorId: actor.id, type: 'funds.refused', data: { requestId: r.id }, at: now },
          tx,
        );
        return view(u, actor, tx);
      }
      if (refusal === 'already_approved') throw new AppError('FUNDS_ALREADY_APPROVED');
      if (refusal === 'over_limit') throw new AppError('FUNDS_OVER_LIMIT');
      await repo.insertApproval({ requestId: r.id, userId: actor.id, at: now }, tx);
      const count = approvedBy.length + 1;
      const done = count >= r.requiredApprovals;
      const u = done ? await update(r, { status: 'approved' }, tx) : await update(r, {}, tx);
      const data = { requestId: r.id, approval: count, of: r.requiredApprovals, amountCents: r.amountCents };
      await caseLog(
        {
          caseId: r.caseId,
          actorId: actor.id,
          type: done ? 'funds.approved' : 'funds.approval_recorded',
          data,
          at: now,
        },
        tx,
      );
      return view(u, actor, tx);
    });
  }

  async function cancel(requestId: string, reason: string, actor: Actor): Promise<FundRequestView> {
    return db.transaction(async (tx) => {
      const r = await locked(requestId, tx);
      // The requester withdraws their own request; an approver may cancel any.
      if (r.requestedBy !== actor.id && !rolesAllow(actor.roles, 'funds:approve'))
        throw new AppError('FORBIDDEN');
      assertMove(r.status, 'cancelled');
      const u = await update(r, { status: 'cancelled', cancelReason: reason }, tx);
      const data = { requestId: r.id, reason };
      await caseLog(
        { caseId: r.caseId, actorId: actor.id, type: 'funds.cancelled', data, at: clock.now() },
        tx,
      );
      return view(u, actor, tx);
    });
  }

  /** A case's requests, for someone who may read the case (need-to-know). */
  async function ofCase(caseId: string, actor: Actor): Promise<FundRequestView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const out: FundRequestView[] = [];
    for (const r of await repo.requestsOfCase(c.id)) out.push(await view(r, actor));
    return out;
  }

  /** Requests waiting for a decision: no beneficiary, the case reference only where need-to-know allows. */
  async function approvalsQueue(actor: Actor): Promise<ApprovalItem[]> {
    const rows = await repo.pendingRequests();
    const approvals = await repo.approvalsOf(rows.map((r) => r.request.id));
    const s = await settings();
    const out: ApprovalItem[] = [];
    for (const { request: r, reference, sensitivity, caseStatus } of rows) {
      const approvedBy = approvals.filter((a) => a.requestId === r.id).map((a) => a.userId);
      const member = await cases.isMember(r.caseId, actor.id);
      const full = caseAccess(actor, { sensitivity, status: caseStatus }, member) === 'full';
      out.push({
        id: r.id,
        caseId: r.caseId,
        caseReference: full ? reference : null,
        amountCents: r.amountCents,
        purpose: r.purpose as ApprovalItem['purpose'],
        method: r.method as ApprovalItem['method'],
        requiredApprovals: r.requiredApprovals,
        approvalsSoFar: approvedBy.length,
        requestedBy: r.requestedBy,
        requestedAt: r.requestedAt.toISOString(),
        canApprove: approvalRefusal(actor, r, approvedBy, s) === null,
      });
    }
    return out;
  }

  /** Finance's queue: approved, paying and failed requests (no beneficiary; reference where visible). */
  async function payQueue(actor: Actor): Promise<PayableItem[]> {
    const rows = await repo.pendingRequests(['approved', 'paying', 'failed']);
    const out: PayableItem[] = [];
    for (const { request: r, reference, sensitivity, caseStatus } of rows) {
      const member = await cases.isMember(r.caseId, actor.id);
      const full = caseAccess(actor, { sensitivity, status: caseStatus }, member) === 'full';
      out.push({
        id: r.id,
        caseId: r.caseId,
        caseReference: full ? reference : null,
        amountCents: r.amountCents,
        purpose: r.purpose as PayableItem['purpose'],
        method: r.method as PayableItem['method'],
        requiredApprovals: r.requiredApprovals,
        requestedBy: r.requestedBy,
        requestedAt: r.requestedAt.toISOString(),
        status: r.status as PayableItem['status'],
        failureReason: r.failureReason,
      });
    }
    return out;
  }

  return { create, decide, cancel, ofCase, approvalsQueue, payQueue };
}
