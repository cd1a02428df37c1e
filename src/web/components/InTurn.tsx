import { Children, startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Its children mounted one after another, each in a background render of its own once the one before
 * it is on screen, in reading order. A page of a dozen sections, each with its queries and forms,
 * mounted at once is one commit that holds a cheap phone's main thread for hundreds of milliseconds; in
 * turn, each is a short task, and a tap between two is answered at once. `all` mounts the rest at once
 * (the page is about to be printed).
 */
export function InTurn({ children, all: now = false }: { children: ReactNode; all?: boolean }) {
  const all = Children.toArray(children);
  const [turn, setShown] = useState(1);
  const shown = now ? all.length : turn;
  useEffect(() => {
    if (shown >= all.length) return;
    // A task of its own for the next one: the browser paints and handles input in between.
    const timer = window.setTimeout(() => startTransition(() => setShown((n) => n + 1)), 0);
    return () => window.clearTimeout(timer);
  }, [shown, all.length]);
  return <>{all.slice(0, shown)}</>;
}
