import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.js';

/** A dashboard table: every chart has one, with the same numbers (accessible). */
export function Table<T>(props: {
  id: string;
  caption: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (r: T) => string;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={props.caption}
      captionId={`dash-${props.id}`}
      columns={props.columns}
      rows={props.rows}
      rowKey={props.rowKey}
      empty={t('dashboards.none')}
      testId={`dash-${props.id}`}
    />
  );
}

export function Bar({ value, max }: { value: number; max: number }): ReactNode {
  return (
    <span className="dash-bar">
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          height: '0.6em',
          background: 'currentColor',
          opacity: 0.4,
          width: `${max ? Math.round((value / max) * 6) : 0}em`,
          marginInlineEnd: '0.3em',
        }}
      />
      {value}
    </span>
  );
}
