import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { FilterBar, useUrlFilters, type FilterDef } from '../../components/FilterBar.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
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

export function MessageLogPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = rolesAllow(user.roles, 'messages:read');
  const labels = useMessageLabels();
  const filterDefs: FilterDef[] = [
    {
      key: 'direction',
      label: t('messageLog.direction'),
      anyLabel: t('messageLog.any'),
      options: [
        { value: 'out', label: t('messageLog.out') },
        { value: 'in', label: t('messageLog.in') },
      ],
    },
    {
      key: 'channel',
      label: t('messageLog.channel'),
      anyLabel: t('messageLog.any'),
      options: messageChannels.map((c) => ({ value: c, label: labels.channel(c) })),
    },
    {
      key: 'status',
      label: t('messageLog.status'),
      anyLabel: t('messageLog.any'),
      options: messageStatuses.map((s) => ({ value: s, label: labels.status(s) })),
    },
  ];
  const filters = useUrlFilters(filterDefs);
  const log = useMessageLog(filters.values as MessageFilters, canRead);

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
  return (
    <section className="page page--wide" data-testid="messages-page">
      <PageHeading title={t('messageLog.title')}>{t('messageLog.title')}</PageHeading>
      <p className="muted">{t('messageLog.intro')}</p>
      <FilterBar
        label={t('messageLog.filtersLabel')}
        filters={filterDefs}
        values={filters.values}
        onChange={filters.set}
        onClear={filters.clear}
        idOf={(key) => `messages-${key}`}
      />

      <QueryState query={log}>
        {(lines) => <MessageTable lines={lines} refreshing={log.isFetching} />}
      </QueryState>
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
  const columns: Column<MessageLogLine>[] = [
    {
      key: 'time',
      label: t('messageLog.time'),
      cell: (m) => (
        <time dateTime={m.createdAt} title={`${formatDateTime(m.createdAt, lng)} ${t('cases.eat')}`}>
          {formatAge(m.createdAt, now, lng, t('cases.justNow'))}
        </time>
      ),
    },
    {
      key: 'channel',
      label: t('messageLog.channel'),
      cell: (m) => (
        <>
          {labels.channel(m.channel)}{' '}
          <span className="muted small">
            {m.direction === 'in' ? t('messageLog.inShort') : t('messageLog.outShort')}
          </span>
        </>
      ),
    },
    {
      key: 'status',
      label: t('messageLog.status'),
      cell: (m) => (
        <>
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
          {m.lastError ? <span className="muted small message-log__error"> {m.lastError}</span> : null}
          {m.deliveredAt ? (
            <span className="muted small">
              {' '}
              {t('messageLog.deliveredAt', { when: formatDateTime(m.deliveredAt, lng, 'short') })}
            </span>
          ) : null}
        </>
      ),
    },
    { key: 'attempts', label: t('messageLog.attempts'), cell: (m) => m.attempts },
    { key: 'recipient', label: t('messageLog.recipient'), cell: recipient },
    {
      key: 'case',
      label: t('messageLog.case'),
      cell: (m) =>
        m.caseId && canOpenCase ? (
          <Link to={`/cases/${m.caseId}`}>{m.caseReference ?? t('messageLog.openCase')}</Link>
        ) : m.caseId ? (
          (m.caseReference ?? t('messageLog.aCase'))
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <DataTable
      caption={
        <>
          {t('messageLog.caption')}{' '}
          <span className="muted">({t('messageLog.count', { count: lines.length })})</span>
          <span className="queue__refresh muted" aria-hidden="true">
            {refreshing ? t('messageLog.refreshing') : t('messageLog.autoRefresh')}
          </span>
        </>
      }
      captionId="messages-caption"
      columns={columns}
      rows={lines}
      rowKey={(m) => m.id}
      rowProps={(m) => ({ 'data-testid': 'message-row', 'data-status': m.status, 'data-channel': m.channel })}
      empty={t('messageLog.empty')}
      emptyProps={{ className: 'queue__empty' }}
      className="table--dense message-log"
      testId="messages-table"
    />
  );
}
