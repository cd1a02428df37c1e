import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { QueryState } from '../../components/QueryState.js';
import { inviteBody } from '../../../shared/contracts/users.js';
import { roles } from '../../../shared/permissions.js';
import { adminCalls, useInvites, type InviteCreated } from './api.js';
import { useAdminAction } from './useAdminAction.js';

/** Invite someone (a one-time link to hand over), and the invitations not yet accepted. */
export function InvitePanel() {
  const { t } = useTranslation();
  const invites = useInvites();
  const action = useAdminAction();
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const form = useZodForm(inviteBody, {
    defaultValues: { email: '', displayName: '', roles: [], locale: 'en' },
  });
  const link = created ? `${window.location.origin}${created.path}` : null;

  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t('admin.inviteTitle')}</h2>
      <Form
        form={form}
        summaryTestId="invite-create-errors"
        data-testid="invite-create-form"
        onSubmit={async (values) => {
          await action.run(async () => {
            setCreated(await adminCalls.invite(values));
            form.reset();
          });
        }}
      >
        <div className="field-row">
          <Field id="invite-email" name="email" label={t('admin.email')}>
            {(a) => <input {...a} type="email" data-testid="invite-email" />}
          </Field>
          <Field id="invite-name" name="displayName" label={t('admin.name')}>
            {(a) => <input {...a} data-testid="invite-name" />}
          </Field>
          <Field id="invite-locale" name="locale" label={t('admin.language')}>
            {(a) => (
              <select {...a}>
                <option value="en">{t('language.en')}</option>
                <option value="sw">{t('language.sw')}</option>
              </select>
            )}
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>{t('admin.roles')}</legend>
          {roles.map((r) => (
            <label key={r} className="checkbox">
              <input type="checkbox" value={r} {...form.register('roles')} data-testid={`invite-role-${r}`} />{' '}
              {t(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" data-testid="invite-create">
          {t('admin.inviteSubmit')}
        </button>
      </Form>
      {action.prompt}
      {action.status}
      {link ? (
        <div className="alert alert--ok" data-testid="invite-link">
          <p>{t('admin.inviteLink', { days: 7 })}</p>
          <code className="wrap">{link}</code>
        </div>
      ) : null}
      <h3>{t('admin.openInvites')}</h3>
      <QueryState
        query={invites}
        isEmpty={(l) => l.length === 0}
        empty={<p className="muted">{t('admin.noInvites')}</p>}
      >
        {(list) => (
          <ul className="plain-list">
            {list.map((i) => (
              <li key={i.id}>
                {i.displayName} — {i.email} ({i.roles.map((r) => t(`roles.${r}`)).join(', ')}){' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void action.run(() => adminCalls.withdrawInvite(i.id))}
                >
                  {t('admin.withdraw')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
