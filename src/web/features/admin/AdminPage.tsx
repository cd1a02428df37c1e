import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { useCurrentUser } from '../auth/session.js';
import { useAdminUsers, type AdminUser } from './api.js';
import { InvitePanel } from './InvitePanel.js';
import { MfaResetPanel } from './MfaResetPanel.js';
import { UserPanel } from './UserPanel.js';
import { dateTimeFormat } from '../../i18n/formats.js';

/** People (DESIGN §8): who can sign in, their state, and the changes an administrator makes. */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const users = useAdminUsers();
  const [selected, setSelected] = useState<string | null>(null);
  const formatDate = dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (iso: string | null) =>
    iso ? <time dateTime={iso}>{formatDate.format(new Date(iso))}</time> : t('admin.never');
  const columns: Column<AdminUser>[] = [
    { key: 'name', label: t('admin.name'), rowHeader: true, cell: (u) => u.displayName },
    { key: 'email', label: t('admin.email'), cell: (u) => u.email },
    { key: 'roles', label: t('admin.roles'), cell: (u) => u.roles.map((r) => t(`roles.${r}`)).join(', ') },
    {
      key: 'status',
      label: t('admin.status'),
      cell: (u) => (
        <span className={u.disabled ? 'tag tag--muted' : 'tag tag--ok'}>
          {u.disabled ? t('admin.disabled') : t('admin.active')}
        </span>
      ),
    },
    { key: 'mfa', label: t('admin.mfa'), cell: (u) => (u.mfaEnrolled ? t('admin.yes') : t('admin.no')) },
    {
      key: 'phone',
      label: t('admin.phone'),
      cell: (u) => (u.phoneVerified ? t('admin.verified') : t('admin.no')),
    },
    { key: 'lastSignIn', label: t('admin.lastSignIn'), cell: (u) => when(u.lastSignInAt) },
    {
      key: 'manage',
      label: t('admin.manage'),
      cell: (u) =>
        u.id === me.id ? (
          <span className="muted">{t('admin.you')}</span>
        ) : (
          <button
            type="button"
            className="button button--small"
            data-testid={`manage-${u.email}`}
            onClick={() => setSelected(u.id)}
          >
            {t('admin.manage')}
          </button>
        ),
    },
  ];

  return (
    <section className="page">
      <PageHeading title={t('nav.admin')}>{t('nav.admin')}</PageHeading>
      <h2>{t('admin.title')}</h2>
      <QueryState query={users} isEmpty={(list) => list.length === 0} empty={<p>{t('admin.empty')}</p>}>
        {(list) => {
          const chosen = list.find((u) => u.id === selected);
          return (
            <>
              <DataTable
                caption={
                  <>
                    {t('admin.caption')}{' '}
                    <span className="muted">({t('admin.count', { count: list.length })})</span>
                  </>
                }
                captionId="users-caption"
                testId="users-table"
                columns={columns}
                rows={list}
                rowKey={(u) => u.id}
                empty={t('admin.empty')}
              />
              {chosen ? <UserPanel key={chosen.id} user={chosen} onClose={() => setSelected(null)} /> : null}
              <MfaResetPanel users={list} me={me.id} />
            </>
          );
        }}
      </QueryState>
      <InvitePanel />
    </section>
  );
}
