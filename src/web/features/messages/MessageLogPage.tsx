import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useUsers } from '../admin/api.js';
import { useCurrentUser } from '../auth/session.js';
import { formatAge, formatDateTime, useNow } from '../cases/format.js';
import {
  messageChannels,
  messageStatuses,
  useMessageLog,
  type MessageFilters,
  type MessageLogLine,
} from './api.js';
import { statusTagClass, useMessageLabels } from './labels.js';

const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The filters live in the address, like the queue's. */
function useFilters(): [MessageFilters, (key: keyof MessageFilters, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const filters: MessageFilters = {
    direction: pick(['in', 'out'] as const, params.get('direction')),
    channel: pick(messageChannels, params.get('channel')),
    status: pick(messageStatuses, params.get('status')),
  };
  const set = (key: keyof MessageFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [filters, set];
}

export function MessageLogPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = rolesAllow(user.roles, 'messages:read');
  const [filters, setFilter] = useFilters();
  const log = useMessageLog(filters, canRead);
  const labels = useMessageLabels();

  if (!canRead || (log.isError && isApiError(log.error) && log.error.status === 403)) {
    return (
      <section className="page">
        <PageHeading title={t('messageLog.title')}>{t('messageLog.title')}</PageHeading>
        <p className="card notice" data-testid="messages-no-access">
          {t('messageLog.noAccess')}
        </p>
      </section>
    );
  }
  const lines = log.data ?? [];

  return (
    <section className="page page--wide" data-testid="messages-page">
      <PageHeading title={t('messageLog.title')}>{t('messageLog.title')}</PageHeading>
      <p className="muted">{t('messageLog.intro')}</p>
      <form
        className="filters"
        role="search"
        aria-label={t('messageLog.filtersLabel')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field field--compact">
          <label htmlFor="msg-direction">{t('messageLog.direction')}</label>
          <select
            id="msg-direction"
            value={filters.direction ?? ''}
            onChange={(e) => setFilter('direction', e.target.value)}
          >
            <option value="">{t('messageLog.any')}</option>
            <option value="out">{t('messageLog.out')}</option>
            <option value="in">{t('messageLog.in')}</option>
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="msg-channel">{t('messageLog.channel')}</label>
          <select
            id="msg-channel"
            value={filters.channel ?? ''}
            onChange={(e) => setFilter('channel', e.target.value)}
          >
            <option value="">{t('messageLog.any')}</option>
            {messageChannels.map((c) => (
              <option key={c} value={c}>
                {labels.channel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="msg-status">{t('messageLog.status')}</label>
          <select
            id="msg-status"
            data-testid="messages-filter-status"
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
          >
            <option value="">{t('messageLog.any')}</option>
            {messageStatuses.map((s) => (
              <option key={s} value={s}>
                {labels.status(s)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {log.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : log.isError && !log.data ? (
        <div className="alert alert--error" role="alert">
          <p>{errorText(log.error)}</p>
          <button type="button" className="button" onClick={() => void log.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <MessageTable lines={lines} refreshing={log.isFetching} />
      )}
    </section>
  );
}

function MessageTable({ lines, refreshing }: { lines: MessageLogLine[]; refreshing: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const labels = useMessageLabels();
  const now = useNow(15_000);
  const lng = i18n.language;
  const canOpenCase = rolesAllow(user.roles, 'cases:read');
  // Administrators may read the user list: staff recipients by name; others see "a staff member".
  const usersList = useUsers(rolesAllow(user.roles, 'users:read'));
  const users = new Map((usersList.data ?? []).map((u) => [u.id, u.displayName]));
  const recipient = (m: MessageLogLine) => {
    if (m.direction === 'in') return t('messageLog.fromPhone');
    if (!m.userId) return t('messageLog.toPhone');
    if (m.userId === user.id) return t('messageLog.you');
    return users.get(m.userId) ?? t('messageLog.staff');
  };
  return (
    <div className="table-wrap" role="region" aria-labelledby="messages-caption" tabIndex={0}>
      <table className="table table--dense message-log" data-testid="messages-table">
        <caption id="messages-caption">
          {t('messageLog.caption')}{' '}
          <span className="muted">({t('messageLog.count', { count: lines.length })})</span>
          <span className="queue__refresh muted" aria-hidden="true">
            {refreshing ? t('messageLog.refreshing') : t('messageLog.autoRefresh')}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('messageLog.time')}</th>
            <th scope="col">{t('messageLog.channel')}</th>
            <th scope="col">{t('messageLog.status')}</th>
            <th scope="col">{t('messageLog.attempts')}</th>
            <th scope="col">{t('messageLog.recipient')}</th>
            <th scope="col">{t('messageLog.case')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 ? (
            <tr>
              <td colSpan={6} className="queue__empty">
                {t('messageLog.empty')}
              </td>
            </tr>
          ) : (
            lines.map((m) => (
              <tr key={m.id} data-testid="message-row" data-status={m.status} data-channel={m.channel}>
                <td data-label={t('messageLog.time')}>
                  <time
                    dateTime={m.createdAt}
                    title={`${formatDateTime(m.createdAt, lng)} ${t('cases.eat')}`}
                  >
                    {formatAge(m.createdAt, now, lng, t('cases.justNow'))}
                  </time>
                </td>
                <td data-label={t('messageLog.channel')}>
                  {labels.channel(m.channel)}{' '}
                  <span className="muted small">
                    {m.direction === 'in' ? t('messageLog.inShort') : t('messageLog.outShort')}
                  </span>
                </td>
                <td data-label={t('messageLog.status')}>
                  <span className={statusTagClass(m.status)} data-testid="message-status">
                    {labels.status(m.status)}
                  </span>
                  {m.fallbackOf ? (
                    <>
                      {' '}
                      <span className="tag tag--open" title={t('messageLog.fallbackHint')}>
                        {t('messageLog.fallback')}
                      </span>
                    </>
                  ) : null}
                  {m.lastError ? (
                    <span className="muted small message-log__error"> {m.lastError}</span>
                  ) : null}
                  {m.deliveredAt ? (
                    <span className="muted small">
                      {' '}
                      {t('messageLog.deliveredAt', { when: formatDateTime(m.deliveredAt, lng, 'short') })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('messageLog.attempts')}>{m.attempts}</td>
                <td data-label={t('messageLog.recipient')}>{recipient(m)}</td>
                <td data-label={t('messageLog.case')}>
                  {m.caseId && canOpenCase ? (
                    <Link to={`/cases/${m.caseId}`}>{t('messageLog.openCase')}</Link>
                  ) : m.caseId ? (
                    t('messageLog.aCase')
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
