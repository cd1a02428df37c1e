import type { ReferralsDeps } from './referrals.deps.js';
import { createPartner } from './partner.js';
import { createProviders } from './providers.js';
import { createReferrals } from './referrals.js';

/** The referrals module: the provider directory, referrals from cases, and the partner portal. */
export function createReferralsService(deps: ReferralsDeps) {
  const providers = createProviders(deps);
  const { contactsOf: _contactsOf, providerOf: _providerOf, ...directory } = providers;
  return {
    providers: directory,
    referrals: createReferrals(deps, providers),
    partner: createPartner(deps, providers),
  };
}
export type ReferralsService = ReturnType<typeof createReferralsService>;
