import { useDeferredValue } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

type Shown<T> = Pick<UseQueryResult<T>, 'isPending' | 'isError' | 'data' | 'error' | 'refetch'>;

/**
 * A query's answer, rendered in the background. TanStack Query hands new data to React as a store
 * update, which React renders in one go: a long table or a whole case page then holds the main thread
 * for hundreds of milliseconds on a cheap phone, and a tap waits. Through `useDeferredValue` the big
 * render happens in a transition, which React does in small slices between the browser's own work;
 * what was on screen stays (or "Loading…" the first time) until it is ready. For `QueryState`.
 */
export function useDeferredQuery<T>(query: Shown<T>): Shown<T> {
  const data = useDeferredValue(query.data);
  const { isPending, isError, error, refetch } = query;
  // The first answer, not yet rendered: still "Loading…".
  const waiting = data === undefined && query.data !== undefined;
  return { isPending: isPending || waiting, isError, data, error, refetch } as Shown<T>;
}
