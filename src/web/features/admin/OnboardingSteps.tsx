import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';
import { Form, showServerError, useZodForm } from '../../components/Form.js';
import { QueryState } from '../../components/QueryState.js';
import { acceptInviteBody, setupBody } from '../../../shared/contracts/users.js';
import type { FirstStep } from '../auth/LoginPage.js';
import { acceptInvite, completeSetup, invitePreview } from './api.js';

type OnAccepted = Parameters<FirstStep>[0];

/** First run: the organisation's name, the first administrator, and the code the server printed. */
export function SetupStep({ onAccepted }: { onAccepted: OnAccepted }) {
  const { t } = useTranslation();
  const form = useZodForm(setupBody, {
    defaultValues: { code: '', organisationName: '', email: '', displayName: '', password: '', locale: 'en' },
  });
  return (
    <Form
      form={form}
      summaryTestId="setup-errors"
      before={
        <>
          <h1 className="login-card__title">{t('setup.title')}</h1>
          <p className="muted">{t('setup.intro')}</p>
        </>
      }
      onSubmit={async (values) => {
        try {
          await onAccepted(values.email, await completeSetup(values));
        } catch (e) {
          showServerError(form, e);
        }
      }}
      data-testid="setup-form"
    >
      <Field id="setup-code" name="code" label={t('setup.code')} hint={t('setup.codeHint')}>
        {(a) => <input {...a} autoComplete="off" spellCheck={false} data-testid="setup-code" />}
      </Field>
      <Field id="setup-org" name="organisationName" label={t('setup.organisation')}>
        {(a) => <input {...a} data-testid="setup-org" />}
      </Field>
      <Field id="setup-name" name="displayName" label={t('setup.name')}>
        {(a) => <input {...a} autoComplete="name" data-testid="setup-name" />}
      </Field>
      <Field id="setup-email" name="email" label={t('setup.email')}>
        {(a) => <input {...a} type="email" autoComplete="username" data-testid="setup-email" />}
      </Field>
      <Field id="setup-password" name="password" label={t('setup.password')} hint={t('setup.passwordHint')}>
        {(a) => <input {...a} type="password" autoComplete="new-password" data-testid="setup-password" />}
      </Field>
      <Field id="setup-locale" name="locale" label={t('setup.language')}>
        {(a) => (
          <select {...a} data-testid="setup-locale">
            <option value="en">{t('language.en')}</option>
            <option value="sw">{t('language.sw')}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary button--block" data-testid="setup-submit">
        {t('setup.submit')}
      </button>
    </Form>
  );
}

/** An invitation link: who is invited, then their own password; enrolment follows. */
export function InviteStep({ token, onAccepted }: { token: string; onAccepted: OnAccepted }) {
  const { t } = useTranslation();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => invitePreview(token, signal),
    retry: false,
  });
  const form = useZodForm(acceptInviteBody, { defaultValues: { password: '' } });
  return (
    <QueryState query={preview}>
      {(invite) => (
        <Form
          form={form}
          summaryTestId="invite-errors"
          before={
            <>
              <h1 className="login-card__title">{t('invite.title', { name: invite.displayName })}</h1>
              <p className="muted">{t('invite.intro', { email: invite.email })}</p>
            </>
          }
          onSubmit={async (values) => {
            try {
              await onAccepted(invite.email, await acceptInvite(token, values.password));
            } catch (e) {
              showServerError(form, e);
            }
          }}
          data-testid="invite-form"
        >
          <Field
            id="invite-password"
            name="password"
            label={t('invite.password')}
            hint={t('setup.passwordHint')}
          >
            {(a) => (
              <input {...a} type="password" autoComplete="new-password" data-testid="invite-password" />
            )}
          </Field>
          <button type="submit" className="button button--primary button--block" data-testid="invite-submit">
            {t('invite.submit')}
          </button>
        </Form>
      )}
    </QueryState>
  );
}
