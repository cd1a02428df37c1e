import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { caseStatuses, type CaseStatus } from '../../../shared/workflow.js';
import {
  priorities,
  violationTypeCodes,
  type Priority,
  type ViolationType,
} from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import { useQueue, useTransition, type QueueFilters, type QueueLine } from '../cases/api.js';
import { DangerMarker, LockIcon, PriorityBadge, StatusTag } from '../cases/badges.js';
import { counties } from '../cases/counties.js';
import { formatAge, formatDateTime, formatTimeLeft, useNow, violationLabel } from '../cases/format.js';

const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The filters live in the address (?status=…&priority=…), so a filtered queue can be shared or reloaded. */
function useFilters(): [QueueFilters, (key: keyof QueueFilters, value: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters: QueueFilters = {
    status: pick<CaseStatus>(caseStatuses, params.get('status')),
    priority: pick<Priority>(priorities, params.get('priority')),
    county: pick<string>(counties, params.get('county')),
    violationType: pick<ViolationType>(violationTypeCodes, params.get('violationType')),
  };
  const set = (key: keyof QueueFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [filters, set, () => setParams(new URLSearchParams(), { replace: true })];
}

/** Set by the intake form after a report is created. */
interface CreatedState {
  created?: { id: string; reference: string };
}

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [filters, setFilter, clearFilters] = useFilters();
  const canRead = rolesAllow(user.roles, 'cases:read');
  const queue = useQueue(filters, canRead);
  // Often enough that "4 min left" is never a minute stale.
  const now = useNow(5_000);
  const location = useLocation();
  const navigate = useNavigate();
  const created = (location.state as CreatedState | null)?.created;
  const bannerRef = useRef<HTMLDivElement>(null);
  const lng = i18n.language;
  const canCreate = rolesAllow(user.roles, 'cases:create');
  const filtered = Object.values(filters).some(Boolean);

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

  const lines = queue.data ?? [];

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

      <form
        className="filters"
        role="search"
        aria-label={t('queue.filtersLabel')}
        data-testid="queue-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field field--compact">
          <label htmlFor="filter-status">{t('queue.filterStatus')}</label>
          <select
            id="filter-status"
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
            data-testid="filter-status"
          >
            <option value="">{t('queue.allOpen')}</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="filter-priority">{t('queue.filterPriority')}</label>
          <select
            id="filter-priority"
            value={filters.priority ?? ''}
            onChange={(e) => setFilter('priority', e.target.value)}
            data-testid="filter-priority"
          >
            <option value="">{t('queue.any')}</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="filter-county">{t('queue.filterCounty')}</label>
          <select
            id="filter-county"
            value={filters.county ?? ''}
            onChange={(e) => setFilter('county', e.target.value)}
            data-testid="filter-county"
          >
            <option value="">{t('queue.anyCounty')}</option>
            {counties.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact field--grow">
          <label htmlFor="filter-violation">{t('queue.filterViolation')}</label>
          <select
            id="filter-violation"
            value={filters.violationType ?? ''}
            onChange={(e) => setFilter('violationType', e.target.value)}
            data-testid="filter-violation"
          >
            <option value="">{t('queue.any')}</option>
            {violationTypeCodes.map((v) => (
              <option key={v} value={v}>
                {violationLabel(v, lng)}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button type="button" className="button button--small" onClick={clearFilters}>
            {t('queue.clearFilters')}
          </button>
        ) : null}
      </form>

      {queue.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : queue.isError && !queue.data ? (
        <div className="alert alert--error" role="alert">
          <p>{errorText(queue.error)}</p>
          <button type="button" className="button" onClick={() => void queue.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <>
          {queue.isError ? (
            <p className="alert alert--error" role="alert">
              {t('queue.refreshFailed', { message: errorText(queue.error) })}
            </p>
          ) : null}
          <div className="table-wrap" role="region" aria-labelledby="queue-caption" tabIndex={0}>
            <table className="table table--dense queue" data-testid="queue-table">
              <caption id="queue-caption">
                {filtered ? t('queue.captionFiltered') : t('queue.caption')}{' '}
                <span className="muted">({t('queue.count', { count: lines.length })})</span>
                <span className="queue__refresh muted" aria-hidden="true">
                  {queue.isFetching ? t('queue.refreshing') : t('queue.autoRefresh')}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.colPriority')}</th>
                  <th scope="col">{t('queue.colReference')}</th>
                  <th scope="col">{t('queue.colStatus')}</th>
                  <th scope="col">{t('queue.colViolations')}</th>
                  <th scope="col">{t('queue.colPlace')}</th>
                  <th scope="col">{t('queue.colClock')}</th>
                  <th scope="col">{t('queue.colReceived')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="queue__empty" data-testid="queue-empty">
                      {filtered ? t('queue.emptyFiltered') : t('queue.empty')}
                    </td>
                  </tr>
                ) : (
                  lines.map((c) => (
                    <QueueRow key={c.id} line={c} now={now} lng={lng} highlight={c.id === created?.id} />
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function QueueRow({
  line: c,
  now,
  lng,
  highlight,
}: {
  line: QueueLine;
  now: number;
  lng: string;
  highlight: boolean;
}) {
  const { t } = useTranslation();
  const classes = ['queue__row'];
  if (c.redacted) classes.push('queue__row--redacted');
  if (c.priority === 'P1') classes.push('queue__row--p1');
  if (highlight) classes.push('queue__row--new');
  const place = [c.county, c.ward].filter(Boolean).join(' · ');
  return (
    <tr className={classes.join(' ')} data-testid="queue-row" data-reference={c.reference}>
      <td data-label={t('queue.colPriority')}>
        <PriorityBadge priority={c.priority} />
      </td>
      <th scope="row" data-label={t('queue.colReference')}>
        {c.redacted ? (
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
        )}
      </th>
      <td data-label={t('queue.colStatus')}>
        <span className="queue__status">
          <StatusTag status={c.status} />
          {c.inDangerNow ? <DangerMarker /> : null}
        </span>
      </td>
      <td data-label={t('queue.colViolations')}>
        {c.redacted ? (
          <span className="muted">{t('queue.redacted')}</span>
        ) : c.violationTypes.length ? (
          c.violationTypes.map((v) => violationLabel(v, lng)).join('; ')
        ) : (
          <span className="muted">{t('queue.noViolations')}</span>
        )}
      </td>
      <td data-label={t('queue.colPlace')}>{place || <span className="muted">—</span>}</td>
      <td data-label={t('queue.colClock')}>
        <QueueClock line={c} now={now} lng={lng} />
      </td>
      <td data-label={t('queue.colReceived')}>
        <time dateTime={c.receivedAt} title={`${formatDateTime(c.receivedAt, lng)} ${t('cases.eat')}`}>
          {formatAge(c.receivedAt, now, lng, t('cases.justNow'))}
        </time>
      </td>
    </tr>
  );
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
