import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

/**
 * Set-based writes for hot paths: many rows in one statement with ONE parameter, the rows as a JSON
 * array unpacked in SQL by `jsonb_to_recordset`. The statement text depends only on the table and the
 * columns given, so it is cheap to build, and one round trip carries any number of rows (each round trip
 * costs far more than the SQL it carries: see docs/PERFORMANCE.md).
 *
 * Values are the table's insert values (`$inferInsert`): dates become ISO strings, arrays and JSON stay
 * JSON, and PostgreSQL converts each field to its column's type. Every row must give the same columns
 * (a column missing from one row would be written as NULL, not as its default).
 */

type Row = Record<string, unknown>;

const sqlTypeOf = (col: PgColumn): string => {
  const t = col.getSQLType();
  // Serial types exist only for column definitions; their values are plain integers.
  if (t === 'serial') return 'integer';
  if (t === 'bigserial') return 'bigint';
  if (t === 'smallserial') return 'smallint';
  return t;
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columnsOf(table: PgTable, keys: string[]): { key: string; col: PgColumn }[] {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return keys.map((key) => {
    const col = all[key];
    if (!col) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, col };
  });
}

const toJsonValue = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : v === undefined ? null : v;

/** The JSON text of the rows, column by column in the given order. */
function rowsJson(rows: Row[], cols: { key: string; col: PgColumn }[]): string {
  return JSON.stringify(
    rows.map((r) => {
      const o: Row = {};
      for (const { key, col } of cols) o[col.name] = toJsonValue(r[key]);
      return o;
    }),
  );
}

export interface BulkInsertOptions {
  onConflictDoNothing?: boolean;
  /** `*` for whole rows (map them with `fromRow`), or the columns (table keys) to return. */
  returning?: '*' | string[];
}

/** `INSERT INTO t (…) SELECT … FROM jsonb_to_recordset($1)`: one statement, one parameter, any number of rows. */
export function bulkInsertSql<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  opts: BulkInsertOptions = {},
): SQL {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => (r as Row)[k] !== undefined)))];
  const cols = columnsOf(table, keys);
  const names = cols.map(({ col }) => quote(col.name)).join(', ');
  const defs = cols.map(({ col }) => `${quote(col.name)} ${sqlTypeOf(col)}`).join(', ');
  let tail = `) as x(${defs})`;
  if (opts.onConflictDoNothing) tail += ' on conflict do nothing';
  if (opts.returning === '*') tail += ' returning *';
  else if (opts.returning?.length) {
    tail += ` returning ${columnsOf(table, opts.returning)
      .map(({ col }) => quote(col.name))
      .join(', ')}`;
  }
  const head = `insert into ${quote(getTableName(table))} (${names}) select ${names} from jsonb_to_recordset(`;
  return sql`${sql.raw(head)}${rowsJson(rows as Row[], cols)}::jsonb${sql.raw(tail)}`;
}

/** Rows of a raw statement (node-postgres and PGlite both answer `{ rows }`). */
export async function rowsOf<R = Row>(tx: Executor, query: SQL): Promise<R[]> {
  const r = (await tx.execute(query)) as unknown as { rows: R[] };
  return r.rows;
}

/** Insert many rows in one statement; with `returning: '*'` the stored rows, as the table's select type. */
export async function bulkInsert<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: T['$inferInsert'][],
  opts: BulkInsertOptions = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const raw = await rowsOf<Row>(tx, bulkInsertSql(table, rows, opts));
  return opts.returning === '*' ? raw.map((r) => fromRow(table, r)) : (raw as T['$inferSelect'][]);
}

/** A raw row (database column names, driver values) as the table's select type, the way drizzle maps it. */
export function fromRow<T extends PgTable>(table: T, raw: Row): T['$inferSelect'] {
  const out: Row = {};
  for (const [key, col] of Object.entries(getTableColumns(table) as Record<string, PgColumn>)) {
    const v = raw[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}
