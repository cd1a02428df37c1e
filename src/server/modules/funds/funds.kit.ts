import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { caseAccess, type Actor } from '../../security/policy.js';
import { createCaseLog, type CaseLog } from '../cases/case-log.js';
import type { FundsDeps } from './funds.deps.js';
import type { FundRequestRow } from './funds.repo.js';
import { createFundsViews } from './funds.views.js';

/**
 * What the funds use cases share: the case log (timeline + audit, ids and codes only), and the view of
 * a request as this actor may see it (the beneficiary's name only with full access to the case).
 */
export function createFundsKit(deps: Pick<FundsDeps, 'repo' | 'cases' | 'vault' | 'audit'>) {
  const { repo, cases, vault, audit } = deps;
  const caseLog: CaseLog = createCaseLog({ cases, audit });
  const views = createFundsViews(vault);

  /** Case access as the need-to-know policy decides it (no read of the case is implied). */
  async function access(actor: Actor | null, caseId: string, tx?: Executor) {
    const c = await cases.findById(caseId, tx);
    if (!c) throw new AppError('NOT_FOUND');
    const level = actor ? caseAccess(actor, c, await cases.isMember(c.id, actor.id, tx)) : 'none';
    return { c, level };
  }

  async function view(r: FundRequestRow, actor: Actor | null, tx?: Executor) {
    const { c, level } = await access(actor, r.caseId, tx);
    const approvals = await repo.approvalsOf([r.id], tx);
    const attempts = (await repo.paymentsOf(r.id, tx)).length;
    return views.requestView(
      r,
      { caseReference: c.reference, dataKeyId: c.dataKeyId, approvals, attempts, reveal: level === 'full' },
      tx,
    );
  }

  /** The request locked for this transaction, or NOT_FOUND. */
  async function locked(requestId: string, tx: Executor): Promise<FundRequestRow> {
    const r = await repo.lockRequest(requestId, tx);
    if (!r) throw new AppError('NOT_FOUND');
    return r;
  }

  /** Optimistic write of the request after its lock: a lost race is a CONFLICT, never a silent overwrite. */
  async function update(
    r: FundRequestRow,
    set: Parameters<FundsDeps['repo']['updateRequest']>[2],
    tx: Executor,
  ) {
    const u = await repo.updateRequest(r.id, r.version, set, tx);
    if (!u) throw new AppError('CONFLICT');
    return u;
  }

  return { caseLog, access, view, locked, update };
}
export type FundsKit = ReturnType<typeof createFundsKit>;
