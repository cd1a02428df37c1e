import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictVersions, discard, flush, resolve, type OutboxItem } from './outbox.js';
import { pendingCount, type Resolution, type VersionedEdit } from './outboxLogic.js';
import { PasscodeSetup } from './PasscodeSetup.js';
import { isUnlocked } from './store.js';
import { useOutbox } from './useOutbox.js';
import { dateTimeFormat } from '../../i18n/formats.js';

/** The visible outbox: each write waiting, being sent, sent, refused or in conflict. */
export function OutboxPanel({ onClose }: { onClose?: () => void }) {
  const { t } = useTranslation();
  const items = useOutbox();
  return (
    <section
      className="outbox"
      id="outbox-panel"
      aria-labelledby="outbox-title"
      data-testid="outbox"
      data-count={pendingCount(items)}
    >
      <h2 id="outbox-title">{t('offline.outbox.title')}</h2>
      <p className="muted">{t('offline.outbox.intro')}</p>
      {items.length === 0 ? <p className="muted">{t('offline.outbox.empty')}</p> : null}
      <ul className="outbox__list">
        {items.map((item) => (
          <OutboxRow key={item.id} item={item} />
        ))}
      </ul>
      {!isUnlocked() && pendingCount(items) > 0 ? (
        <p className="muted" data-testid="outbox-locked">
          {t('offline.outbox.locked')}
        </p>
      ) : null}
      <PasscodeSetup />
      <div className="outbox__actions">
        <button type="button" className="button" data-testid="outbox-send" onClick={() => void flush(true)}>
          {t('offline.outbox.sendNow')}
        </button>
        {onClose ? (
          <button type="button" className="button" onClick={onClose}>
            {t('offline.outbox.close')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t, i18n } = useTranslation();
  const at = dateTimeFormat(i18n.language, { timeStyle: 'short', dateStyle: 'short' }).format(item.createdAt);
  return (
    <li className="outbox__item" data-testid="outbox-item" data-kind={item.kind} data-state={item.state}>
      <span className="outbox__kind">{t(`offline.outbox.kinds.${item.kind}`)}</span>{' '}
      <span className="muted">{at}</span>{' '}
      <strong className={`outbox__state outbox__state--${item.state}`} data-testid="outbox-item-state">
        {t(`offline.outbox.states.${item.state}`)}
      </strong>
      {item.error ? <p className="outbox__error">{item.error}</p> : null}
      {item.state === 'conflict' ? <ConflictChoice id={item.id} /> : null}
      {item.state === 'failed' ? (
        <button type="button" className="button" onClick={() => void discard(item.id)}>
          {t('offline.outbox.discard')}
        </button>
      ) : null}
    </li>
  );
}

/** Both versions side by side; nothing is sent or dropped until the user chooses. */
function ConflictChoice({ id }: { id: string }) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<{
    mine: VersionedEdit;
    theirs: { version: number; notes?: string | null };
  } | null>(null);
  useEffect(() => {
    void conflictVersions(id).then(setVersions);
  }, [id]);
  if (!versions) return null;
  const choose = (choice: Resolution) => void resolve(id, choice);
  const notes = (n: string | null | undefined) => n || t('offline.outbox.conflict.noNotes');
  return (
    <div className="outbox__conflict" data-testid="outbox-conflict">
      <h3>{t('offline.outbox.conflict.title')}</h3>
      <div className="outbox__versions">
        <div>
          <h4>{t('offline.outbox.conflict.theirs', { version: versions.theirs.version })}</h4>
          <p data-testid="conflict-theirs">{notes(versions.theirs.notes)}</p>
        </div>
        <div>
          <h4>{t('offline.outbox.conflict.mine')}</h4>
          <p data-testid="conflict-mine">{notes(versions.mine.notes)}</p>
        </div>
      </div>
      <div className="outbox__actions">
        <button type="button" className="button button--primary" onClick={() => choose('keep-both')}>
          {t('offline.outbox.conflict.keepBoth')}
        </button>
        <button type="button" className="button" onClick={() => choose('keep-mine')}>
          {t('offline.outbox.conflict.keepMine')}
        </button>
        <button type="button" className="button" onClick={() => choose('keep-theirs')}>
          {t('offline.outbox.conflict.keepTheirs')}
        </button>
      </div>
    </div>
  );
}
