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

export type CaseAccess = 'full' | 'redacted' | 'none';

/** Roles whose case access comes only from being on the team (dispatched responders, partners). */
const teamOnlyRoles: readonly Role[] = ['responder', 'partner'];

function teamOnly(actor: Actor): boolean {
  return actor.roles.every((r) => (teamOnlyRoles as readonly string[]).includes(r));
}

export function caseAccess(actor: Actor, c: { sensitivity: string }, isMember: boolean): CaseAccess {
  if (!rolesAllow(actor.roles, 'cases:read')) return 'none';
  if (isMember) return 'full';
  if (teamOnly(actor)) return 'none';
  const s = c.sensitivity as Sensitivity;
  if (s === 'normal') return 'full';
  if (s === 'sensitive') return 'redacted';
  return 'none';
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
