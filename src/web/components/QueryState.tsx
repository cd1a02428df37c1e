import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorText } from '../api/client.js';
import { pageShown } from './whenIdle.js';

/**
 * What a TanStack Query result shows before its data: "Loading…" (announced), the error with a
 * "Try again" button, or an empty state; then `children(data)`. A failed refresh keeps the data it
 * had and says so above it.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  refreshFailed,
  loading,
  children,
}: {
  query: Pick<UseQueryResult<T>, 'isPending' | 'isError' | 'data' | 'error' | 'refetch'>;
  /** When true for the data, `empty` is shown instead of the children. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** The line above kept data when a refresh failed (default: the error's own message). */
  refreshFailed?: (message: string) => ReactNode;
  /** Instead of "Loading…". */
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const answered = query.data !== undefined;
  // The first page's data on screen: the console's background work may begin (whenIdle).
  useEffect(() => {
    if (answered) pageShown();
  }, [answered]);
  if (query.isPending) return loading ?? <p role="status">{t('app.loading')}</p>;
  if (query.data === undefined) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{query.isError ? errorText(query.error) : t('errors.unexpected')}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  const data = query.data;
  return (
    <>
      {query.isError ? (
        <p className="alert alert--error" role="alert">
          {refreshFailed ? refreshFailed(errorText(query.error)) : errorText(query.error)}
        </p>
      ) : null}
      {isEmpty?.(data) && empty !== undefined ? empty : children(data)}
    </>
  );
}
