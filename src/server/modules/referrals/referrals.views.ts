import type {
  PartnerReferralView,
  ProviderIndicator,
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
    responseDueAt: r.responseDueAt?.toISOString() ?? null,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    satisfied: r.satisfied,
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

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Counts → the indicator with its rates (completed of accepted; satisfied of those asked). */
export function providerIndicatorView(c: Omit<ProviderIndicator, `${string}Rate`>): ProviderIndicator {
  return {
    ...c,
    acceptedInTimeRate: rate(c.acceptedInTime, c.referrals),
    completedRate: rate(c.completed, c.accepted),
    satisfiedRate: rate(c.satisfied, c.asked),
  };
}
