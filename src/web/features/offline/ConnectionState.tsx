import { useTranslation } from 'react-i18next';
import { useConnection } from './connection.js';

/** The connection state alone (the offline start page; the header adds the outbox button). */
export function ConnectionBadgeState() {
  const { t } = useTranslation();
  const connection = useConnection();
  return (
    <p
      className={`connection__state connection__state--${connection}`}
      role="status"
      data-testid="connection-state"
      data-state={connection}
    >
      <span className="visually-hidden">{t('offline.connection.label')}: </span>
      <span className="connection__dot" aria-hidden="true" />
      {t(`offline.connection.${connection}`)}
    </p>
  );
}
