import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, StreamState } from './api.js';

/** Alerts that arrived after the page first showed the list: highlighted until the page is left. */
export function useFreshIds(list: Alert[] | undefined): Set<string> {
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    if (!list) return;
    if (!known.current) {
      known.current = new Set(list.map((a) => a.id));
      return;
    }
    const added = list.filter((a) => !known.current!.has(a.id)).map((a) => a.id);
    if (added.length === 0) return;
    for (const id of added) known.current.add(id);
    setFresh((prev) => new Set([...prev, ...added]));
  }, [list]);
  return fresh;
}

export function StreamIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  return (
    <p className={`live live--${state}`} role="status" data-testid="alert-stream" data-state={state}>
      <span className="live__dot" aria-hidden="true" />
      {t(`alerts.stream.${state}`)}
    </p>
  );
}
