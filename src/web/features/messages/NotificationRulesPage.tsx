import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, showServerError, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useUsers } from '../admin/api.js';
import { useCurrentUser } from '../auth/session.js';
import {
  reauthenticate,
  ruleChannels,
  useNotificationRules,
  useSaveNotificationRules,
  type NotificationRule,
} from './api.js';
import { MAX_RULES, rulesForm, type RulesFormValues } from './rules.js';
import { ReauthFields } from '../../components/ReauthFields.js';
import { PushPanel } from './PushPanel.js';

export function NotificationRulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = rolesAllow(user.roles, 'users:manage');
  const [whose, setWhose] = useState<string>('');

  return (
    <section className="page page--form" data-testid="rules-page">
      <PageHeading title={t('notificationRules.title')}>{t('notificationRules.title')}</PageHeading>
      <p>{t('notificationRules.intro')}</p>
      <p className="muted">{t('notificationRules.example')}</p>
      {canManage ? <WhosePicker value={whose} onChange={setWhose} /> : null}
      <RulesEditor key={whose || 'me'} userId={whose || null} />
      {whose ? null : <PushPanel />}
    </section>
  );
}

/** Administrators may look at (and change) anyone's rules; reading them is on the audit record. */
function WhosePicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  return (
    <div className="filters">
      <Field id="rules-whose" label={t('notificationRules.whose')} hint={t('notificationRules.whoseHint')}>
        {(c) => (
          <select {...c} data-testid="rules-whose" value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('notificationRules.mine')}</option>
            {(users.data ?? [])
              .filter((u) => u.id !== me.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/** The form's rows; with no rules of one's own, the default (in-app at once) to start from. */
const rowsOf = (rules: NotificationRule[]): RulesFormValues => ({
  rules: (rules.length ? rules : [{ channel: 'inapp' as const, delayMinutes: 0, contact: null }]).map(
    (r) => ({
      channel: r.channel,
      delay: String(r.delayMinutes),
      contact: r.contact ?? '',
    }),
  ),
});

/** The server names `rules.<i>.delayMinutes`; the form's field is `rules.<i>.delay`. */
const serverPaths = Object.fromEntries(
  Array.from({ length: MAX_RULES }, (_, i) => [`rules.${i}.delayMinutes`, `rules.${i}.delay`]),
);

function RulesEditor({ userId }: { userId: string | null }) {
  const { t } = useTranslation();
  const rules = useNotificationRules(userId);

  if (rules.isPending) return <p role="status">{t('app.loading')}</p>;
  if (rules.isError) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{errorText(rules.error)}</p>
        <button type="button" className="button" onClick={() => void rules.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return <RulesForm userId={userId} initial={rules.data.rules} isDefault={rules.data.isDefault} />;
}

function RulesForm({
  userId,
  initial,
  isDefault,
}: {
  userId: string | null;
  initial: NotificationRule[];
  isDefault: boolean;
}) {
  const { t } = useTranslation();
  const save = useSaveNotificationRules(userId);
  const form = useZodForm(rulesForm, { defaultValues: rowsOf(initial) });
  const rows = useFieldArray({ control: form.control, name: 'rules' });
  const values = form.watch('rules');
  const [needsReauth, setNeedsReauth] = useState<NotificationRule[] | null>(null);
  const [saved, setSaved] = useState(false);

  /** Resolves when saved or waiting for the password and code; rejects with any other refusal. */
  const send = async (list: NotificationRule[]) => {
    setSaved(false);
    try {
      const kept = await save.mutateAsync(list);
      // Show the rules as the server keeps them (phone numbers in +254 form, in delay order).
      form.reset(rowsOf(kept.rules));
      setSaved(true);
    } catch (e) {
      // Changing someone else's rules needs a fresh password and code.
      if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setNeedsReauth(list);
      else throw e;
    }
  };
  const sendOutsideSubmit = (list: NotificationRule[]) =>
    void send(list).catch((e: unknown) => showServerError(form, e, serverPaths));

  return (
    <Form
      form={form}
      onSubmit={(body) => send(body.rules)}
      serverPaths={serverPaths}
      summaryTestId="rules-errors"
      className="card form-section"
      data-testid="rules-form"
      before={
        isDefault ? (
          <p className="alert alert--warning" data-testid="rules-default">
            {t('notificationRules.usingDefault')}
          </p>
        ) : null
      }
    >
      <ol className="records rules-list" data-testid="rules-list">
        {rows.fields.map((r, i) => {
          const channel = values[i]?.channel ?? r.channel;
          return (
            <li key={r.id} className="record rule" data-testid="rule-row">
              <div className="field-row">
                <Field
                  id={`rule-${r.id}-channel`}
                  name={`rules.${i}.channel`}
                  label={t('notificationRules.channel')}
                >
                  {(c) => (
                    <select {...c} data-testid="rule-channel">
                      {ruleChannels.map((ch) => (
                        <option key={ch} value={ch}>
                          {t(`notificationRules.channels.${ch}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  id={`rule-${r.id}-delay`}
                  name={`rules.${i}.delay`}
                  label={t('notificationRules.delay')}
                  hint={t('notificationRules.delayHint')}
                >
                  {(c) => (
                    <input
                      {...c}
                      data-testid="rule-delay"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={1440}
                    />
                  )}
                </Field>
                {channel !== 'inapp' ? (
                  <Field
                    id={`rule-${r.id}-contact`}
                    name={`rules.${i}.contact`}
                    label={channel === 'sms' ? t('notificationRules.phone') : t('notificationRules.email')}
                    hint={
                      channel === 'sms' ? t('notificationRules.phoneHint') : t('notificationRules.emailHint')
                    }
                  >
                    {(c) => (
                      <input
                        {...c}
                        data-testid="rule-contact"
                        type={channel === 'sms' ? 'tel' : 'email'}
                        autoComplete={channel === 'sms' ? 'tel' : 'email'}
                      />
                    )}
                  </Field>
                ) : null}
              </div>
              {values[i] ? <RuleSummary rule={values[i]} /> : null}
              {rows.fields.length > 1 ? (
                <div className="record__buttons">
                  <button
                    type="button"
                    className="button button--small button--warning"
                    data-testid="rule-remove"
                    onClick={() => rows.remove(i)}
                  >
                    {t('notificationRules.remove')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        {rows.fields.length < MAX_RULES ? (
          <button
            type="button"
            className="button"
            data-testid="rule-add"
            onClick={() => {
              const last = values[values.length - 1];
              const delay = last ? Math.min(1440, (Number(last.delay) || 0) + 5) : 0;
              rows.append(
                { channel: values.length ? 'sms' : 'inapp', delay: String(delay), contact: '' },
                { shouldFocus: false },
              );
            }}
          >
            {t('notificationRules.add')}
          </button>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          data-testid="rules-save"
          aria-disabled={save.isPending}
        >
          {save.isPending ? t('notificationRules.saving') : t('notificationRules.save')}
        </button>
        {!isDefault ? (
          <button
            type="button"
            className="link-button"
            data-testid="rules-reset"
            onClick={() => {
              if (!save.isPending) sendOutsideSubmit([]);
            }}
          >
            {t('notificationRules.useDefault')}
          </button>
        ) : null}
        <p className="button-row__status" role="status" data-testid="rules-status">
          {saved ? t('notificationRules.saved') : ''}
        </p>
      </div>
      {needsReauth ? (
        <Reauth
          onDone={() => {
            const list = needsReauth;
            setNeedsReauth(null);
            sendOutsideSubmit(list);
          }}
          onCancel={() => setNeedsReauth(null)}
        />
      ) : null}
    </Form>
  );
}

/** "SMS, 1 minute after the alert". */
function RuleSummary({ rule: r }: { rule: RulesFormValues['rules'][number] }) {
  const { t } = useTranslation();
  const minutes = Number(r.delay);
  const channel = t(`notificationRules.channels.${r.channel}`);
  if (r.delay.trim() === '' || !Number.isInteger(minutes) || minutes < 0) return null;
  return (
    <p className="record__meta muted" data-testid="rule-summary">
      {minutes === 0
        ? t('notificationRules.atOnce', { channel })
        : t('notificationRules.after', { channel, count: minutes })}
    </p>
  );
}

/** Password and authenticator code again, inline: the change is sent as soon as they are confirmed. */
function Reauth({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await reauthenticate({ password, code });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // Part of the rules form: its own buttons, so Enter here does not save the rules.
  return (
    <div className="response-form--inline" role="group" aria-labelledby="reauth-title" data-testid="reauth">
      <h3 id="reauth-title">{t('notificationRules.reauthTitle')}</h3>
      <p className="muted">{t('notificationRules.reauthIntro')}</p>
      <div className="field-row">
        <ReauthFields
          idPrefix="reauth"
          password={password}
          code={code}
          onPassword={setPassword}
          onCode={setCode}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void confirm()}
        >
          {t('notificationRules.reauthSubmit')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
