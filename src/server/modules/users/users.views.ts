import type { Role } from '../../../shared/permissions.js';
import type { UserInviteRow, UserRow } from '../../db/schema/index.js';

/** A user as the API shows it: never the password hash. */
export function toUserView(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles as Role[],
    locale: u.locale === 'sw' ? ('sw' as const) : ('en' as const),
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  };
}

export function toInviteView(i: UserInviteRow) {
  return {
    id: i.id,
    email: i.email,
    displayName: i.displayName,
    roles: i.roles as Role[],
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
  };
}

/** "•••• 678": enough for its owner to recognise the number, nothing for a shoulder-surfer. */
export function maskPhone(e164: string): string {
  return `•••• ${e164.slice(-3)}`;
}
