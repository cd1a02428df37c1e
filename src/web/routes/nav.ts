import type { Role } from '../api/types.js';
import type { Permission } from '../../shared/permissions.js';

export interface NavItem {
  key: 'queue' | 'alerts' | 'oncall' | 'network' | 'messages' | 'simulator' | 'admin' | 'notifications';
  path: string;
  /** Shown only to users with this role. */
  role?: Role;
  /** Shown only to users whose roles give this permission (the same check the API makes). */
  permission?: Permission;
}

export const navItems: readonly NavItem[] = [
  { key: 'queue', path: '/queue' },
  { key: 'alerts', path: '/alerts', permission: 'alerts:read' },
  { key: 'oncall', path: '/oncall', permission: 'alerts:read' },
  { key: 'network', path: '/network' },
  { key: 'messages', path: '/messages', permission: 'messages:read' },
  { key: 'simulator', path: '/simulator', permission: 'simulator:use' },
  { key: 'admin', path: '/admin', role: 'admin' },
  { key: 'notifications', path: '/notifications' },
];
