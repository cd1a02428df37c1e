import type { Locale } from '../../shared/locale.js';
import type { Role } from '../../shared/permissions.js';

export type { Locale, Role };

/** The signed-in user as /api/auth/me, login and preferences return it. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

/** A row of GET /api/users. */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  disabled: boolean;
  createdAt: string;
}
