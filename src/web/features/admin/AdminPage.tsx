import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { useUsers, type UserSummary } from './api.js';

const dateLocale = { en: 'en-KE', sw: 'sw-KE' } as const;

export function AdminPage() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const formatDate = new Intl.DateTimeFormat(i18n.language === 'sw' ? dateLocale.sw : dateLocale.en, {
    dateStyle: 'medium',
  });
  const columns: Column<UserSummary>[] = [
    { key: 'name', label: t('admin.name'), rowHeader: true, cell: (u) => u.displayName },
    { key: 'email', label: t('admin.email'), cell: (u) => u.email },
    { key: 'roles', label: t('admin.roles'), cell: (u) => u.roles.map((r) => t(`roles.${r}`)).join(', ') },
    { key: 'language', label: t('admin.language'), cell: (u) => t(`language.${u.locale}`) },
    {
      key: 'status',
      label: t('admin.status'),
      cell: (u) => (
        <span className={u.disabled ? 'tag tag--muted' : 'tag tag--ok'}>
          {u.disabled ? t('admin.disabled') : t('admin.active')}
        </span>
      ),
    },
    {
      key: 'created',
      label: t('admin.created'),
      cell: (u) => <time dateTime={u.createdAt}>{formatDate.format(new Date(u.createdAt))}</time>,
    },
  ];

  return (
    <section className="page">
      <PageHeading title={t('nav.admin')}>{t('nav.admin')}</PageHeading>
      <h2>{t('admin.title')}</h2>
      <QueryState query={users} isEmpty={(list) => list.length === 0} empty={<p>{t('admin.empty')}</p>}>
        {(list) => (
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
        )}
      </QueryState>
    </section>
  );
}
