import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { PriorityBadge } from '../cases/badges.js';
import { formatAge, formatDateTime, formatDuration, formatTimeLeft, useNow } from '../cases/format.js';
import { useMessageLog, type MessageLogLine } from '../messages/api.js';
import { ChannelStatus } from '../messages/labels.js';
import {
  actionsFor,
  useAlertAction,
  useAlerts,
  useAlertStream,
  type Alert,
  type AlertAction,
  type AlertNotification,
  type AlertStatus,
} from './api.js';
import { CoverageBanner } from './CoverageBanner.js';
import { escalationReasons, type EscalationReason } from '../../../shared/contracts/alerts.js';
import { GroupMembers, GroupTitle, topLevelAlerts } from './AlertGroup.js';
import { StreamIndicator, useFreshIds } from './AlertsLive.js';

/** Case reasons, and the one the system raises about itself (on-call coverage). */
const isReason = (r: string): r is EscalationReason | 'oncall_uncovered' =>
  r === 'oncall_uncovered' || (escalationReasons as readonly string[]).includes(r);

/** Snooze choices, in minutes. */
export const snoozeMinutes = [5, 15, 30, 60, 120, 240] as const;
const DEFAULT_SNOOZE = 15;

const statusClass: Record<AlertStatus, string> = {
  triggered: 'tag tag--late',
  acknowledged: 'tag tag--progress',
  snoozed: 'tag tag--open',
  resolved: 'tag tag--ok',
};

export function AlertsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = rolesAllow(user.roles, 'alerts:read');
  const [params, setParams] = useSearchParams();
  const scope = params.get('show') === 'all' ? 'all' : 'open';
  const stream = useAlertStream(canRead);
  // Polled only while the live stream is down.
  const alerts = useAlerts(scope, canRead && stream !== 'live');
  const canSeeMessages = rolesAllow(user.roles, 'messages:read');
  const messages = useMessageLog({ direction: 'out' }, canRead && canSeeMessages, 300);
  const now = useNow(5_000);
  const fresh = useFreshIds(alerts.data);

  if (!canRead || (alerts.isError && isApiError(alerts.error) && alerts.error.status === 403)) {
    return (
      <section className="page">
        <PageHeading title={t('nav.alerts')}>{t('nav.alerts')}</PageHeading>
        <p className="card notice" data-testid="alerts-no-access">
          {t('alerts.noAccess')}
        </p>
      </section>
    );
  }

  const list = alerts.data ?? [];
  const open = list.filter((a) => a.status !== 'resolved').length;

  return (
    <section className="page page--wide" data-testid="alerts-page">
      <div className="page-title-row">
        <PageHeading title={t('nav.alerts')}>{t('nav.alerts')}</PageHeading>
        <StreamIndicator state={stream} />
        <KeyboardShortcuts keys={['move', 'open', 'acknowledge']} />
      </div>
      <p className="muted">{t('alerts.intro')}</p>
      <CoverageBanner />

      <div className="filters" role="group" aria-label={t('alerts.showLabel')}>
        <div className="field field--compact field--grow">
          <label htmlFor="alerts-show">{t('alerts.showLabel')}</label>
          <select
            id="alerts-show"
            data-testid="alerts-show"
            value={scope}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === 'all') next.set('show', 'all');
              else next.delete('show');
              setParams(next, { replace: true });
            }}
          >
            <option value="open">{t('alerts.showOpen')}</option>
            <option value="all">{t('alerts.showAll')}</option>
          </select>
        </div>
        <p className="filters__note muted" role="status" data-testid="alerts-count">
          {t('alerts.openCount', { count: open })}
        </p>
      </div>

      <QueryState
        query={alerts}
        refreshFailed={(message) => t('alerts.refreshFailed', { message })}
        isEmpty={(l) => l.length === 0}
        empty={
          <p className="card notice" data-testid="alerts-empty">
            {scope === 'open' ? t('alerts.empty') : t('alerts.emptyAll')}
          </p>
        }
      >
        {(l) => {
          const { rows, members } = topLevelAlerts(l);
          return (
            <ul className="records alert-list" data-testid="alert-list" aria-label={t('nav.alerts')}>
              {rows.map((a) => (
                <AlertCard
                  key={a.id}
                  alert={a}
                  members={members.get(a.id) ?? []}
                  now={now}
                  fresh={fresh.has(a.id)}
                  messages={messages.data}
                  canOpenCase={rolesAllow(user.roles, 'cases:read')}
                  canAct={rolesAllow(user.roles, 'alerts:act')}
                />
              ))}
            </ul>
          );
        }}
      </QueryState>
    </section>
  );
}

function useReason() {
  const { t } = useTranslation();
  return (r: string) => (isReason(r) ? t(`alerts.reason.${r}`) : r);
}

function AlertCard({
  alert: a,
  members,
  now,
  fresh,
  messages,
  canOpenCase,
  canAct,
}: {
  alert: Alert;
  members: Alert[];
  now: number;
  fresh: boolean;
  messages: MessageLogLine[] | undefined;
  canOpenCase: boolean;
  canAct: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const reason = useReason();
  const when = (iso: string) => `${formatDateTime(iso, lng)} ${t('cases.eat')}`;
  const classes = ['record', 'alert-card', `alert-card--${a.status}`];
  if (a.priority === 'P1') classes.push('alert-card--p1');
  if (fresh) classes.push('alert-card--new');
  // A group of one stands for its one report: its reference and its (current) priority.
  const sole = a.group && members.length === 1 ? members[0]! : null;
  const reference = a.caseReference ?? sole?.caseReference ?? t('alerts.noCase');

  return (
    <li
      className={classes.join(' ')}
      data-testid="alert-row"
      data-shortcut-row=""
      data-alert-id={a.id}
      data-reference={a.caseReference ?? sole?.caseReference ?? ''}
      data-status={a.status}
      aria-label={t('alerts.cardLabel', { reference, reason: reason(a.reason) })}
    >
      <div className="record__head">
        <PriorityBadge priority={sole?.priority ?? a.priority} />
        {a.caseId && a.caseReference && canOpenCase ? (
          <Link
            className="queue__ref"
            to={`/cases/${a.caseId}`}
            data-testid="alert-case"
            data-shortcut-open=""
          >
            {a.caseReference}
          </Link>
        ) : a.group && !sole ? null : (
          // A group of many names its reports in its list, not here.
          <span className="queue__ref" data-testid="alert-case">
            {reference}
          </span>
        )}
        {a.group ? <GroupTitle alert={a} /> : <strong data-testid="alert-reason">{reason(a.reason)}</strong>}
        <span className={statusClass[a.status]} data-testid="alert-status">
          {t(`alerts.status.${a.status}`)}
        </span>
        {fresh ? <span className="tag tag--flag">{t('alerts.new')}</span> : null}
      </div>
      <p className="record__meta muted">
        <time dateTime={a.createdAt} title={when(a.createdAt)}>
          {t('alerts.raised', { age: formatAge(a.createdAt, now, lng, t('cases.justNow')) })}
        </time>
        {a.county ? ` · ${a.county}` : null}
        {' · '}
        <span data-testid="alert-triggers">{t('alerts.triggers', { count: a.triggerCount })}</span>
      </p>
      <p className="record__meta" data-testid="alert-step">
        <EscalationLine alert={a} now={now} />
      </p>
      {a.acknowledgedBy && a.acknowledgedAt ? (
        <p className="record__meta" data-testid="alert-acknowledged-by">
          {t('alerts.acknowledgedBy', { who: a.acknowledgedBy.displayName, when: when(a.acknowledgedAt) })}
        </p>
      ) : null}
      {a.resolvedBy && a.resolvedAt ? (
        <p className="record__meta">
          {t('alerts.resolvedBy', { who: a.resolvedBy.displayName, when: when(a.resolvedAt) })}
        </p>
      ) : null}
      {a.group ? <GroupMembers alert={a} members={members} canOpenCase={canOpenCase} /> : null}
      <Notified alert={a} now={now} messages={messages} />
      {canAct ? <AlertButtons alert={a} /> : null}
    </li>
  );
}

/** "Escalation “duty”: next: step 2 of 3, 4 min left", "snoozed: …", "escalation stopped". */
function EscalationLine({ alert: a, now }: { alert: Alert; now: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const round =
    a.policy.repeat > 0 ? ` · ${t('alerts.round', { round: a.round + 1, rounds: a.policy.repeat + 1 })}` : '';
  const where = `${t('alerts.step', { step: a.step + 1, steps: a.policy.steps })}${round}`;
  let state: string;
  if (a.status === 'snoozed' && a.snoozedUntil) {
    state = t('alerts.snoozedUntil', { left: formatTimeLeft(a.snoozedUntil, now, lng) });
  } else if (a.status === 'triggered' && a.nextDueAt) {
    state = t('alerts.nextStep', { where, left: formatTimeLeft(a.nextDueAt, now, lng) });
  } else if (a.status === 'triggered' && a.exhausted) {
    state = t('alerts.exhausted');
  } else if (a.status === 'acknowledged') {
    state = t('alerts.stopped');
  } else if (a.status === 'resolved') {
    state = t('alerts.ended');
  } else {
    state = where;
  }
  return (
    <>
      <span className="muted">{t('alerts.policy', { name: a.policy.name })}: </span>
      {state}
    </>
  );
}

/** Who has been paged, when, and (for those who may read the message log) by which channel. */
function Notified({
  alert: a,
  now,
  messages,
}: {
  alert: Alert;
  now: number;
  messages: MessageLogLine[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (a.notified.length === 0) {
    return (
      <p className="record__meta muted" data-testid="alert-notified-none">
        {t('alerts.nobodyYet')}
      </p>
    );
  }
  const channelsOf = (n: AlertNotification) =>
    (messages ?? []).filter(
      (m) =>
        m.userId === n.userId &&
        a.caseId !== null &&
        m.caseId === a.caseId &&
        // Messages sent for this page (or its fallbacks), not for an earlier alert of the case.
        Date.parse(m.createdAt) >= Date.parse(n.at) - 60_000,
    );
  return (
    <div className="alert-card__notified">
      <p className="record__meta">
        <strong>{t('alerts.notified')}</strong>
      </p>
      <ul className="inline-list alert-card__people" data-testid="alert-notified">
        {a.notified.map((n) => {
          const sent = channelsOf(n);
          return (
            <li key={`${n.userId}:${n.step}:${n.round}`} className="chip" data-testid="alert-notified-person">
              {n.displayName}{' '}
              <span className="muted">
                ({t('alerts.stepShort', { step: n.step + 1 })},{' '}
                <time dateTime={n.at}>{formatAge(n.at, now, i18n.language, t('cases.justNow'))}</time>
                {sent.length === 0 && !n.delivered ? `, ${t('alerts.notAccepted')}` : null})
              </span>
              {sent.map((m) => (
                <ChannelStatus key={m.id} channel={m.channel} status={m.status} />
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Acknowledge, snooze (for a chosen time) and resolve: one click each. */
function AlertButtons({ alert: a }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const act = useAlertAction();
  const [minutes, setMinutes] = useState<number>(DEFAULT_SNOOZE);
  const [done, setDone] = useState<AlertAction | null>(null);
  const allowed = actionsFor(a.status);
  if (allowed.length === 0) return null;
  const busy = act.isPending;
  const run = (action: AlertAction) => {
    if (busy) return;
    setDone(null);
    act.mutate(
      { id: a.id, action, ...(action === 'snooze' ? { minutes } : {}) },
      { onSuccess: () => setDone(action) },
    );
  };
  const snoozeId = `snooze-${a.id}`;
  return (
    <div className="record__buttons alert-card__buttons">
      {allowed.includes('acknowledge') ? (
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="alert-ack"
          data-shortcut-ack=""
          aria-keyshortcuts="a"
          aria-disabled={busy}
          onClick={() => run('acknowledge')}
        >
          {t('alerts.acknowledge')}
        </button>
      ) : null}
      {allowed.includes('snooze') ? (
        <span className="alert-card__snooze">
          <label className="visually-hidden" htmlFor={snoozeId}>
            {t('alerts.snoozeFor')}
          </label>
          <select
            id={snoozeId}
            className="select--small"
            data-testid="alert-snooze-minutes"
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
          >
            {snoozeMinutes.map((m) => (
              <option key={m} value={m}>
                {formatDuration(m * 60_000, i18n.language).text}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            data-testid="alert-snooze"
            aria-disabled={busy}
            onClick={() => run('snooze')}
          >
            {t('alerts.snooze')}
          </button>
        </span>
      ) : null}
      {allowed.includes('resolve') ? (
        <button
          type="button"
          className="button button--small"
          data-testid="alert-resolve"
          aria-disabled={busy}
          onClick={() => run('resolve')}
        >
          {t('alerts.resolve')}
        </button>
      ) : null}
      <span className="button-row__status" role="status" data-testid="alert-action-status">
        {busy ? t('alerts.working') : done ? t(`alerts.done.${done}`) : ''}
      </span>
      {act.isError ? (
        <p className="field__error" role="alert" data-testid="alert-action-error">
          {errorText(act.error)}
        </p>
      ) : null}
    </div>
  );
}
