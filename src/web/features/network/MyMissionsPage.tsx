import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { QueryState } from '../../components/QueryState.js';
import { formatClock, formatTimeLeft, useNow } from '../cases/format.js';
import { CaseNoteForm } from '../cases/CaseNoteForm.js';
import { useCheckIn, useMyMissions, type MyMission } from './api.js';
import { useNetworkTerms } from './labels.js';
import './network.css';

/**
 * "My missions" (DESIGN §3, issue #19): a responder with a console account, on a phone, one-handed —
 * each active mission, where it is, a live countdown to the next check-in, and big buttons at the
 * bottom of the screen: check in, and SOS (which opens the same confirm dialog as the header's button).
 */
export function MyMissionsPage() {
  const { t } = useTranslation();
  const missions = useMyMissions();
  const [said, setSaid] = useState<string | null>(null);
  return (
    <section className="page my-missions" aria-labelledby="my-missions-title">
      <h1 id="my-missions-title">{t('network.my.title')}</h1>
      <p className="muted">{t('network.my.intro')}</p>
      <p className="alert alert--ok my-missions__said" role="status" data-testid="my-missions-said">
        {said}
      </p>
      <QueryState
        query={missions}
        isEmpty={(list) => list.length === 0}
        empty={<p className="muted">{t('network.my.none')}</p>}
      >
        {(list: MyMission[]) => (
          <ul className="my-missions__list" data-testid="my-missions">
            {list.map((m) => (
              <MyMissionCard key={m.id} mission={m} onSaid={setSaid} />
            ))}
          </ul>
        )}
      </QueryState>
      <div className="my-missions__sos">
        <button
          type="button"
          className="button my-missions__big sos-confirm"
          data-testid="my-missions-sos"
          onClick={() => document.querySelector<HTMLButtonElement>('[data-sos-open]')?.click()}
        >
          <span aria-hidden="true">⚠ </span>
          {t('network.my.sos')}
        </button>
      </div>
    </section>
  );
}

function MyMissionCard({ mission: m, onSaid }: { mission: MyMission; onSaid: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const terms = useNetworkTerms();
  const now = useNow(1_000);
  const checkIn = useCheckIn();
  const due = m.nextCheckInDue ? Date.parse(m.nextCheckInDue) : null;
  const overdue = due !== null && due < now;
  const place = [m.place.ward, m.place.subCounty, m.place.county].filter(Boolean).join(' · ');
  const send = (done: boolean) => {
    if (checkIn.isPending) return;
    checkIn.mutate(
      { id: m.id, body: { done, exposures: [] } },
      {
        onSuccess: (r) =>
          onSaid(
            r.status === 'queued'
              ? t('offline.outbox.queuedNotice')
              : done
                ? t('network.my.finished')
                : t('network.my.checkedIn'),
          ),
      },
    );
  };
  return (
    <li className="my-missions__card" data-testid="my-mission">
      <h2>
        {t('network.my.mission', { number: m.number })} · {terms.missionType(m.type)}
        {m.reference ? <span className="muted"> · {m.reference}</span> : null}
      </h2>
      <p>
        <strong>{t('network.my.place')}:</strong> {place || t('network.my.placeUnknown')}
      </p>
      {due !== null ? (
        <p
          className={overdue ? 'countdown countdown--breached' : 'countdown'}
          data-testid="my-mission-countdown"
        >
          <span>{overdue ? t('network.my.overdue') : t('network.my.nextCheckIn')}</span>{' '}
          <strong className="my-missions__clock" aria-hidden="true">
            {formatClock(due - now)}
          </strong>
          <span className="visually-hidden">{formatTimeLeft(due, now, i18n.language)}</span>
        </p>
      ) : null}
      {checkIn.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(checkIn.error)}
        </p>
      ) : null}
      <div className="my-missions__actions">
        <button
          type="button"
          className="button button--primary my-missions__big"
          aria-disabled={checkIn.isPending}
          data-testid="my-mission-check-in"
          onClick={() => send(false)}
        >
          {checkIn.isPending ? t('network.my.checkingIn') : t('network.my.checkIn')}
        </button>
        <button
          type="button"
          className="button my-missions__finish"
          aria-disabled={checkIn.isPending}
          data-testid="my-mission-finish"
          onClick={() => send(true)}
        >
          {t('network.my.finish')}
        </button>
      </div>
      <CaseNoteForm caseId={m.caseId} />
    </li>
  );
}
