import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page's one h1. It sets the document title and takes focus when the page opens, so keyboard and
 * screen-reader users start on the new page's content after navigating.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    // Once the page has been drawn: focusing inside this effect made the browser work out the style and
    // layout of the whole new page there and then, the longest task on the case page on a slow phone.
    let timer = 0;
    const before = document.activeElement;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        // Unless the user has moved focus in the meantime (a tap on a field): never take it back.
        if (document.activeElement === before || document.activeElement === document.body)
          ref.current?.focus({ preventScroll: false });
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
