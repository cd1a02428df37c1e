import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { hasRole, useCurrentUser } from '../features/auth/session.js';
import { rolesAllow, type Permission } from '../../shared/permissions.js';

function Forbidden() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageHeading title={t('pages.forbidden')}>{t('pages.forbidden')}</PageHeading>
    </section>
  );
}

/** Hides a page from users without the role. The API enforces access; this only avoids a dead end. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const user = useCurrentUser();
  return hasRole(user, role) ? children : <Forbidden />;
}

/** Hides a page from users whose roles lack the permission the page's API needs (same rule as the API). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const user = useCurrentUser();
  return rolesAllow(user.roles, permission) ? children : <Forbidden />;
}
