import { rolesAllow, type Role } from '../../shared/permissions.js';
import type { AppRoute } from './routeTable.js';

/** May this user open the route? The same rule hides its link and guards its page. */
export function canOpen(user: { roles: Role[] }, route: Pick<AppRoute, 'permission' | 'role'>) {
  return (
    (!route.role || user.roles.includes(route.role)) &&
    (!route.permission || rolesAllow(user.roles, route.permission))
  );
}
