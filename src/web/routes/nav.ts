import type { Role } from '../api/types.js';

export interface NavItem {
  key: 'queue' | 'alerts' | 'network' | 'reports' | 'admin';
  path: string;
  /** Shown only to users with this role. */
  role?: Role;
}

export const navItems: readonly NavItem[] = [
  { key: 'queue', path: '/queue' },
  { key: 'alerts', path: '/alerts' },
  { key: 'network', path: '/network' },
  { key: 'reports', path: '/reports' },
  { key: 'admin', path: '/admin', role: 'admin' },
];
