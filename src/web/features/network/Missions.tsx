import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { exposureKindCodes, type ExposureKind } from '../../../shared/network.js';
import { formatClock, formatDateTime, formatTimeLeft, useNow } from '../cases/format.js';
import { useCheckIn, type Mission } from './api.js';
import { minutesText, useNetworkTerms } from './labels.js';

/**
 * Missions with a live countdown to each one's next check-in (red once it is overdue), and for
 * dispatchers a console check-in: what the responder said on the phone, or that the mission ended.
 */
export function MissionList({
  missions,
  showCase,
  canCheckIn,
  testId = 'missions',
}: {
  missions: Mission[];
  /** On the Network page each mission links to its case; on the case page it is the page itself. */
  showCase: boolean;
  canCheckIn: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  // Overdue first, then the next check-in due soonest; ended missions last.
  const sorted = [...missions].sort((a, b) => {
    const rank = (m: Mission) => (m.status === 'active' ? 0 : 1);
    const due = (m: Mission) => (m.nextCheckInDue ? Date.parse(m.nextCheckInDue) : Infinity);
    return rank(a) - rank(b) || due(a) - due(b);
  });
  return (
    <ul className="records network-missions" data-testid={testId}>
      {sorted.map((m) => (
        <MissionItem key={m.id} mission={m} now={now} showCase={showCase} canCheckIn={canCheckIn} />
      ))}
      {sorted.length === 0 ? <li className="muted">{t('network.missions.none')}</li> : null}
    </ul>
  );
}

function MissionItem({
  mission: m,
  now,
  showCase,
  canCheckIn,
}: {
  mission: Mission;
  now: number;
  showCase: boolean;
  canCheckIn: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const terms = useNetworkTerms();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const when = (iso: string) => `${formatDateTime(iso, lng, 'short')} ${t('cases.eat')}`;
  const due = m.nextCheckInDue ? Date.parse(m.nextCheckInDue) : null;
  const active = m.status === 'active';
  const overdue = active && (m.overdue || (due !== null && due < now));

  return (
    <li
      className={overdue ? 'record network-mission network-mission--overdue' : 'record network-mission'}
      data-testid="mission"
      data-responder={m.responderName}
      data-status={m.status}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <div className="record__head">
        <strong data-testid="mission-responder">{m.responderName}</strong>
        <span className="chip">{terms.missionType(m.type)}</span>
        <span className="muted">{t('network.missions.number', { n: m.number })}</span>
        {showCase ? (
          <Link to={`/cases/${m.caseId}`} data-testid="mission-case">
            {m.reference ?? t('network.missions.openCase')}
          </Link>
        ) : null}
        {!active ? (
          <span className={m.status === 'done' ? 'tag tag--ok' : 'tag tag--muted'}>
            {t(`network.missionStatus.${m.status}`)}
          </span>
        ) : null}
      </div>
      {active && due !== null ? (
        <p
          className={overdue ? 'network-countdown clock--breached' : 'network-countdown'}
          data-testid="mission-countdown"
        >
          {overdue ? <strong>{t('network.missions.overdue')} </strong> : null}
          <span>{t('network.missions.nextCheckIn')}: </span>
          <span className="network-countdown__digits" aria-hidden="true">
            {overdue ? '−' : ''}
            {formatClock(due - now)}
          </span>{' '}
          <span className="visually-hidden">{formatTimeLeft(due, now, lng)}</span>
          <span className="muted">({when(new Date(due).toISOString())})</span>
        </p>
      ) : null}
      <p className="record__meta muted">
        {t('network.missions.started', { at: when(m.startedAt) })} ·{' '}
        {t('network.missions.every', { every: minutesText(m.checkInMinutes, lng) })}
        {m.lastCheckInAt ? ` · ${t('network.missions.lastCheckIn', { at: when(m.lastCheckInAt) })}` : null}
        {m.endedAt ? ` · ${t('network.missions.ended', { at: when(m.endedAt) })}` : null}
      </p>
      {saved ? (
        <p className="alert alert--ok" role="status" data-testid="mission-checked-in">
          {saved}
        </p>
      ) : null}
      {canCheckIn && active ? (
        open ? (
          <CheckInForm
            mission={m}
            onDone={(message) => {
              setOpen(false);
              if (message) setSaved(message);
              else window.requestAnimationFrame(() => buttonRef.current?.focus());
            }}
          />
        ) : (
          <button
            ref={buttonRef}
            type="button"
            className="button button--small"
            onClick={() => {
              setSaved(null);
              setOpen(true);
            }}
            data-testid="mission-check-in"
          >
            {t('network.missions.checkIn')}
            <span className="visually-hidden"> ({m.responderName})</span>
          </button>
        )
      ) : null}
    </li>
  );
}

function CheckInForm({ mission: m, onDone }: { mission: Mission; onDone: (saved?: string) => void }) {
  const { t } = useTranslation();
  const terms = useNetworkTerms();
  const checkIn = useCheckIn();
  const [location, setLocation] = useState('');
  const [done, setDone] = useState(false);
  const [exposures, setExposures] = useState<ExposureKind[]>([]);
  const ref = useRef<HTMLInputElement>(null);
  const id = `check-in-${m.id}`;
  useEffect(() => ref.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (checkIn.isPending) return;
    checkIn.mutate(
      {
        id: m.id,
        body: {
          done,
          ...(location.trim() ? { location: location.trim() } : {}),
          ...(exposures.length ? { exposures } : {}),
        },
      },
      {
        onSuccess: () => onDone(done ? t('network.checkIn.savedDone') : t('network.checkIn.saved')),
      },
    );
  };

  return (
    <form className="form response-form" onSubmit={submit} noValidate data-testid="check-in-form">
      <p className="muted small">{t('network.checkIn.help', { name: m.responderName })}</p>
      {checkIn.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(checkIn.error)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-location`}>
          {t('network.checkIn.location')}
          <span className="field__optional"> {t('network.form.optional')}</span>
        </label>
        <p className="field__hint" id={`${id}-location-hint`}>
          {t('network.checkIn.locationHint')}
        </p>
        <input
          ref={ref}
          id={`${id}-location`}
          aria-describedby={`${id}-location-hint`}
          value={location}
          maxLength={300}
          onChange={(e) => setLocation(e.target.value)}
          data-testid="check-in-location"
        />
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={done}
          onChange={(e) => setDone(e.target.checked)}
          data-testid="check-in-done"
        />
        {t('network.checkIn.done')}
      </label>
      <fieldset className="fieldset">
        <legend>{t('network.checkIn.exposures')}</legend>
        <p className="field__hint">{t('network.checkIn.exposuresHint')}</p>
        <div className="choices choices--inline">
          {exposureKindCodes.map((k) => (
            <label key={k} className="choice">
              <input
                type="checkbox"
                checked={exposures.includes(k)}
                onChange={(e) =>
                  setExposures((xs) => (e.target.checked ? [...xs, k] : xs.filter((x) => x !== k)))
                }
              />
              {terms.exposure(k)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={checkIn.isPending}
          data-testid="check-in-submit"
        >
          {checkIn.isPending ? t('network.form.saving') : t('network.checkIn.submit')}
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          {t('network.form.cancel')}
        </button>
      </div>
    </form>
  );
}
