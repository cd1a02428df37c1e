import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError, type FieldError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
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
  type RuleChannel,
} from './api.js';
import { checkRules, type DraftRule, type RuleProblem } from './rules.js';

const MAX_RULES = 10;

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

let nextKey = 0;
const draftOf = (r: NotificationRule): DraftRule => ({
  key: (nextKey += 1),
  channel: r.channel,
  delay: String(r.delayMinutes),
  contact: r.contact ?? '',
});

/** The form's rows; with no rules of one's own, the default (in-app at once) to start from. */
const draftsOf = (rules: NotificationRule[]): DraftRule[] =>
  (rules.length ? rules : [{ channel: 'inapp' as const, delayMinutes: 0, contact: null }]).map(draftOf);

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
  const [rows, setRows] = useState<DraftRule[]>(() => draftsOf(initial));
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [needsReauth, setNeedsReauth] = useState<NotificationRule[] | null>(null);
  const [saved, setSaved] = useState(false);

  const update = (key: number, patch: Partial<DraftRule>) =>
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const send = (list: NotificationRule[]) => {
    setSaved(false);
    save.mutate(list, {
      // Show the rules as the server keeps them (phone numbers in +254 form, in delay order).
      onSuccess: (kept) => {
        setRows(draftsOf(kept.rules));
        setSaved(true);
      },
      onError: (e) => {
        // Changing someone else's rules needs a fresh password and code.
        if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setNeedsReauth(list);
      },
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const checked = checkRules(rows);
    setProblems(checked.problems);
    if (checked.problems.length) return;
    send(checked.rules);
  };

  const serverFields: FieldError[] = save.error && isApiError(save.error) ? save.error.fields : [];
  const errorFor = (index: number, field: 'channel' | 'delay' | 'contact') => {
    const p = problems.find((x) => x.index === index && x.field === field);
    if (p) return t(`notificationRules.problems.${p.problem}`);
    const path = field === 'delay' ? 'delayMinutes' : field;
    return serverFields.find((f) => f.path === `rules.${index}.${path}`)?.message;
  };

  return (
    <form className="card form-section" noValidate onSubmit={submit} data-testid="rules-form">
      {isDefault ? (
        <p className="alert alert--warning" data-testid="rules-default">
          {t('notificationRules.usingDefault')}
        </p>
      ) : null}
      <ol className="records rules-list" data-testid="rules-list">
        {rows.map((r, i) => (
          <li key={r.key} className="record rule" data-testid="rule-row">
            <div className="field-row">
              <Field
                id={`rule-${r.key}-channel`}
                label={t('notificationRules.channel')}
                error={errorFor(i, 'channel')}
              >
                {(c) => (
                  <select
                    {...c}
                    data-testid="rule-channel"
                    value={r.channel}
                    onChange={(e) => update(r.key, { channel: e.target.value as RuleChannel })}
                  >
                    {ruleChannels.map((ch) => (
                      <option key={ch} value={ch}>
                        {t(`notificationRules.channels.${ch}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={`rule-${r.key}-delay`}
                label={t('notificationRules.delay')}
                hint={t('notificationRules.delayHint')}
                error={errorFor(i, 'delay')}
              >
                {(c) => (
                  <input
                    {...c}
                    data-testid="rule-delay"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={1440}
                    value={r.delay}
                    onChange={(e) => update(r.key, { delay: e.target.value })}
                  />
                )}
              </Field>
              {r.channel !== 'inapp' ? (
                <Field
                  id={`rule-${r.key}-contact`}
                  label={r.channel === 'sms' ? t('notificationRules.phone') : t('notificationRules.email')}
                  hint={
                    r.channel === 'sms' ? t('notificationRules.phoneHint') : t('notificationRules.emailHint')
                  }
                  error={errorFor(i, 'contact')}
                >
                  {(c) => (
                    <input
                      {...c}
                      data-testid="rule-contact"
                      type={r.channel === 'sms' ? 'tel' : 'email'}
                      autoComplete={r.channel === 'sms' ? 'tel' : 'email'}
                      value={r.contact}
                      onChange={(e) => update(r.key, { contact: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
            </div>
            <RuleSummary rule={r} />
            {rows.length > 1 ? (
              <div className="record__buttons">
                <button
                  type="button"
                  className="button button--small button--warning"
                  data-testid="rule-remove"
                  onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))}
                >
                  {t('notificationRules.remove')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="button-row">
        {rows.length < MAX_RULES ? (
          <button
            type="button"
            className="button"
            data-testid="rule-add"
            onClick={() => {
              const last = rows[rows.length - 1];
              const delay = last ? Math.min(1440, (Number(last.delay) || 0) + 5) : 0;
              setRows((prev) => [
                ...prev,
                draftOf({ channel: prev.length ? 'sms' : 'inapp', delayMinutes: delay, contact: null }),
              ]);
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
              if (!save.isPending) send([]);
            }}
          >
            {t('notificationRules.useDefault')}
          </button>
        ) : null}
        <p className="button-row__status" role="status" data-testid="rules-status">
          {saved ? t('notificationRules.saved') : ''}
        </p>
      </div>
      {save.isError && !needsReauth && serverFields.length === 0 ? (
        <p className="field__error" role="alert" data-testid="rules-error">
          {errorText(save.error)}
        </p>
      ) : null}
      {needsReauth ? (
        <Reauth
          onDone={() => {
            const list = needsReauth;
            setNeedsReauth(null);
            send(list);
          }}
          onCancel={() => setNeedsReauth(null)}
        />
      ) : null}
    </form>
  );
}

/** "SMS, 1 minute after the alert". */
function RuleSummary({ rule: r }: { rule: DraftRule }) {
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
        <Field id="reauth-password" label={t('login.password')}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field id="reauth-code" label={t('login.code.label')}>
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            />
          )}
        </Field>
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
