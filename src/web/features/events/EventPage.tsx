import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { DraftStatementLink } from '../statements/DraftLink.js';
import { formatDateTime } from '../cases/format.js';
import { useAttach, useEvent, useSuggestions, type EventDetail } from './api.js';
import { RegisterForm } from './RegisterForm.js';
import { formatNumber } from '../../i18n/formats.js';

type Arrest = EventDetail['arrests'][number];

/**
 * An event's page: what happened, its counts, its cases, the arrests on them with their 24-hour clocks
 * grouped by police station (printable for the lawyers), and suggested cases staff may attach.
 */
export function EventPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const lng = i18n.language;
  return (
    <QueryState query={event}>
      {(e) => (
        <section className="page page--wide event-page">
          <PageHeading title={e.title}>
            {e.reference} · {e.title}
          </PageHeading>
          <p>
            {[e.county, e.subCounty, e.ward].filter(Boolean).join(' · ')}
            {e.startedAt ? ` · ${formatDateTime(e.startedAt, lng)}` : ''}
          </p>
          {e.place ? (
            <p>
              {t('events.exactPlace')}: {e.place}
            </p>
          ) : null}
          {e.description ? <p className="prewrap">{e.description}</p> : null}
          <dl className="event-counts" data-testid="event-counts">
            {(Object.keys(e.counts) as (keyof EventDetail['counts'])[]).map((k) => (
              <div key={k}>
                <dt>{t(`events.counts.${k}`)}</dt>
                <dd>{formatNumber(e.counts[k], lng)}</dd>
              </div>
            ))}
          </dl>
          <p className="no-print">
            <Link to={`/queue?eventId=${e.id}`}>{t('events.openInQueue')}</Link>{' '}
            <DraftStatementLink source={{ eventId: e.id }} />{' '}
            <button type="button" className="button" onClick={() => window.print()}>
              {t('events.print')}
            </button>
          </p>
          <RegisterForm eventId={e.id} />
          <Stations arrests={e.arrests} lng={lng} />
          <DataTable
            caption={t('events.casesCaption', { count: e.cases.length })}
            captionId="event-cases"
            testId="event-cases"
            columns={[
              {
                key: 'ref',
                label: t('events.reference'),
                rowHeader: true,
                cell: (c) => (c.redacted ? c.reference : <Link to={`/cases/${c.id}`}>{c.reference}</Link>),
              },
              {
                key: 'status',
                label: t('events.status'),
                cell: (c) => t(`status.${c.status}` as 'status.received'),
              },
              {
                key: 'place',
                label: t('events.place'),
                cell: (c) => [c.county, c.ward].filter(Boolean).join(' · '),
              },
              {
                key: 'received',
                label: t('events.received'),
                cell: (c) => formatDateTime(c.receivedAt, lng),
              },
            ]}
            rows={e.cases}
            rowKey={(c) => c.id}
            empty={t('events.noCases')}
          />
          <Suggestions eventId={e.id} />
        </section>
      )}
    </QueryState>
  );
}

/** The arrests by police station: one printable list per station, each with its 24-hour clock. */
function Stations({ arrests, lng }: { arrests: Arrest[]; lng: string }) {
  const { t } = useTranslation();
  const byStation = new Map<string, Arrest[]>();
  for (const a of arrests) byStation.set(a.policeStation, [...(byStation.get(a.policeStation) ?? []), a]);
  if (byStation.size === 0) return <p>{t('events.noArrests')}</p>;
  return (
    <>
      {[...byStation].map(([station, list]) => (
        <section key={station} className="card station" data-testid="event-station">
          <h2>
            {station} ({list.length})
          </h2>
          <ul>
            {list.map((a) => (
              <li key={a.id} className={a.overdue ? 'clock--breached' : undefined}>
                {a.caseReference ?? t('events.noCaseRef')} · {t('events.arrestedAt')}{' '}
                {formatDateTime(a.arrestedAt, lng)}
                {a.obNumber ? ` · OB ${a.obNumber}` : ''} ·{' '}
                {a.releasedAt
                  ? t('events.released')
                  : a.producedInCourtAt
                    ? t('events.producedInCourt')
                    : a.overdue
                      ? t('events.overdue', { due: formatDateTime(a.dueAt, lng) })
                      : t('events.dueBy', { due: formatDateTime(a.dueAt, lng) })}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Cases that look like part of the event: staff tick and attach them. */
function Suggestions({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canAttach = rolesAllow(user.roles, 'cases:screen');
  const suggestions = useSuggestions(eventId, canAttach);
  const attach = useAttach(eventId);
  const [picked, setPicked] = useState<string[]>([]);
  if (!canAttach) return null;
  return (
    <section className="card no-print" aria-labelledby="suggest-title">
      <h2 id="suggest-title">{t('events.suggestions')}</h2>
      <QueryState query={suggestions}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('events.noSuggestions')}</p>
          ) : (
            <>
              <ul className="plain-list" data-testid="event-suggestions">
                {list.map((s) => (
                  <li key={s.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={picked.includes(s.id)}
                        onChange={() =>
                          setPicked(
                            picked.includes(s.id) ? picked.filter((x) => x !== s.id) : [...picked, s.id],
                          )
                        }
                      />{' '}
                      {s.reference} · {[s.county, s.ward].filter(Boolean).join(' · ')} ·{' '}
                      {formatDateTime(s.receivedAt, i18n.language)} —{' '}
                      {s.reasons.map((r) => t(`events.reasons.${r}`)).join(', ')}
                    </label>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="button button--primary"
                disabled={picked.length === 0 || attach.isPending}
                onClick={() => void attach.mutateAsync(picked).then(() => setPicked([]))}
                data-testid="event-attach"
              >
                {t('events.attach', { count: picked.length })}
              </button>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
