import type {
  FundPurpose,
  FundRequestStatus,
  FundRequestView,
  PaymentMethod,
} from '../../../shared/contracts/funds.js';
import type { Executor } from '../../db/client.js';
import { aad } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type { FundRequestRow } from './funds.repo.js';
import { maskPhone } from './funds.rules.js';

/** Rows → API views. The beneficiary's name only for someone who may read the case; the phone masked. */
export function createFundsViews(vault: Vault) {
  async function requestView(
    r: FundRequestRow,
    ctx: {
      caseReference: string;
      dataKeyId: string;
      approvals: { userId: string; at: Date }[];
      attempts: number;
      reveal: boolean;
    },
    tx?: Executor,
  ): Promise<FundRequestView> {
    const open = async () => ({
      name: ctx.reveal
        ? await vault.decrypt(
            ctx.dataKeyId,
            r.beneficiaryNameEnc,
            aad('fund_requests', 'beneficiary_name', r.id),
            tx,
          )
        : null,
      phone: await vault.decryptOptional(
        ctx.dataKeyId,
        r.beneficiaryPhoneEnc,
        aad('fund_requests', 'beneficiary_phone', r.id),
        tx,
      ),
    });
    // A crypto-shredded case: the books keep the amounts, the people are gone.
    const { name, phone } = await open().catch(() => ({ name: null, phone: null }));
    return {
      id: r.id,
      caseId: r.caseId,
      caseReference: ctx.caseReference,
      amountCents: r.amountCents,
      purpose: r.purpose as FundPurpose,
      method: r.method as PaymentMethod,
      status: r.status as FundRequestStatus,
      beneficiaryName: name,
      beneficiaryPhoneMasked: phone ? maskPhone(phone) : null,
      fundId: r.fundAccountId,
      requiredApprovals: r.requiredApprovals,
      approvals: ctx.approvals.map((a) => ({ userId: a.userId, at: a.at.toISOString() })),
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt.toISOString(),
      failureReason: r.failureReason,
      paidAt: r.paidAt?.toISOString() ?? null,
      paymentReference: r.paymentReference,
      attempts: ctx.attempts,
      cancelReason: r.cancelReason,
      version: r.version,
    };
  }
  return { requestView };
}
export type FundsViews = ReturnType<typeof createFundsViews>;
