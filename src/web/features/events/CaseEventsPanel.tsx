import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { useAttach, useCaseEvents, useEvents } from './api.js';

/** On the case page: the events the case belongs to, and attaching it to another. */
export function CaseEventsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const mine = useCaseEvents(caseId);
  const canAttach = rolesAllow(user.roles, 'cases:screen');
  const all = useEvents();
  const [eventId, setEventId] = useState('');
  const attach = useAttach(eventId);
  const attachedIds = new Set((mine.data ?? []).map((e) => e.id));
  return (
    <section className="card case-section" aria-labelledby="case-events-title" data-testid="case-events">
      <h2 id="case-events-title">{t('events.ofCase')}</h2>
      {(mine.data ?? []).length === 0 ? (
        <p className="muted">{t('events.noneForCase')}</p>
      ) : (
        <ul className="plain-list">
          {(mine.data ?? []).map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>
                {e.reference} · {e.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canAttach ? (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (eventId) void attach.mutateAsync([caseId]).then(() => setEventId(''));
          }}
        >
          <label htmlFor="case-event-select">{t('events.attachThis')}</label>{' '}
          <select id="case-event-select" value={eventId} onChange={(ev) => setEventId(ev.target.value)}>
            <option value="">{t('bulk.chooseEvent')}</option>
            {(all.data ?? [])
              .filter((e) => !attachedIds.has(e.id))
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.reference} · {e.title}
                </option>
              ))}
          </select>{' '}
          <button type="submit" className="button" disabled={!eventId || attach.isPending}>
            {t('events.attachButton')}
          </button>
          {attach.isError ? (
            <p className="field__error" role="alert">
              {errorText(attach.error)}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
