import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { hasRole, useCurrentUser } from '../features/auth/session.js';

/** Hides a page from users without the role. The API enforces access; this only avoids a dead end. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (hasRole(user, role)) return children;
  return (
    <section className="page">
      <PageHeading title={t('pages.forbidden')}>{t('pages.forbidden')}</PageHeading>
    </section>
  );
}
