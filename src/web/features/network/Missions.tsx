import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { exposureKindCodes } from '../../../shared/network.js';
import { formatClock, formatDateTime, formatTimeLeft, useNow } from '../cases/format.js';
import { useCheckIn, type Mission } from './api.js';
import { minutesText, useNetworkTerms } from './labels.js';
import { checkInForm } from './missionForms.js';

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
  const form = useZodForm(checkInForm, { defaultValues: { location: '', done: false, exposures: [] } });
  const id = `check-in-${m.id}`;
  useEffect(() => form.setFocus('location'), [form]);

  return (
    <Form
      form={form}
      onSubmit={async (body) => {
        const r = await checkIn.mutateAsync({ id: m.id, body });
        if (r.status === 'queued') onDone(t('offline.outbox.queuedNotice'));
        else onDone(body.done ? t('network.checkIn.savedDone') : t('network.checkIn.saved'));
      }}
      summaryTestId="check-in-errors"
      className="form response-form"
      data-testid="check-in-form"
      before={<p className="muted small">{t('network.checkIn.help', { name: m.responderName })}</p>}
    >
      <Field
        id={`${id}-location`}
        name="location"
        label={t('network.checkIn.location')}
        optional={t('network.form.optional')}
        hint={t('network.checkIn.locationHint')}
      >
        {(p) => <input {...p} maxLength={300} data-testid="check-in-location" />}
      </Field>
      <label className="choice">
        <input type="checkbox" {...form.register('done')} data-testid="check-in-done" />
        {t('network.checkIn.done')}
      </label>
      <FieldSet
        id={`${id}-exposures`}
        name="exposures"
        legend={t('network.checkIn.exposures')}
        hint={t('network.checkIn.exposuresHint')}
      >
        <div className="choices choices--inline">
          {exposureKindCodes.map((k) => (
            <label key={k} className="choice">
              <input type="checkbox" value={k} {...form.register('exposures')} />
              {terms.exposure(k)}
            </label>
          ))}
        </div>
      </FieldSet>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={form.formState.isSubmitting}
          data-testid="check-in-submit"
        >
          {form.formState.isSubmitting ? t('network.form.saving') : t('network.checkIn.submit')}
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          {t('network.form.cancel')}
        </button>
      </div>
    </Form>
  );
}
