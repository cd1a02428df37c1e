import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.js';
import { adminCalls, useMfaResets, type AdminUser } from './api.js';
import { useAdminAction } from './useAdminAction.js';

/** Second-factor resets waiting for a second administrator (the asker cannot decide their own). */
export function MfaResetPanel({ users, me }: { users: AdminUser[]; me: string }) {
  const { t } = useTranslation();
  const requests = useMfaResets();
  const action = useAdminAction();
  const name = (id: string) => users.find((u) => u.id === id)?.displayName ?? id.slice(0, 8);
  return (
    <section aria-labelledby="mfa-resets-title">
      <h2 id="mfa-resets-title">{t('admin.mfaResets')}</h2>
      {action.prompt}
      {action.status}
      <QueryState
        query={requests}
        isEmpty={(l) => l.length === 0}
        empty={<p className="muted">{t('admin.noMfaResets')}</p>}
      >
        {(list) => (
          <ul className="plain-list" data-testid="mfa-resets">
            {list.map((r) => (
              <li key={r.id}>
                {t('admin.mfaResetLine', { user: name(r.userId), by: name(r.requestedBy) })}{' '}
                {r.requestedBy === me ? (
                  <span className="muted">{t('admin.awaitingOther')}</span>
                ) : (
                  <>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void action.run(() => adminCalls.decideMfaReset(r.id, true), t('admin.mfaResetDone'))
                      }
                    >
                      {t('admin.approve')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void action.run(() => adminCalls.decideMfaReset(r.id, false))}
                    >
                      {t('admin.refuse')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
