import { useCallback, useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Events after which the reader is moving through the page (or printing it): build everything. */
const MOVES = ['scroll', 'keydown', 'hashchange'] as const;

/**
 * Whether the part of a long page that starts at one of `marks` should be built: once a mark comes
 * within `margin` of the screen (IntersectionObserver, so also when a screen reader's cursor scrolls
 * there), or the reader scrolls, presses a key, follows a link to a section or prints — whichever comes
 * first; it then stays true. `show` builds it at once (a button that needs it, such as print).
 *
 * A cheap phone then builds only what its screen shows when the page opens: on the case page the dozen
 * sections below the summary, each with its queries and forms, were most of the main thread's work
 * while the page loaded (docs/PERFORMANCE.md).
 */
export function useNear(marks: RefObject<Element | null>[], margin = '50%'): [boolean, () => void] {
  const [near, setNear] = useState(false);
  const show = useCallback(() => setNear(true), []);
  useEffect(() => {
    if (near) return;
    const now = () => flushSync(show);
    const observer =
      'IntersectionObserver' in window
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), {
            rootMargin: `0px 0px ${margin} 0px`,
          })
        : null;
    for (const mark of marks) if (mark.current) observer?.observe(mark.current);
    if (!observer) show();
    for (const type of MOVES) window.addEventListener(type, show, { passive: true });
    // Printing draws the page as soon as this returns: build what is loaded synchronously.
    window.addEventListener('beforeprint', now);
    return () => {
      observer?.disconnect();
      for (const type of MOVES) window.removeEventListener(type, show);
      window.removeEventListener('beforeprint', now);
    };
    // The marks are refs (stable objects) set in the same commit as the first effect.
  }, [near, show, margin, ...marks]);
  return [near, show];
}
