import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

/** One filter: a labelled select whose value lives in the address (?key=value). */
export interface FilterDef {
  key: string;
  label: string;
  /** The first option, meaning "no filter" ("Any", "All open"). */
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  /** The field grows to take the row's remaining width. */
  grow?: boolean;
}

/** The filters' values as the address holds them; a value not among the options counts as none. */
export function useUrlFilters(defs: readonly FilterDef[]) {
  const [params, setParams] = useSearchParams();
  const values: Record<string, string | undefined> = {};
  for (const d of defs) {
    const v = params.get(d.key);
    values[d.key] = v !== null && d.options.some((o) => o.value === v) ? v : undefined;
  }
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { values, set, clear, active: Object.values(values).some(Boolean) };
}

/**
 * A row of filters above a table, kept in the address (so a filtered list can be shared or reloaded),
 * with "Clear filters" while any is set. Each select has id and data-testid `filter-<idOf>`.
 */
export function FilterBar({
  label,
  filters,
  values,
  onChange,
  onClear,
  idOf = (key) => key,
  testId,
  children,
}: {
  /** The search region's accessible name. */
  label: string;
  filters: readonly FilterDef[];
  values: Record<string, string | undefined>;
  onChange: (key: string, value: string) => void;
  onClear: () => void;
  /** The id suffix of a filter's select (default its key). */
  idOf?: (key: string) => string;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const active = Object.values(values).some(Boolean);
  return (
    <form
      className="filters"
      role="search"
      aria-label={label}
      data-testid={testId}
      onSubmit={(e) => e.preventDefault()}
    >
      {filters.map((f) => {
        const id = `filter-${idOf(f.key)}`;
        return (
          <div key={f.key} className={f.grow ? 'field field--compact field--grow' : 'field field--compact'}>
            <label htmlFor={id}>{f.label}</label>
            <select
              id={id}
              value={values[f.key] ?? ''}
              onChange={(e) => onChange(f.key, e.target.value)}
              data-testid={id}
            >
              <option value="">{f.anyLabel}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      {children}
      {active ? (
        <button type="button" className="button button--small" onClick={onClear}>
          {t('form.clearFilters')}
        </button>
      ) : null}
    </form>
  );
}
