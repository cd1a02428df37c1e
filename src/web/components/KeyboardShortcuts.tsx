import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { handleShortcut, shortcutKeys, type ShortcutKey } from './shortcuts.js';

/**
 * A page's keyboard shortcuts: installs them while the page is shown, and offers their list (the `?`
 * key or the small button) in a native dialog. Hidden in print.
 */
export function KeyboardShortcuts({ keys }: { keys: readonly ShortcutKey[] }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const allowed = useMemo(() => new Set<ShortcutKey>([...keys, 'help']), [keys]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const open = () => (dialog.current?.open ? dialog.current.close() : dialog.current?.showModal());
      if (handleShortcut(e, document, allowed, open)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [allowed]);

  return (
    <div className="shortcuts no-print">
      <button
        type="button"
        className="link-button"
        aria-keyshortcuts="?"
        onClick={() => dialog.current?.showModal()}
        data-testid="shortcuts-button"
      >
        {t('shortcuts.button')}
      </button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <dl className="shortcuts__list">
          {[...allowed].map((k) => (
            <div key={k}>
              <dt>
                <kbd>{shortcutKeys[k]}</kbd>
              </dt>
              <dd>{t(`shortcuts.keys.${k}`)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="button">
            {t('shortcuts.close')}
          </button>
        </form>
      </dialog>
    </div>
  );
}
