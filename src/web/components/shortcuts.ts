/*
 * Keyboard shortcuts for the long lists (queue, alerts), by DOM convention so a page only marks its
 * rows: `[data-shortcut-row]` rows (j/k move between them), and inside a row `[data-shortcut-open]`
 * (Enter), `[data-shortcut-select]` (x), `[data-shortcut-ack]` (a); `[data-shortcut-search]` (/).
 * Keys typed into a field, or with Ctrl/Alt/Meta, are never taken.
 */

export type ShortcutKey = 'move' | 'open' | 'select' | 'acknowledge' | 'search' | 'help';

export const shortcutKeys: Record<ShortcutKey, string> = {
  move: 'j / k',
  open: 'Enter',
  select: 'x',
  acknowledge: 'a',
  search: '/',
  help: '?',
};

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function rowsOf(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[data-shortcut-row]'));
}

/** The row holding the focus, if any. */
function currentRow(doc: Document): HTMLElement | null {
  const active = doc.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>('[data-shortcut-row]') : null;
}

function focusRow(row: HTMLElement) {
  if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
  row.focus();
  row.scrollIntoView?.({ block: 'nearest' });
}

/**
 * What one key press does; returns true when it was a shortcut (the caller prevents the default).
 * `allowed` is the page's set; `onHelp` opens the page's list of shortcuts.
 */
export function handleShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>,
  doc: Document,
  allowed: ReadonlySet<ShortcutKey>,
  onHelp: () => void,
): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey || typing(e.target)) return false;
  const row = currentRow(doc);
  if ((e.key === 'j' || e.key === 'k') && allowed.has('move')) {
    const rows = rowsOf(doc);
    if (rows.length === 0) return false;
    const at = row ? rows.indexOf(row) : -1;
    const next = e.key === 'j' ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
    focusRow(rows[at === -1 ? 0 : next]!);
    return true;
  }
  const click = (selector: string) => {
    const el = row?.querySelector<HTMLElement>(selector);
    if (!el) return false;
    el.click();
    return true;
  };
  // Enter on a link or button inside the row does what it already does.
  if (e.key === 'Enter' && allowed.has('open') && row && e.target === row)
    return click('[data-shortcut-open]');
  if (e.key === 'x' && allowed.has('select')) return click('[data-shortcut-select]');
  if (e.key === 'a' && allowed.has('acknowledge')) return click('[data-shortcut-ack]');
  if (e.key === '/' && allowed.has('search')) {
    const box = doc.querySelector<HTMLElement>('[data-shortcut-search]');
    if (!box) return false;
    box.focus();
    return true;
  }
  if (e.key === '?' && allowed.has('help')) {
    onHelp();
    return true;
  }
  return false;
}
