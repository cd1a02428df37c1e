import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { bulkActions, type BulkAction } from '../../../shared/contracts/events.js';
import type { QueueFilters } from '../cases/api.js';
import { counties } from '../cases/counties.js';
import { useBulk, useEvents, type BulkInput, type BulkResult } from '../events/api.js';

/** What is selected: some cases one by one, or every case matching the queue's filter and search. */
export type Selection = { mode: 'ids'; ids: string[] } | { mode: 'all'; total: number };

/**
 * The bulk action bar above the queue: one action over the selection, applied case by case on the
 * server; the result lists each case that was refused and why (the others were changed).
 */
export function BulkBar({
  selection,
  filters,
  selectedLines,
  onDone,
}: {
  selection: Selection;
  filters: QueueFilters;
  /** The selected lines shown on this page: the original of a duplicate is chosen among them. */
  selectedLines: readonly { id: string; reference: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkAction>('acknowledge');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<BulkResult | null>(null);
  const bulk = useBulk();
  const events = useEvents();
  const count = selection.mode === 'ids' ? selection.ids.length : selection.total;
  const field = (name: string) => ({
    value: fields[name] ?? '',
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }),
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (bulk.isPending) return;
    const target =
      selection.mode === 'ids' ? { caseIds: selection.ids } : { filter: filters as BulkInput['filter'] };
    const opt = (k: string) => (fields[k] ? { [k]: fields[k] } : {});
    try {
      const r = await bulk.mutateAsync({
        action,
        ...target,
        ...opt('eventId'),
        ...opt('userId'),
        ...opt('originalId'),
        ...opt('reason'),
        ...opt('county'),
        ...opt('ward'),
        ...opt('tag'),
      } as BulkInput);
      setResult(r);
      if (r.failed === 0) onDone();
    } catch {
      // Shown below from bulk.error.
    }
  }

  return (
    <form className="card bulk-bar" onSubmit={(e) => void onSubmit(e)} data-testid="bulk-bar">
      <p>
        <strong>{t('bulk.selected', { count })}</strong>
      </p>
      <div className="bulk-bar__row">
        <label htmlFor="bulk-action">{t('bulk.action')}</label>
        <select
          id="bulk-action"
          value={action}
          onChange={(e) => setAction(e.target.value as BulkAction)}
          data-testid="bulk-action"
        >
          {bulkActions.map((a) => (
            <option key={a} value={a}>
              {t(`bulk.actions.${a}`)}
            </option>
          ))}
        </select>
        {action === 'attach_event' ? (
          <>
            <label htmlFor="bulk-event">{t('bulk.event')}</label>
            <select id="bulk-event" {...field('eventId')} data-testid="bulk-event" required>
              <option value="">{t('bulk.chooseEvent')}</option>
              {(events.data ?? []).map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.reference} · {ev.title}
                </option>
              ))}
            </select>
            <Link to="/events">{t('bulk.newEvent')}</Link>
          </>
        ) : null}
        {action === 'assign_lead' ? (
          <>
            <label htmlFor="bulk-user">{t('bulk.userId')}</label>
            <input id="bulk-user" {...field('userId')} required data-testid="bulk-user" />
          </>
        ) : null}
        {action === 'mark_duplicate' ? (
          <>
            <label htmlFor="bulk-original">{t('bulk.originalId')}</label>
            <select id="bulk-original" {...field('originalId')} required data-testid="bulk-original">
              <option value="">{t('bulk.chooseOriginal')}</option>
              {selectedLines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.reference}
                </option>
              ))}
            </select>
            <label htmlFor="bulk-reason">{t('bulk.reason')}</label>
            <input id="bulk-reason" {...field('reason')} required maxLength={2000} />
          </>
        ) : null}
        {action === 'set_place' ? (
          <>
            <label htmlFor="bulk-county">{t('bulk.county')}</label>
            <select id="bulk-county" {...field('county')} required>
              <option value="">{t('bulk.chooseCounty')}</option>
              {counties.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <label htmlFor="bulk-ward">{t('bulk.ward')}</label>
            <input id="bulk-ward" {...field('ward')} maxLength={80} />
          </>
        ) : null}
        {action === 'add_tag' ? (
          <>
            <label htmlFor="bulk-tag">{t('bulk.tag')}</label>
            <input
              id="bulk-tag"
              {...field('tag')}
              required
              maxLength={40}
              pattern="[\p{L}\p{N}][\p{L}\p{N}_\-]*"
            />
          </>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={bulk.isPending}
          data-testid="bulk-apply"
        >
          {bulk.isPending ? t('app.loading') : t('bulk.apply', { count })}
        </button>
      </div>
      {bulk.isError ? (
        <p className="field__error" role="alert">
          {errorText(bulk.error)}
        </p>
      ) : null}
      {result ? (
        <div role="status" data-testid="bulk-result">
          <p>
            {t('bulk.result', { succeeded: result.succeeded, total: result.total, failed: result.failed })}
          </p>
          {result.failed > 0 ? (
            <ul>
              {result.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.caseId}>
                    {r.reference ?? t('bulk.hiddenCase')}: {r.message}
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
