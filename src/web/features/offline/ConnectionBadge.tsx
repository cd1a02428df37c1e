import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadgeState } from './ConnectionState.js';
import { pendingCount } from './outboxLogic.js';
import { OutboxPanel } from './OutboxPanel.js';
import { useOutbox } from './useOutbox.js';
import './offline.css';

/**
 * In the header: the connection as it really is (offline, reconnecting, live) and the outbox button
 * with the number of writes waiting. The button opens the outbox.
 */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const items = useOutbox();
  const [open, setOpen] = useState(false);
  const count = pendingCount(items);
  return (
    <div className="connection">
      <ConnectionBadgeState />
      <button
        type="button"
        className="button button--on-dark connection__outbox"
        aria-expanded={open}
        aria-controls="outbox-panel"
        data-testid="outbox-open"
        data-count={count}
        onClick={() => setOpen(!open)}
      >
        {t('offline.outbox.open', { count })}
      </button>
      {open ? <OutboxPanel onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
