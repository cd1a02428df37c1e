import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText, isApiError } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { FilterBar, useUrlFilters, type FilterDef } from '../../components/FilterBar.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { caseStatuses } from '../../../shared/workflow.js';
import { priorities, violationTypeCodes } from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import { useQueue, useTransition, type QueueFilters, type QueueLine } from '../cases/api.js';
import { DangerMarker, LockIcon, PriorityBadge, StatusTag } from '../cases/badges.js';
import { counties } from '../cases/counties.js';
import { formatAge, formatDateTime, formatTimeLeft, useNow, violationLabel } from '../cases/format.js';

/** The queue's filters, kept in the address (?status=…&priority=…) so a filtered queue can be shared. */
function queueFilters(t: TFunction, lng: string): FilterDef[] {
  return [
    {
      key: 'status',
      label: t('queue.filterStatus'),
      anyLabel: t('queue.allOpen'),
      options: caseStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
    },
    {
      key: 'priority',
      label: t('queue.filterPriority'),
      anyLabel: t('queue.any'),
      options: priorities.map((p) => ({ value: p, label: t(`priority.${p}`) })),
    },
    {
      key: 'county',
      label: t('queue.filterCounty'),
      anyLabel: t('queue.anyCounty'),
      options: counties.map((c) => ({ value: c, label: c })),
    },
    {
      key: 'violationType',
      label: t('queue.filterViolation'),
      anyLabel: t('queue.any'),
      options: violationTypeCodes.map((v) => ({ value: v, label: violationLabel(v, lng) })),
      grow: true,
    },
  ];
}

/** Set by the intake form after a report is created. */
interface CreatedState {
  created?: { id: string; reference: string };
}

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const lng = i18n.language;
  const filterDefs = queueFilters(t, lng);
  const urlFilters = useUrlFilters(filterDefs);
  // Only values among the options are kept, so the casts below hold.
  const filters = urlFilters.values as QueueFilters;
  const canRead = rolesAllow(user.roles, 'cases:read');
  const queue = useQueue(filters, canRead);
  // Often enough that "4 min left" is never a minute stale.
  const now = useNow(5_000);
  const location = useLocation();
  const navigate = useNavigate();
  const created = (location.state as CreatedState | null)?.created;
  const bannerRef = useRef<HTMLDivElement>(null);
  const canCreate = rolesAllow(user.roles, 'cases:create');
  const filtered = urlFilters.active;

  useEffect(() => {
    if (created) bannerRef.current?.focus();
  }, [created]);

  if (!canRead || (queue.isError && isApiError(queue.error) && queue.error.status === 403)) {
    return (
      <section className="page">
        <PageHeading title={t('nav.queue')}>{t('nav.queue')}</PageHeading>
        <p className="card notice" data-testid="queue-no-access">
          {t('queue.noAccess')}
        </p>
      </section>
    );
  }

  return (
    <section className="page page--wide">
      <div className="page-title-row">
        <PageHeading title={t('nav.queue')}>{t('nav.queue')}</PageHeading>
        {canCreate ? (
          <Link to="/cases/new" className="button button--primary" data-testid="new-report">
            <span aria-hidden="true">+</span>
            {t('queue.newReport')}
          </Link>
        ) : null}
      </div>

      {created ? (
        <div
          ref={bannerRef}
          tabIndex={-1}
          className="alert alert--ok banner-row"
          role="status"
          data-testid="created-banner"
        >
          <p>{t('queue.created', { reference: created.reference })}</p>
          <p className="banner-row__actions">
            <Link to={`/cases/${created.id}`}>
              {t('queue.openCreated', { reference: created.reference })}
            </Link>
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void navigate(location.pathname + location.search, { replace: true, state: null })
              }
            >
              {t('queue.dismiss')}
            </button>
          </p>
        </div>
      ) : null}

      <FilterBar
        label={t('queue.filtersLabel')}
        filters={filterDefs}
        values={urlFilters.values}
        onChange={urlFilters.set}
        onClear={urlFilters.clear}
        idOf={(key) => (key === 'violationType' ? 'violation' : key)}
        testId="queue-filters"
      />

      <QueryState query={queue} refreshFailed={(message) => t('queue.refreshFailed', { message })}>
        {(lines) => (
          <DataTable
            caption={
              <>
                {filtered ? t('queue.captionFiltered') : t('queue.caption')}{' '}
                <span className="muted">({t('queue.count', { count: lines.length })})</span>
                <span className="queue__refresh muted" aria-hidden="true">
                  {queue.isFetching ? t('queue.refreshing') : t('queue.autoRefresh')}
                </span>
              </>
            }
            captionId="queue-caption"
            className="table--dense queue"
            stacked={false}
            testId="queue-table"
            columns={queueColumns(t, now, lng)}
            rows={lines}
            rowKey={(c) => c.id}
            rowProps={(c) => rowProps(c, c.id === created?.id)}
            empty={filtered ? t('queue.emptyFiltered') : t('queue.empty')}
            emptyProps={{ className: 'queue__empty', 'data-testid': 'queue-empty' }}
          />
        )}
      </QueryState>
    </section>
  );
}

/** A row's look: redacted, P1 and just created stand out; the reference is there for tests and links. */
function rowProps(c: QueueLine, highlight: boolean) {
  const classes = ['queue__row'];
  if (c.redacted) classes.push('queue__row--redacted');
  if (c.priority === 'P1') classes.push('queue__row--p1');
  if (highlight) classes.push('queue__row--new');
  return { className: classes.join(' '), 'data-testid': 'queue-row', 'data-reference': c.reference };
}

function queueColumns(t: TFunction, now: number, lng: string): Column<QueueLine>[] {
  return [
    { key: 'priority', label: t('queue.colPriority'), cell: (c) => <PriorityBadge priority={c.priority} /> },
    {
      key: 'reference',
      label: t('queue.colReference'),
      rowHeader: true,
      cell: (c) =>
        c.redacted ? (
          <>
            <span className="queue__ref queue__ref--locked" title={t('queue.redactedHint')}>
              <LockIcon />
              {c.reference}
              <span className="visually-hidden"> ({t('queue.redacted')})</span>
            </span>
            <TakeCase line={c} />
          </>
        ) : (
          <Link className="queue__ref" to={`/cases/${c.id}`} data-testid="queue-open">
            {c.reference}
          </Link>
        ),
    },
    {
      key: 'status',
      label: t('queue.colStatus'),
      cell: (c) => (
        <span className="queue__status">
          <StatusTag status={c.status} />
          {c.inDangerNow ? <DangerMarker /> : null}
        </span>
      ),
    },
    {
      key: 'violations',
      label: t('queue.colViolations'),
      cell: (c) =>
        c.redacted ? (
          <span className="muted">{t('queue.redacted')}</span>
        ) : c.violationTypes.length ? (
          c.violationTypes.map((v) => violationLabel(v, lng)).join('; ')
        ) : (
          <span className="muted">{t('queue.noViolations')}</span>
        ),
    },
    {
      key: 'place',
      label: t('queue.colPlace'),
      cell: (c) => [c.county, c.ward].filter(Boolean).join(' · ') || <span className="muted">—</span>,
    },
    { key: 'clock', label: t('queue.colClock'), cell: (c) => <QueueClock line={c} now={now} lng={lng} /> },
    {
      key: 'received',
      label: t('queue.colReceived'),
      cell: (c) => (
        <time dateTime={c.receivedAt} title={`${formatDateTime(c.receivedAt, lng)} ${t('cases.eat')}`}>
          {formatAge(c.receivedAt, now, lng, t('cases.justNow'))}
        </time>
      ),
    },
  ];
}

/**
 * A sensitive report nobody has taken yet: a screener takes it by acknowledging, which puts them on its
 * team as lead (audited), and opens it.
 */
function TakeCase({ line: c }: { line: QueueLine }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const take = useTransition(c.id);
  if (c.status !== 'received' || !rolesAllow(user.roles, 'cases:screen')) return null;
  async function onTake() {
    if (take.isPending) return;
    try {
      await take.mutateAsync({ action: 'acknowledge', body: {} });
      void navigate(`/cases/${c.id}`);
    } catch {
      // Someone else took it first, or it changed: the queue refreshes and shows what is true now.
    }
  }
  return (
    <>
      {' '}
      <button
        type="button"
        className="button button--small"
        aria-disabled={take.isPending}
        title={t('queue.takeHint')}
        onClick={() => void onTake()}
        data-testid="queue-take"
      >
        {take.isPending ? t('app.loading') : t('queue.take')}
        <span className="visually-hidden"> ({c.reference})</span>
      </button>
      {take.isError ? (
        <span className="field__error" role="alert">
          {errorText(take.error)}
        </span>
      ) : null}
    </>
  );
}

/**
 * The line's next clock: "4 min left"; red once it has run out ("overdue by 3 min"), and red with
 * "Overdue" when an earlier clock on the case was breached and not met. A dash when none is running.
 */
function QueueClock({ line: c, now, lng }: { line: QueueLine; now: number; lng: string }) {
  const { t } = useTranslation();
  const due = c.nextDueAt ? new Date(c.nextDueAt).getTime() : null;
  const late = due !== null && due <= now;
  const breached = Boolean(c.clockBreached) || late;
  if (due === null && !breached) return <span className="muted">—</span>;
  return (
    <span
      className={breached ? 'clock clock--breached' : 'clock'}
      data-testid="queue-clock"
      data-breached={breached ? 'true' : 'false'}
    >
      {breached && !late ? <strong className="clock__flag">{t('queue.overdue')}</strong> : null}
      {due !== null ? (
        <time
          dateTime={c.nextDueAt!}
          title={`${t('queue.nextDue')}: ${formatDateTime(c.nextDueAt!, lng)} ${t('cases.eat')}`}
        >
          {breached && !late
            ? t('queue.nextLeft', { left: formatTimeLeft(due, now, lng) })
            : formatTimeLeft(due, now, lng)}
        </time>
      ) : null}
    </span>
  );
}
