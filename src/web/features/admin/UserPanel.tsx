import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.js';
import { roles, type Role } from '../../../shared/permissions.js';
import { adminCalls, useUserSessions, type AdminUser } from './api.js';
import { useAdminAction } from './useAdminAction.js';
import { formatDateTime } from '../cases/format.js';

/** One user's roles, state, second factor and sessions: the changes an administrator makes. */
export function UserPanel({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const action = useAdminAction();
  const sessions = useUserSessions(user.id);
  const [chosen, setChosen] = useState<Role[]>(user.roles);
  const toggle = (r: Role) => setChosen((c) => (c.includes(r) ? c.filter((x) => x !== r) : [...c, r]));

  return (
    <section className="card" aria-labelledby="user-panel-title" data-testid="user-panel">
      <h2 id="user-panel-title">{user.displayName}</h2>
      <p className="muted">{user.email}</p>
      {action.prompt}
      {action.status}
      <fieldset className="fieldset">
        <legend>{t('admin.roles')}</legend>
        {roles.map((r) => (
          <label key={r} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(r)}
              onChange={() => toggle(r)}
              data-testid={`user-role-${r}`}
            />{' '}
            {t(`roles.${r}`)}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={chosen.length === 0}
          data-testid="user-save-roles"
          onClick={() => void action.run(() => adminCalls.setRoles(user.id, chosen), t('admin.rolesSaved'))}
        >
          {t('admin.saveRoles')}
        </button>
        {user.disabled ? (
          <button
            type="button"
            className="button"
            data-testid="user-enable"
            onClick={() => void action.run(() => adminCalls.enable(user.id), t('admin.enabledDone'))}
          >
            {t('admin.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--danger"
            data-testid="user-disable"
            onClick={() => void action.run(() => adminCalls.disable(user.id), t('admin.disabledDone'))}
          >
            {t('admin.disable')}
          </button>
        )}
        <button
          type="button"
          className="button"
          data-testid="user-mfa-reset"
          onClick={() => void action.run(() => adminCalls.askMfaReset(user.id), t('admin.mfaResetAsked'))}
        >
          {t('admin.askMfaReset')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
      <h3>{t('admin.sessions')}</h3>
      <QueryState
        query={sessions}
        isEmpty={(l) => l.length === 0}
        empty={<p className="muted">{t('admin.noSessions')}</p>}
      >
        {(list) => (
          <ul className="plain-list" data-testid="user-sessions">
            {list.map((s) => (
              <li key={s.id}>
                {t('admin.sessionLine', {
                  started: formatDateTime(s.createdAt, i18n.language),
                  seen: formatDateTime(s.lastSeenAt, i18n.language),
                })}{' '}
                <span className="muted">{s.userAgent ?? ''}</span>{' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    void action.run(() => adminCalls.revokeSession(user.id, s.id), t('admin.sessionRevoked'))
                  }
                >
                  {t('admin.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
