import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useUsers } from './api.js';

const dateLocale = { en: 'en-KE', sw: 'sw-KE' } as const;

export function AdminPage() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const formatDate = new Intl.DateTimeFormat(i18n.language === 'sw' ? dateLocale.sw : dateLocale.en, {
    dateStyle: 'medium',
  });

  return (
    <section className="page">
      <PageHeading title={t('nav.admin')}>{t('nav.admin')}</PageHeading>
      <h2>{t('admin.title')}</h2>
      {users.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : users.isError ? (
        <div className="alert alert--error" role="alert">
          <p>{errorText(users.error)}</p>
          <button type="button" className="button" onClick={() => void users.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : users.data.length === 0 ? (
        <p>{t('admin.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="users-caption" tabIndex={0}>
          <table className="table" data-testid="users-table">
            <caption id="users-caption">
              {t('admin.caption')}{' '}
              <span className="muted">({t('admin.count', { count: users.data.length })})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.roles')}</th>
                <th scope="col">{t('admin.language')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">{t('admin.created')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.displayName}</th>
                  <td>{u.email}</td>
                  <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                  <td>{t(`language.${u.locale}`)}</td>
                  <td>
                    <span className={u.disabled ? 'tag tag--muted' : 'tag tag--ok'}>
                      {u.disabled ? t('admin.disabled') : t('admin.active')}
                    </span>
                  </td>
                  <td>
                    <time dateTime={u.createdAt}>{formatDate.format(new Date(u.createdAt))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
