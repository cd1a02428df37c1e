import type {
  PartnerReferralView,
  ProviderView,
  ReferralStatus,
  ReferralView,
} from '../../../shared/contracts/referrals.js';
import type { ReferralProviderRow, ReferralRow } from './referrals.repo.js';

/** Rows → API views (pure). */
export function providerView(p: ReferralProviderRow, contacts: ProviderView['contacts']): ProviderView {
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    services: p.services,
    counties: p.counties,
    languages: p.languages,
    capacity: p.capacity,
    hours: p.hours,
    contacts,
    verifiedBy: p.verifiedBy,
    verifiedAt: p.verifiedAt?.toISOString() ?? null,
  };
}

export const referralNumber = (n: number) => `R${n}`;

export function referralView(r: ReferralRow, providerName: string): ReferralView {
  return {
    id: r.id,
    number: referralNumber(r.number),
    caseId: r.caseId,
    providerId: r.providerId,
    providerName,
    need: r.need,
    status: r.status as ReferralStatus,
    consent: {
      purpose: r.consentPurpose,
      fields: r.consentFields,
      method: r.consentMethod,
      recordedBy: r.consentRecordedBy,
      recordedAt: r.consentRecordedAt.toISOString(),
    },
    declineReason: r.declineReason,
    outcome: r.outcome,
    createdAt: r.createdAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

/** The partner's view: built field by field, so nothing of the case can slip in. */
export function partnerReferralView(
  r: ReferralRow,
  shared: Record<string, string> | null,
): PartnerReferralView {
  return {
    id: r.id,
    number: referralNumber(r.number),
    need: r.need,
    status: r.status as ReferralStatus,
    sentAt: r.createdAt.toISOString(),
    declineReason: r.declineReason,
    outcome: r.outcome,
    shared,
  };
}
