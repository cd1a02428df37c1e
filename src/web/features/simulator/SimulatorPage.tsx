import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { formatAge, formatDateTime, useNow } from '../cases/format.js';
import { statusTagClass, useMessageLabels } from '../messages/labels.js';
import { useOutbox, useSendSms, useUssdStep, type SimulatedSmsResult } from './api.js';
import { smsOutcomes, type SmsOutcome as Outcome } from '../../../shared/contracts/simulator.js';
import { phoneForm, smsForm, ussdAnswerForm } from './forms.js';
import { newUssdSessionId, ussdScreenText, ussdText, type UssdSession } from './ussd.js';

/** Fictional numbers to play each part with (any valid Kenyan number works). */
const presets = [
  { key: 'reporter', phone: '+254712000101' },
  // The demo's first responder (Wanjiku, on an escort mission in the demo data).
  { key: 'responder', phone: '+254711100001' },
  { key: 'officer', phone: '+254733000303' },
] as const;

const isOutcome = (o: string): o is Outcome => (smsOutcomes as readonly string[]).includes(o);

export function SimulatorPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [phone, setPhone] = useState<string>(presets[0].phone);

  if (!rolesAllow(user.roles, 'simulator:use')) {
    return (
      <section className="page">
        <PageHeading title={t('simulator.title')}>{t('simulator.title')}</PageHeading>
        <p className="card notice" data-testid="simulator-no-access">
          {t('simulator.noAccess')}
        </p>
      </section>
    );
  }

  return (
    <section className="page page--wide" data-testid="simulator-page">
      <PageHeading title={t('simulator.title')}>{t('simulator.title')}</PageHeading>
      <p>{t('simulator.intro')}</p>
      <PhonePicker phone={phone} onChange={setPhone} />
      <div className="simulator">
        <div className="simulator__column">
          <SmsComposer key={`sms-${phone}`} phone={phone} />
          <UssdPhone key={`ussd-${phone}`} phone={phone} />
        </div>
        <Inbox phone={phone} />
      </div>
    </section>
  );
}

function PhonePicker({ phone, onChange }: { phone: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const form = useZodForm(phoneForm, { defaultValues: { phone } });
  const choose = (p: string) => {
    form.reset({ phone: p });
    onChange(p);
  };
  return (
    <Form
      form={form}
      onSubmit={(v) => choose(v.phone)}
      summaryTestId="simulator-phone-errors"
      className="filters simulator__phone"
      data-testid="simulator-phone-form"
    >
      <fieldset className="fieldset simulator__presets">
        <legend>{t('simulator.playAs')}</legend>
        <div className="button-row">
          {presets.map((p) => (
            <button
              key={p.key}
              type="button"
              className="button button--small"
              aria-pressed={phone === p.phone}
              data-testid={`simulator-preset-${p.key}`}
              onClick={() => choose(p.phone)}
            >
              {t(`simulator.presets.${p.key}`)} <span className="muted">{p.phone}</span>
            </button>
          ))}
        </div>
      </fieldset>
      <Field
        id="simulator-phone"
        label={t('simulator.phone')}
        name="phone"
        hint={t('simulator.phoneHint')}
        className="field--grow"
      >
        {(c) => <input {...c} data-testid="simulator-phone" type="tel" autoComplete="off" />}
      </Field>
      <button type="submit" className="button" data-testid="simulator-use-phone">
        {t('simulator.usePhone')}
      </button>
      <p className="simulator__current" role="status" data-testid="simulator-current-phone">
        {t('simulator.current', { phone })}
      </p>
    </Form>
  );
}

function SmsComposer({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const send = useSendSms();
  const form = useZodForm(smsForm, { defaultValues: { text: '' } });
  const examples = [
    t('simulator.examples.report'),
    t('simulator.examples.status'),
    t('simulator.examples.sos'),
  ];
  return (
    <Form
      form={form}
      onSubmit={async ({ text }) => {
        await send.mutateAsync({ from: phone, text });
        form.reset({ text: '' });
      }}
      summaryTestId="simulator-sms-errors"
      className="card form-section"
      data-testid="simulator-sms"
      before={
        <>
          <h2>{t('simulator.smsTitle')}</h2>
          <p className="muted">{t('simulator.smsIntro')}</p>
        </>
      }
    >
      <Field id="simulator-sms-text" name="text" label={t('simulator.smsText')}>
        {(c) => <textarea {...c} data-testid="simulator-sms-text" rows={3} maxLength={5000} />}
      </Field>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          data-testid="simulator-sms-send"
          aria-disabled={send.isPending}
        >
          {send.isPending ? t('simulator.sending') : t('simulator.smsSend')}
        </button>
      </div>
      <p className="small simulator__examples">
        <span className="muted">{t('simulator.tryExample')}</span>{' '}
        {examples.map((ex) => (
          <button key={ex} type="button" className="link-button" onClick={() => form.setValue('text', ex)}>
            {ex}
          </button>
        ))}
      </p>
      {send.data ? <SmsOutcome result={send.data} /> : null}
    </Form>
  );
}

function SmsOutcome({ result }: { result: SimulatedSmsResult }) {
  const { t } = useTranslation();
  const what = isOutcome(result.outcome) ? t(`simulator.outcomes.${result.outcome}`) : result.outcome;
  return (
    <p
      className="alert alert--ok"
      role="status"
      data-testid="simulator-sms-result"
      data-outcome={result.outcome}
    >
      {result.reference
        ? t('simulator.smsResultRef', { what, reference: result.reference })
        : t('simulator.smsResult', { what })}
    </p>
  );
}

/** A feature phone's USSD session: dial, read the screen, answer, until an END screen. */
function UssdPhone({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const step = useUssdStep();
  const [session, setSession] = useState<UssdSession | null>(null);
  const form = useZodForm(ussdAnswerForm, { defaultValues: { answer: '' } });

  const request = (sessionId: string, inputs: string[]) => {
    step.mutate(
      { phoneNumber: phone, sessionId, text: ussdText(inputs) },
      {
        onSuccess: (reply) => {
          setSession({ sessionId, inputs, screen: reply.screen, end: reply.end });
          form.reset({ answer: '' });
          if (!reply.end) window.requestAnimationFrame(() => form.setFocus('answer'));
        },
      },
    );
  };
  const dial = () => {
    if (step.isPending) return;
    request(newUssdSessionId(), []);
  };
  const answer = ({ answer: typed }: { answer: string }) => {
    if (step.isPending || !session || session.end) return;
    request(session.sessionId, [...session.inputs, typed]);
  };

  return (
    <section className="card form-section" data-testid="simulator-ussd" aria-labelledby="ussd-title">
      <h2 id="ussd-title">{t('simulator.ussdTitle')}</h2>
      <p className="muted">{t('simulator.ussdIntro')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="ussd-dial"
          aria-disabled={step.isPending}
          onClick={dial}
        >
          {session ? t('simulator.ussdDialAgain') : t('simulator.ussdDial')}
        </button>
        {session && !session.end ? (
          <button
            type="button"
            className="button"
            data-testid="ussd-hang-up"
            onClick={() => setSession(null)}
          >
            {t('simulator.ussdHangUp')}
          </button>
        ) : null}
      </div>
      {session ? (
        <div className="phone-screen" data-testid="ussd-session" data-end={session.end ? 'true' : 'false'}>
          <pre className="phone-screen__text" data-testid="ussd-screen" aria-live="polite">
            {ussdScreenText(session.screen)}
          </pre>
          {session.end ? (
            <p className="phone-screen__end" data-testid="ussd-ended">
              {t('simulator.ussdEnded')}
            </p>
          ) : (
            <Form form={form} onSubmit={answer} summaryTestId="ussd-errors" className="phone-screen__reply">
              <label htmlFor="ussd-input" className="visually-hidden">
                {t('simulator.ussdReply')}
              </label>
              <input
                id="ussd-input"
                data-testid="ussd-input"
                autoComplete="off"
                maxLength={160}
                {...form.register('answer')}
              />
              <button
                type="submit"
                className="button button--small"
                data-testid="ussd-send"
                aria-disabled={step.isPending}
              >
                {t('simulator.ussdSend')}
              </button>
            </Form>
          )}
          <p className="muted small phone-screen__path">
            {t('simulator.ussdPath', { text: ussdText(session.inputs) || '""', session: session.sessionId })}
          </p>
        </div>
      ) : null}
      {step.isError ? (
        <p className="field__error" role="alert">
          {errorText(step.error)}
        </p>
      ) : null}
    </section>
  );
}

/** What the server sent to this phone (the outbox): the phone's inbox, newest first. */
function Inbox({ phone }: { phone: string }) {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox(phone);
  const labels = useMessageLabels();
  const now = useNow(10_000);
  const lng = i18n.language;
  return (
    <section
      className="card form-section simulator__inbox"
      data-testid="simulator-inbox"
      aria-labelledby="inbox-title"
    >
      <div className="response-section__head">
        <h2 id="inbox-title">{t('simulator.inboxTitle', { phone })}</h2>
        <button
          type="button"
          className="button button--small"
          data-testid="inbox-refresh"
          onClick={() => void outbox.refetch()}
        >
          {outbox.isFetching ? t('simulator.refreshing') : t('simulator.refresh')}
        </button>
      </div>
      <p className="muted small">{t('simulator.inboxIntro')}</p>
      <QueryState
        query={outbox}
        isEmpty={(list) => list.length === 0}
        empty={
          <p className="muted" data-testid="inbox-empty">
            {t('simulator.inboxEmpty')}
          </p>
        }
      >
        {(list) => (
          <ol className="records" data-testid="inbox-list">
            {list.map((m) => (
              <li
                key={m.id}
                className="record inbox-message"
                data-testid="outbox-message"
                data-status={m.status}
              >
                <p className="prewrap inbox-message__body" data-testid="outbox-body">
                  {m.body ?? <span className="muted">{t('simulator.noBody')}</span>}
                </p>
                <p className="record__meta muted">
                  {labels.channel(m.channel)} ·{' '}
                  <span className={statusTagClass(m.status)}>{labels.status(m.status)}</span> ·{' '}
                  <time
                    dateTime={m.createdAt}
                    title={`${formatDateTime(m.createdAt, lng)} ${t('cases.eat')}`}
                  >
                    {formatAge(m.createdAt, now, lng, t('cases.justNow'))}
                  </time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
