import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import type { CaseDetail } from '../cases/api.js';
import { eatLocalNow, eatToIso, formatClock, formatDuration, useNow } from '../cases/format.js';
import { useRecordArrest, useUpdateArrest, type Arrest, type ArrestCreateBody } from './api.js';
import { ResponseFormOf, ResponseSection, text, useBy, useWhen } from './kit.js';

const HOUR = 3_600_000;
/** Amber from 18 hours after the arrest: 6 hours before the 24-hour limit. */
const WARNING_LEFT_MS = 6 * HOUR;

export type ClockState = 'ok' | 'warning' | 'breached';

export function clockState(msLeft: number): ClockState {
  if (msLeft <= 0) return 'breached';
  return msLeft <= WARNING_LEFT_MS ? 'warning' : 'ok';
}

export function ArrestsSection({
  c,
  arrests,
  fetchedAt,
  canAdd,
}: {
  c: CaseDetail;
  arrests: Arrest[];
  /** When the summary was read (client time): the countdown runs from the server's `msLeft` then. */
  fetchedAt: number;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ResponseSection
      id="response-arrests"
      title={t('response.arrests')}
      intro={t('response.arrestsIntro')}
      addLabel={t('response.addArrest')}
      canAdd={canAdd}
      form={(close) => <ArrestForm c={c} close={close} />}
    >
      {arrests.length === 0 ? (
        <p className="muted">{t('response.notYet')}</p>
      ) : (
        <ul className="records" data-testid="arrest-list">
          {arrests.map((a) => (
            <ArrestItem key={a.id} c={c} arrest={a} fetchedAt={fetchedAt} canAct={canAdd} />
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

function ArrestItem({
  c,
  arrest: a,
  fetchedAt,
  canAct,
}: {
  c: CaseDetail;
  arrest: Arrest;
  fetchedAt: number;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const by = useBy(c);
  const [stopping, setStopping] = useState<'producedInCourtAt' | 'releasedAt' | null>(null);
  const [stopped, setStopped] = useState(false);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const stoppedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (stopped) stoppedRef.current?.focus();
  }, [stopped]);

  const stops = (
    [
      ['producedInCourt', a.producedInCourtAt],
      ['released', a.releasedAt],
    ] as const
  ).filter((x): x is ['producedInCourt' | 'released', string] => Boolean(x[1]));

  return (
    <li className="record arrest" data-testid="arrest">
      {a.running && a.msLeft !== null ? (
        <ArrestCountdown deadline={a.deadline} endsAt={fetchedAt + a.msLeft} />
      ) : null}
      <p className="record__head">
        <strong>{t('response.arrestedOn', { at: when(a.arrestedAt) })}</strong>
        {!a.running && a.breached ? (
          <span className="tag tag--late">{t('response.clockBreachedShort')}</span>
        ) : null}
      </p>
      <p className="record__meta muted">
        {t('response.station')}: {a.policeStation}
        {a.obNumber ? ` · ${t('response.obNumber')}: ${a.obNumber}` : null}
        {` · ${by(a.createdBy)}`}
      </p>
      {a.missingSince && a.running ? (
        <p className="record__text" data-testid="arrest-missing">
          <span className="tag tag--late">{t('response.missing')}</span>{' '}
          {t('response.missingSince', { at: when(a.missingSince) })}
        </p>
      ) : null}
      {stops.map(([what, at]) => (
        <p key={what} className="record__text" data-testid="arrest-stopped">
          {t(a.breached ? 'response.stoppedLate' : 'response.stoppedInTime', {
            what: t(`response.${what}`),
            at: when(at),
          })}
        </p>
      ))}
      {canAct && a.running && !stopping ? (
        <div className="record__buttons">
          {(['producedInCourtAt', 'releasedAt'] as const).map((field) => (
            <button
              key={field}
              ref={(el) => {
                if (el) buttons.current.set(field, el);
                else buttons.current.delete(field);
              }}
              type="button"
              className="button button--small"
              onClick={() => setStopping(field)}
              data-testid={`arrest-${field === 'producedInCourtAt' ? 'court' : 'released'}`}
            >
              {field === 'producedInCourtAt' ? t('response.producedInCourt') : t('response.released')}
            </button>
          ))}
          <MissingToggle c={c} arrest={a} />
        </div>
      ) : null}
      {stopping ? (
        <StopForm
          c={c}
          arrest={a}
          field={stopping}
          onCancel={() => {
            const field = stopping;
            setStopping(null);
            window.requestAnimationFrame(() => buttons.current.get(field)?.focus());
          }}
          onDone={() => {
            setStopping(null);
            setStopped(true);
          }}
        />
      ) : null}
      {stopped ? (
        <p ref={stoppedRef} tabIndex={-1} className="record__moved small" role="status">
          {t('response.arrestStopped')}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Not found where she was said to be held (a police station that denies holding her): she counts as
 * missing on the case and its event from now, until she is found (one click each way, audited).
 */
function MissingToggle({ c, arrest: a }: { c: CaseDetail; arrest: Arrest }) {
  const { t } = useTranslation();
  const update = useUpdateArrest(c.id);
  const missing = Boolean(a.missingSince);
  return (
    <button
      type="button"
      className="button button--small"
      aria-disabled={update.isPending}
      data-testid={missing ? 'arrest-found' : 'arrest-missing-mark'}
      onClick={() => {
        if (update.isPending) return;
        update.mutate({
          arrestId: a.id,
          body: { missingSince: missing ? null : new Date().toISOString() },
        });
      }}
    >
      {missing ? t('response.markFound') : t('response.markMissing')}
    </button>
  );
}

/**
 * The 24-hour clock of Art. 49(1)(f), ticking every second: amber from 18 hours after the arrest,
 * red once the limit has passed. The digits are a timer (not read out every second); a change of
 * state is announced once.
 */
export function ArrestCountdown({ deadline, endsAt }: { deadline: string; endsAt: number }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const now = useNow(1000);
  const left = endsAt - now;
  const state = clockState(left);
  const message =
    state === 'breached'
      ? t('response.clockBreached', { ago: formatDuration(left, i18n.language).text })
      : state === 'warning'
        ? t('response.clockWarning')
        : null;
  return (
    <div className={`countdown countdown--${state}`} data-testid="arrest-clock" data-state={state}>
      <p className="countdown__main">
        <span className="countdown__digits" role="timer">
          {state === 'breached' ? '−' : ''}
          {formatClock(left)}
        </span>{' '}
        {state === 'breached' ? null : <span className="countdown__label">{t('response.clockLeft')}</span>}
      </p>
      <p className="countdown__text" aria-live="polite" data-testid="arrest-clock-text">
        {message}
      </p>
      <p className="countdown__deadline small">{t('response.clockDeadline', { at: when(deadline) })}</p>
    </div>
  );
}

/** A required date and time as typed (East Africa Time). */
const requiredWhen = z.string().refine((v) => eatToIso(v) !== undefined, 'response.whenRequired');

const stopForm = z.object({ at: requiredWhen });

function StopForm({
  c,
  arrest,
  field,
  onCancel,
  onDone,
}: {
  c: CaseDetail;
  arrest: Arrest;
  field: 'producedInCourtAt' | 'releasedAt';
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateArrest(c.id);
  const id = `arrest-stop-${arrest.id}`;
  const form = useZodForm(stopForm, { defaultValues: { at: eatLocalNow() } });

  async function onSubmit(values: z.output<typeof stopForm>) {
    if (update.isPending) return;
    await update.mutateAsync({ arrestId: arrest.id, body: { [field]: eatToIso(values.at) } });
    onDone();
  }

  return (
    <ResponseFormOf
      id={`arrest-stop-form-${arrest.id}`}
      testId="arrest-stop-form"
      className="response-form--inline"
      title={field === 'producedInCourtAt' ? t('response.producedInCourt') : t('response.released')}
      form={form}
      summaryTestId="arrest-stop-errors"
      serverPaths={{ [field]: 'at' }}
      pending={update.isPending}
      submitLabel={t('response.stopSubmit')}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <Field id={id} name="at" label={t('response.stopWhen')} hint={t('response.whenHint')}>
        {(p) => <input {...p} type="datetime-local" />}
      </Field>
    </ResponseFormOf>
  );
}

/** The arrest form's values (arrestCreateInput's fields as typed); the time is East Africa Time. */
export const arrestForm = z.object({
  arrestedAt: requiredWhen,
  policeStation: text(200).min(1, 'response.required'),
  obNumber: text(60),
});

export const toArrestBody = (v: z.output<typeof arrestForm>): ArrestCreateBody => ({
  arrestedAt: eatToIso(v.arrestedAt)!,
  policeStation: v.policeStation,
  ...(v.obNumber ? { obNumber: v.obNumber } : {}),
});

function ArrestForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const record = useRecordArrest(c.id);
  const form = useZodForm(arrestForm, {
    defaultValues: { arrestedAt: eatLocalNow(), policeStation: '', obNumber: '' },
  });

  async function onSubmit(values: z.output<typeof arrestForm>) {
    if (record.isPending) return;
    const r = await record.mutateAsync(toArrestBody(values));
    close(r.status === 'queued' ? t('offline.outbox.queuedNotice') : t('response.arrestRecorded'));
  }

  return (
    <ResponseFormOf
      id="response-arrests-form"
      title={t('response.addArrest')}
      form={form}
      summaryTestId="arrest-errors"
      labels={{
        arrestedAt: t('response.arrestedAt'),
        policeStation: t('response.policeStation'),
        obNumber: t('response.obNumber'),
      }}
      pending={record.isPending}
      submitLabel={t('response.arrestSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Field
          id="arrest-at"
          name="arrestedAt"
          label={t('response.arrestedAt')}
          hint={t('response.whenHint')}
        >
          {(p) => <input {...p} type="datetime-local" data-testid="arrest-at" />}
        </Field>
        <Field id="arrest-station" name="policeStation" label={t('response.policeStation')}>
          {(p) => <input {...p} type="text" maxLength={200} data-testid="arrest-station" />}
        </Field>
        <Field
          id="arrest-ob"
          name="obNumber"
          label={t('response.obNumber')}
          optional={t('form.optional')}
          hint={t('response.obHint')}
        >
          {(p) => <input {...p} type="text" maxLength={60} data-testid="arrest-ob" />}
        </Field>
      </div>
    </ResponseFormOf>
  );
}
