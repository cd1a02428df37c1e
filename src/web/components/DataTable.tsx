import type { HTMLAttributes, ReactNode } from 'react';

/** One column: its header, and what a row shows in it. */
export interface Column<T> {
  key: string;
  /** The header, also the label a stacked (phone) row shows before the cell. */
  label: string;
  /** Rendered instead of `label` in the header row (e.g. with a visually hidden part). */
  header?: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell is the row's header (`<th scope="row">`): the reference, the name. */
  rowHeader?: boolean;
  className?: string;
}

/**
 * A table of records: a caption, a header row, one row per record and an empty state. On phones the
 * rows stack (each cell shows its column's label: the `data-label` the stylesheet reads), and the
 * table scrolls in its own focusable region when it is wider than the screen.
 */
export function DataTable<T>({
  caption,
  captionId,
  columns,
  rows,
  rowKey,
  rowProps,
  empty,
  emptyProps,
  className,
  testId,
  stacked = true,
}: {
  caption: ReactNode;
  /** The caption's id: the scrolling region is labelled by it. */
  captionId: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Extra attributes of a row's <tr> (class, data-testid, data-reference …). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Shown in one full-width cell when there are no rows. */
  empty: ReactNode;
  emptyProps?: HTMLAttributes<HTMLTableCellElement> & Record<`data-${string}`, string>;
  className?: string;
  testId?: string;
  /** Rows stack on phones (default); false keeps the grid and scrolls. */
  stacked?: boolean;
}) {
  const classes = ['table', stacked ? 'table--stack' : null, className].filter(Boolean).join(' ');
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={classes} data-testid={testId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header ?? c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} {...emptyProps}>
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} {...rowProps?.(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" data-label={c.label} className={c.className}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} data-label={c.label} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
