/**
 * Roles (DESIGN §1) and the capabilities they give. Every route declares exactly one permission; the
 * default is deny. Case-level need-to-know is decided separately by the policy module.
 */
export const roles = [
  'admin',
  'duty_officer',
  'approver',
  'legal',
  'research',
  'communications',
  'finance',
  'responder',
  'partner',
  'analyst',
  'leadership',
  /** Data-protection officer: answers data-subject requests (with a second approver). */
  'dpo',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** No sign-in needed (public form, health, SMS/USSD callbacks with their own secret). */
  'public',
  /** Any signed-in user, whatever their role (own profile, own sessions, logout). */
  'authenticated',
  /** The staff console itself (queue, navigation). */
  'console:use',
  'users:read',
  'users:manage',
  'jobs:manage',
  /** Cases: see the queue and cases (need-to-know rules in the policy module still apply). */
  'cases:read',
  'cases:create',
  'cases:screen',
  'cases:assess',
  'cases:decide',
  'cases:act',
  'cases:close',
  'cases:withdraw',
  'cases:manage_team',
  /** Reveal identifying fields of people on a case (audited). */
  'cases:reveal',
  /** Kenya DPA: consents, retention. */
  'dataprotection:manage',
  /** Ask for and run a data-subject export (only once a second person approved that request). */
  'dataprotection:export',
  /** Approve or refuse someone else's data-subject export request (the second person). */
  'dataprotection:approve',
  'breaches:manage',
  'audit:verify',
  'keys:manage',
  'settings:manage',
  /** Alerts: see open and past alerts, who was paged, the live stream and who is on call. */
  'alerts:read',
  /** Acknowledge, resolve or snooze an alert. */
  'alerts:act',
  /** Escalation policies and on-call rotations. */
  'oncall:manage',
  /** The message log (ids, channels, statuses; never content). */
  'messages:read',
  /** The console's phone simulator: inject SMS/USSD as the gateway would, read a phone's outbox. */
  'simulator:use',
  /** The responder roster and active missions (responders' identities are decrypted: audited). */
  'network:read',
  /** Register responders, set their areas, skills, availability, limits and PINs. */
  'network:manage',
  /** Propose responders for a case and send the dispatch SMS. */
  'network:dispatch',
  /** The supervisors' wellbeing view. Never part of analytics. */
  'network:wellbeing',
  /** Check in on a mission from the console (the responder, or a dispatcher who heard by phone). */
  'missions:check_in',
  /** Raise (and cancel) one's own SOS from the console. */
  'sos:raise',
  /** Ask for emergency funds on a case (bail, medical, transport, …). */
  'funds:request',
  /** Approve or refuse someone else's fund request (within the role's limit; DESIGN §2.3). */
  'funds:approve',
  /** Pay an approved request (M-Pesa B2C) or record a payment made by bank, cash or M-Pesa by hand. */
  'funds:disburse',
  /** Balances, the ledger and its CSV export (finance, auditors). */
  'funds:ledger',
  /** Funds (grants), receipts into the floats and reversals. */
  'funds:manage',
  /** Public statements: the drafts, their identifying-details findings and decisions. */
  'statements:read',
  /** Draft, edit, check (and accept findings with a reason) and publish approved statements. */
  'statements:draft',
  /** Approve someone else's checked statement; withdraw a published one. */
  'statements:approve',
  /** The lessons register, scheduled reviews and the quarterly learning report (read). */
  'lessons:read',
  /** Add lessons from after-action reviews, change their owner, status, due date and linked change. */
  'lessons:manage',
  /** Dashboards: aggregate figures only (timings, breaches, failure report, outcomes, county map). */
  'dashboards:read',
  /** Period reports (PDF): the dashboards' figures, the map, the tracker table, anonymised summaries. */
  'reports:read',
  /** The referral provider directory, and referrals from a case (consent first; withdraw). */
  'referrals:manage',
  /** The partner portal: one's own provider's referrals only (accept, decline, outcome, capacity). */
  'referrals:partner',
  /** Fact-finding missions: plan one, record its findings, link its interviews and evidence, its report. */
  'research:write',
] as const;
export type Permission = (typeof permissions)[number];

const staff: Role[] = [
  'admin',
  'dpo',
  'duty_officer',
  'approver',
  'legal',
  'research',
  'communications',
  'finance',
  'analyst',
  'leadership',
];

/** Which roles hold each permission. 'public' and 'authenticated' are handled by the auth plugin. */
export const grants: Record<Exclude<Permission, 'public' | 'authenticated'>, readonly Role[]> = {
  'console:use': [...staff, 'responder', 'partner'],
  'users:read': ['admin', 'leadership'],
  'users:manage': ['admin'],
  'jobs:manage': ['admin'],
  // Administrators run the system, not cases: no case content unless added to a case team by role.
  'cases:read': [
    'duty_officer',
    'approver',
    'legal',
    'research',
    'communications',
    'finance',
    'leadership',
    'responder',
  ],
  'cases:create': ['duty_officer', 'approver', 'legal', 'research', 'communications', 'leadership'],
  'cases:screen': ['duty_officer', 'approver', 'leadership'],
  'cases:assess': ['duty_officer', 'approver', 'legal', 'research'],
  'cases:decide': ['approver', 'leadership', 'duty_officer'],
  'cases:act': ['duty_officer', 'approver', 'legal', 'research', 'communications', 'finance', 'leadership'],
  'cases:close': ['duty_officer', 'approver', 'leadership'],
  'cases:withdraw': ['duty_officer', 'approver'],
  'cases:manage_team': ['duty_officer', 'approver', 'leadership'],
  // Identities only where the work needs them (DESIGN §1): the duty officer calls back and dispatches,
  // legal acts for the person (bail, habeas corpus), research verifies with witnesses, a dispatched
  // responder meets the victim (the policy limits them to the victim). Approvers, leadership,
  // communications and finance decide and act on the case without knowing who the people are.
  'cases:reveal': ['duty_officer', 'legal', 'research', 'responder'],
  'dataprotection:manage': ['admin', 'leadership', 'dpo'],
  'dataprotection:export': ['dpo'],
  'dataprotection:approve': ['dpo', 'leadership'],
  'breaches:manage': ['admin', 'leadership', 'dpo'],
  'audit:verify': ['admin', 'analyst'],
  'keys:manage': ['admin'],
  'settings:manage': ['admin'],
  // Alerts carry a reason and priority — never content — so all staff may watch; the case reference and
  // county only where the need-to-know policy shows the case (security/policy.ts#alertCaseView).
  'alerts:read': staff,
  'alerts:act': ['duty_officer', 'approver', 'leadership'],
  'oncall:manage': ['admin'],
  'messages:read': ['admin', 'duty_officer'],
  'simulator:use': ['admin'],
  'network:read': ['duty_officer', 'approver', 'leadership'],
  'network:manage': ['duty_officer', 'leadership'],
  'network:dispatch': ['duty_officer', 'approver', 'leadership'],
  // Supervisors of the network: the people who call a responder who needs rest.
  'network:wellbeing': ['leadership'],
  'missions:check_in': ['responder', 'duty_officer', 'approver', 'leadership'],
  'sos:raise': [...staff, 'responder', 'partner'],
  'funds:request': [
    'duty_officer',
    'approver',
    'legal',
    'research',
    'communications',
    'finance',
    'leadership',
  ],
  // Limits per role come from the funds settings; a role without a limit approves nothing.
  'funds:approve': ['approver', 'finance', 'leadership'],
  'funds:disburse': ['finance'],
  'funds:ledger': ['finance', 'analyst', 'leadership'],
  'funds:manage': ['finance'],
  'statements:read': ['communications', 'approver', 'leadership'],
  'statements:draft': ['communications'],
  // The author cannot approve their own statement (the service checks): a second communications
  // officer, an approver or leadership.
  'statements:approve': ['communications', 'approver', 'leadership'],
  'dashboards:read': ['analyst', 'leadership', 'duty_officer'],
  'reports:read': ['analyst', 'leadership'],
  'lessons:read': ['duty_officer', 'approver', 'analyst', 'leadership'],
  'lessons:manage': ['duty_officer', 'approver', 'leadership'],
  // Referrals need the case (need-to-know still applies); partners see their provider's and nothing else.
  'referrals:manage': ['duty_officer', 'approver', 'legal', 'research', 'leadership'],
  'referrals:partner': ['partner'],
  // Site visits are the research role's work (DESIGN §1); a mission is still seen by its team only, and
  // each linked case, testimony or evidence item goes through need-to-know on its case.
  'research:write': ['research'],
};

export function rolesAllow(userRoles: readonly string[], permission: Permission): boolean {
  if (permission === 'public') return true;
  if (permission === 'authenticated') return userRoles.length > 0;
  const allowed = grants[permission] as readonly string[];
  return userRoles.some((r) => allowed.includes(r));
}

export function isRole(v: string): v is Role {
  return (roles as readonly string[]).includes(v);
}
