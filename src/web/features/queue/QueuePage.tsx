import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText, isApiError } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { FilterBar, useUrlFilters, type FilterDef } from '../../components/FilterBar.js';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { caseStatuses } from '../../../shared/workflow.js';
import { priorities, violationTypeCodes } from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import {
  useQueue,
  useTransition,
  type QueueFilters,
  type QueueLine,
  type QueuePage as QueuePageData,
} from '../cases/api.js';
import type { Selection } from './BulkBar.js';
import { useDeferredQuery } from '../../components/useDeferredQuery.js';
import { DangerMarker, LockIcon, PriorityBadge, StatusTag } from '../cases/badges.js';
import { counties } from '../cases/counties.js';
import { formatAge, formatDateTime, formatTimeLeft, useNow, violationLabel } from '../cases/format.js';
import { formatNumber } from '../../i18n/formats.js';

// The bulk bar (and the events contract it checks against) loads when the first case is selected.
const BulkBar = lazy(() => import('./BulkBar.js').then((m) => ({ default: m.BulkBar })));

/** The queue's filters, kept in the address (?status=…&priority=…) so a filtered queue can be shared. */
function queueFilters(t: TFunction, lng: string, counts?: QueuePageData['counts']): FilterDef[] {
  // The count beside each choice: how many cases it would show (with the other filters as they are).
  const n = (c: Record<string, number> | undefined, k: string) =>
    c ? ` (${formatNumber(c[k] ?? 0, lng)})` : '';
  return [
    {
      key: 'status',
      label: t('queue.filterStatus'),
      anyLabel: t('queue.allOpen'),
      options: caseStatuses.map((s) => ({ value: s, label: t(`status.${s}`) + n(counts?.byStatus, s) })),
    },
    {
      key: 'priority',
      label: t('queue.filterPriority'),
      anyLabel: t('queue.any'),
      options: priorities.map((p) => ({ value: p, label: t(`priority.${p}`) + n(counts?.byPriority, p) })),
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
  const [params, setParams] = useSearchParams();
  // The filters' choices (what the address may hold); shown below with their counts once the queue has
  // answered (straight from its data: the previous page's stay while the next one loads).
  const choices = useMemo(() => queueFilters(t, lng), [t, lng]);
  const urlFilters = useUrlFilters(choices);
  // Only values among the options are kept, so the casts below hold. The search, tag, ward and event
  // come from the address as typed (the server checks them).
  const extra = (k: string) => params.get(k)?.trim() || undefined;
  const filters = {
    ...(urlFilters.values as QueueFilters),
    q: extra('q'),
    tag: extra('tag'),
    ward: extra('ward'),
    eventId: extra('eventId'),
  } as QueueFilters;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const canRead = rolesAllow(user.roles, 'cases:read');
  const queue = useQueue(filters, canRead, page);
  const shown = useDeferredQuery(queue);
  const counts = queue.data?.counts;
  const filterDefs = useMemo(() => queueFilters(t, lng, counts), [t, lng, counts]);
  const [selection, setSelection] = useState<Selection>({ mode: 'ids', ids: [] });
  const filterKey = JSON.stringify(filters);
  useEffect(() => setSelection({ mode: 'ids', ids: [] }), [filterKey]);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: key !== 'page' });
  };
  const canBulk = rolesAllow(user.roles, 'cases:screen');
  // Often enough that "4 min left" is never a minute stale.
  const now = useNow(5_000);
  const location = useLocation();
  const navigate = useNavigate();
  const created = (location.state as CreatedState | null)?.created;
  const bannerRef = useRef<HTMLDivElement>(null);
  const canCreate = rolesAllow(user.roles, 'cases:create');
  const filtered = urlFilters.active || Boolean(filters.q || filters.tag || filters.ward || filters.eventId);

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
        <KeyboardShortcuts
          keys={canBulk ? ['move', 'open', 'select', 'search'] : ['move', 'open', 'search']}
        />
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
        onChange={(key, value) => setParam(key, value)}
        onClear={urlFilters.clear}
        idOf={(key) => (key === 'violationType' ? 'violation' : key)}
        testId="queue-filters"
      />
      <QueueSearch value={filters.q ?? ''} onSearch={(q) => setParam('q', q || undefined)} />
      {filters.tag || filters.ward || filters.eventId ? (
        <p className="muted" data-testid="queue-extra-filters">
          {[
            filters.tag ? `${t('queue.tag')}: ${filters.tag}` : null,
            filters.ward ? `${t('queue.ward')}: ${filters.ward}` : null,
            filters.eventId ? t('queue.eventFilter') : null,
          ]
            .filter(Boolean)
            .join(' · ')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            {t('queue.clearAll')}
          </button>
        </p>
      ) : null}

      {canBulk && (selection.mode === 'all' || selection.ids.length > 0) ? (
        <Suspense fallback={null}>
          <BulkBar
            selection={selection}
            filters={filters}
            selectedLines={(queue.data?.cases ?? []).filter((l) =>
              selection.mode === 'all' ? true : selection.ids.includes(l.id),
            )}
            onDone={() => setSelection({ mode: 'ids', ids: [] })}
          />
        </Suspense>
      ) : null}

      <QueryState query={shown} refreshFailed={(message) => t('queue.refreshFailed', { message })}>
        {(data) => {
          const lines = data.cases;
          const from = lines.length ? (data.page - 1) * data.pageSize + 1 : 0;
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          const pageIds = lines.filter((l) => !l.redacted).map((l) => l.id);
          const selectedIds = selection.mode === 'ids' ? selection.ids : [];
          const allOnPage = pageIds.length > 0 && pageIds.every((id) => selectedIds.includes(id));
          const toggle = (id: string) =>
            setSelection({
              mode: 'ids',
              ids: selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id],
            });
          const select: Column<QueueLine> = {
            key: 'select',
            label: t('queue.select'),
            header: (
              <input
                type="checkbox"
                aria-label={t('queue.selectPage')}
                checked={selection.mode === 'all' || allOnPage}
                onChange={() =>
                  setSelection({
                    mode: 'ids',
                    ids: allOnPage
                      ? selectedIds.filter((id) => !pageIds.includes(id))
                      : [...new Set([...selectedIds, ...pageIds])],
                  })
                }
                data-testid="queue-select-page"
              />
            ),
            cell: (c) =>
              c.redacted ? null : (
                <input
                  type="checkbox"
                  aria-label={t('queue.selectOne', { reference: c.reference })}
                  checked={selection.mode === 'all' || selectedIds.includes(c.id)}
                  onChange={() => toggle(c.id)}
                  data-testid="queue-select"
                  data-shortcut-select=""
                />
              ),
          };
          return (
            <>
              {canBulk && allOnPage && data.total > lines.length && selection.mode === 'ids' ? (
                <p className="notice" data-testid="queue-select-all">
                  {t('queue.pageSelected', { count: pageIds.length })}{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSelection({ mode: 'all', total: data.total })}
                  >
                    {t('queue.selectAllMatching', {
                      count: data.total,
                      total: formatNumber(data.total, lng),
                    })}
                  </button>
                </p>
              ) : null}
              <DataTable
                caption={
                  <>
                    {filtered ? t('queue.captionFiltered') : t('queue.caption')}{' '}
                    <span className="muted" data-testid="queue-count">
                      (
                      {t('queue.showing', {
                        from: formatNumber(from, lng),
                        to: formatNumber(from + lines.length - (lines.length ? 1 : 0), lng),
                        total: formatNumber(data.total, lng),
                        count: data.total,
                      })}
                      )
                    </span>
                    <span className="queue__refresh muted" aria-hidden="true">
                      {queue.isFetching ? t('queue.refreshing') : t('queue.autoRefresh')}
                    </span>
                  </>
                }
                captionId="queue-caption"
                className="table--dense queue"
                stacked={false}
                testId="queue-table"
                columns={canBulk ? [select, ...queueColumns(t, now, lng)] : queueColumns(t, now, lng)}
                rows={lines}
                rowKey={(c) => c.id}
                rowProps={(c) => rowProps(c, c.id === created?.id)}
                empty={filtered ? t('queue.emptyFiltered') : t('queue.empty')}
                emptyProps={{ className: 'queue__empty', 'data-testid': 'queue-empty' }}
              />
              {pages > 1 ? (
                <nav className="pager" aria-label={t('queue.pages')} data-testid="queue-pager">
                  <button
                    type="button"
                    className="button"
                    disabled={data.page <= 1}
                    onClick={() => setParam('page', String(data.page - 1))}
                  >
                    {t('queue.previous')}
                  </button>{' '}
                  <span>{t('queue.pageOf', { page: data.page, pages })}</span>{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={data.page >= pages}
                    onClick={() => setParam('page', String(data.page + 1))}
                    data-testid="queue-next"
                  >
                    {t('queue.next')}
                  </button>
                </nav>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** The search box: a reference, a reporter's phone, a county or ward, a tag or an event. */
function QueueSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onSearch(text.trim());
  }
  return (
    <form role="search" className="queue-search" onSubmit={onSubmit} data-testid="queue-search">
      <label htmlFor="queue-q">{t('queue.search')}</label>{' '}
      <input
        id="queue-q"
        type="search"
        value={text}
        maxLength={100}
        aria-describedby="queue-q-hint"
        aria-keyshortcuts="/"
        data-shortcut-search=""
        onChange={(e) => setText(e.target.value)}
      />{' '}
      <button type="submit" className="button">
        {t('queue.searchButton')}
      </button>
      <p id="queue-q-hint" className="field__hint">
        {t('queue.searchHint')}
      </p>
    </form>
  );
}

/** A row's look: redacted, P1 and just created stand out; the reference is there for tests and links. */
function rowProps(c: QueueLine, highlight: boolean) {
  const classes = ['queue__row'];
  if (c.redacted) classes.push('queue__row--redacted');
  if (c.priority === 'P1') classes.push('queue__row--p1');
  if (highlight) classes.push('queue__row--new');
  return {
    className: classes.join(' '),
    'data-testid': 'queue-row',
    'data-reference': c.reference,
    'data-shortcut-row': '',
  };
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
          <Link className="queue__ref" to={`/cases/${c.id}`} data-testid="queue-open" data-shortcut-open="">
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
          {c.duplicateSuggested ? (
            <Link
              className="tag tag--flag"
              to={`/cases/${c.id}#case-duplicates`}
              data-testid="queue-duplicate"
            >
              {t('queue.duplicate')}
            </Link>
          ) : null}
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
      className: 'queue__place',
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
