import { rolesAllow, type Role } from '../../shared/permissions.js';
import type { Sensitivity } from '../../shared/vocabularies.js';

/**
 * Need-to-know, decided in one place. Roles give capabilities; membership of a case's team gives
 * access to that case. Routes and services ask here; they never re-implement these rules.
 */
export interface Actor {
  id: string;
  roles: readonly string[];
}

/** The signed-in caller as the policy sees them (routes with a non-public permission always have one). */
export function actorOf(request: { auth: { user: { id: string; roles: string[] } } | null }): Actor {
  return { id: request.auth!.user.id, roles: request.auth!.user.roles };
}

/**
 * - `full`: the case page, timeline and people (identities still masked until revealed);
 * - `mission`: a dispatched responder on the team — the victim, the place and their mission, nothing
 *   more (no narrative, no timeline, no reporter, no team);
 * - `redacted`: a queue line without ward, violation types or lead; the case itself is a 404;
 * - `none`: the case does not exist for this actor.
 */
export type CaseAccess = 'full' | 'mission' | 'redacted' | 'none';

/** Roles whose case access comes only from being on the team (dispatched responders, partners). */
const teamOnlyRoles: readonly Role[] = ['responder', 'partner'];

function teamOnly(actor: Actor): boolean {
  return actor.roles.every((r) => (teamOnlyRoles as readonly string[]).includes(r));
}

export function caseAccess(
  actor: Actor,
  c: { sensitivity: string; status?: string },
  isMember: boolean,
): CaseAccess {
  if (!rolesAllow(actor.roles, 'cases:read')) return 'none';
  if (teamOnly(actor)) return isMember ? 'mission' : 'none';
  if (isMember) return 'full';
  const s = c.sensitivity as Sensitivity;
  if (s === 'normal') return 'full';
  if (s === 'sensitive') return c.status === 'awaiting_decision' && isDecider(actor) ? 'full' : 'redacted';
  return 'none';
}

/**
 * Approvers, leadership and (for the P1 fast path) duty officers decide activation: a sensitive case
 * waiting for that decision is theirs to read. Restricted cases stay team-only even then.
 */
function isDecider(actor: Actor): boolean {
  return rolesAllow(actor.roles, 'cases:decide');
}

/**
 * The one step a screener may take on a sensitive case they cannot read yet: acknowledging it, which
 * puts them on its team as lead (audited). Without it a sensitive public report would have no team and
 * nobody could ever open it.
 */
export function canAcknowledgeRedacted(actor: Actor, access: CaseAccess): boolean {
  return access === 'redacted' && rolesAllow(actor.roles, 'cases:screen');
}

/** Whose identity a reveal may show: responders reveal only the victim they were sent to. */
export function canRevealPersonRole(access: CaseAccess, personRole: string): boolean {
  if (access === 'full') return true;
  if (access === 'mission') return personRole === 'victim';
  return false;
}

/**
 * Queue filters on fields a redacted line hides (violation types, lead) match only lines the caller
 * sees in full: filtering on a hidden field would let a redacted line be probed.
 */
export const filtersOnHiddenFields = ['violationType', 'assignee'] as const;

/**
 * What an alert shows about its case: the reference (and case id) when the caller may see the case's
 * queue line or was paged for this alert (the page already told them); the county only with the queue
 * line. Otherwise the alert shows its reason and priority and nothing that points at the case.
 */
export function alertCaseView(access: CaseAccess, paged: boolean): { reference: boolean; county: boolean } {
  const line = access !== 'none';
  return { reference: line || paged, county: line };
}

/**
 * A data-subject export reads a person across every case, whatever its team, so it goes through a
 * two-person rule: a data-protection officer asks, a different person approves, and only the asker may
 * then run the export, once.
 */
export function mayRunExport(
  actor: Actor,
  request: { requestedBy: string; decidedBy: string | null; status: string },
): boolean {
  return (
    rolesAllow(actor.roles, 'dataprotection:export') &&
    request.status === 'approved' &&
    request.requestedBy === actor.id &&
    request.decidedBy !== null &&
    request.decidedBy !== actor.id
  );
}

/** How the queue query must be limited for this actor. */
export function queueScope(actor: Actor): 'none' | 'members_only' | 'staff' {
  if (!rolesAllow(actor.roles, 'cases:read')) return 'none';
  return teamOnly(actor) ? 'members_only' : 'staff';
}

/** Partners see a referral and nothing else; the referral module asks here (later issue). */
export function canSeeReferral(actor: Actor, referral: { partnerUserIds: readonly string[] }): boolean {
  return referral.partnerUserIds.includes(actor.id);
}
