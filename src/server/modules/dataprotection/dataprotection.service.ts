import { createBreachWarnings } from './breach-warnings.js';
import { createBreaches } from './breaches.js';
import { createConsents } from './consents.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';
import { createPersonLinks } from './person-links.js';
import { createPersonRequests } from './person-requests.js';
import { createRetention } from './retention.js';
import { createSubjectExport } from './subject-export.js';

export type { DataProtectionDeps } from './dataprotection.deps.js';

/**
 * Kenya Data Protection Act 2019 duties: consent (consents.ts), the same person across reports
 * (person-links.ts), access and export (subject-export.ts), retention (retention.ts) and breach
 * notification (breaches.ts, breach-warnings.ts); search and erasure on request (person-requests.ts).
 */
export function createDataProtectionService(deps: DataProtectionDeps) {
  const consents = createConsents(deps);
  const links = createPersonLinks(deps);
  const subjectExport = createSubjectExport(deps);
  const retention = createRetention(deps, consents);
  const breaches = createBreaches(deps);
  const warnings = createBreachWarnings(deps);
  const requests = createPersonRequests(deps);
  return {
    recordConsent: consents.recordConsent,
    listConsents: consents.listConsents,
    withdrawConsent: consents.withdrawConsent,
    personLinks: links.personLinks,
    decidePersonLink: links.decidePersonLink,
    exportPerson: subjectExport.exportPerson,
    sealLegacyConsentPurposes: consents.sealLegacyConsentPurposes,
    sweepRetention: retention.sweepRetention,
    recordBreach: breaches.recordBreach,
    listBreaches: breaches.listBreaches,
    markBreachNotified: breaches.markBreachNotified,
    warnBreachDeadlines: warnings.warnBreachDeadlines,
    searchPersons: requests.searchPersons,
    erasePerson: requests.erasePerson,
    /** The retention periods in force (the organisation's rule, else today's defaults). */
    retentionRules: () => deps.retention(),
  };
}
export type DataProtectionService = ReturnType<typeof createDataProtectionService>;
