import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../cases/badges.js';
import type { Alert } from './api.js';

/**
 * Grouped alerts (DESIGN §2.7): a group pages for its members, so the list shows one row per group with
 * its count, and the members only when the row is opened. A member whose group is not in the list (it
 * was resolved, or the list was cut) stays a row of its own.
 */
export function topLevelAlerts(list: Alert[]): { rows: Alert[]; members: Map<string, Alert[]> } {
  const groups = new Set(list.filter((a) => a.group).map((a) => a.id));
  const members = new Map<string, Alert[]>();
  const rows: Alert[] = [];
  for (const a of list) {
    if (a.groupId && groups.has(a.groupId)) {
      members.set(a.groupId, [...(members.get(a.groupId) ?? []), a]);
    } else rows.push(a);
  }
  return { rows, members };
}

/** What a group covers, in the reader's language: a place, an event, or a police station. */
export function GroupTitle({ alert: a }: { alert: Alert }) {
  const { t } = useTranslation();
  const g = a.group!;
  const text =
    g.kind === 'station'
      ? t('alerts.group.station', {
          count: g.count,
          station: g.station ?? '—',
          event: g.eventReference ?? '',
        })
      : g.kind === 'event'
        ? t('alerts.group.event', { count: g.count, event: g.eventReference ?? '—' })
        : t('alerts.group.area', { count: g.count, place: g.ward, minutes: g.windowMinutes });
  return (
    <strong data-testid="alert-group-title" data-kind={g.kind} data-count={g.count}>
      {text}
    </strong>
  );
}

/** The group's members, behind a button; acknowledging the group (its own buttons) acknowledges them. */
export function GroupMembers({
  alert: a,
  members,
  canOpenCase,
}: {
  alert: Alert;
  members: Alert[];
  canOpenCase: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = a.group!.count;
  const id = `alert-group-${a.id}`;
  return (
    <div className="alert-group" data-testid="alert-group">
      <p className="record__meta muted">{t('alerts.group.ackNote')}</p>
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={id}
        data-testid="alert-group-toggle"
        onClick={() => setOpen((v) => !v)}
      >
        {open ? t('alerts.group.hide') : t('alerts.group.show', { count })}
      </button>
      {open ? (
        <ul id={id} className="records alert-group__members" data-testid="alert-group-members">
          {members.length === 0 ? (
            <li className="muted">{t('alerts.group.membersElsewhere', { count })}</li>
          ) : null}
          {members.map((m) => (
            <li key={m.id} className="alert-group__member" data-testid="alert-group-member">
              <PriorityBadge priority={m.priority} />{' '}
              {m.caseId && m.caseReference && canOpenCase ? (
                <Link to={`/cases/${m.caseId}`}>{m.caseReference}</Link>
              ) : (
                <span>{m.caseReference ?? t('alerts.noCase')}</span>
              )}{' '}
              <span className="muted">{t(`alerts.status.${m.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
