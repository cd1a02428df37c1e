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
] as const;
export type Permission = (typeof permissions)[number];

const staff: Role[] = [
  'admin',
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
