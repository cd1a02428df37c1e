import { createHash } from 'node:crypto';
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
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

interface Shape {
  /** Table keys and their database column names, in statement order. */
  keys: string[];
  names: string[];
  head: string;
  tail: string;
}

/** Statement text per table, column set and options: built once, reused by every batch. */
const shapes = new WeakMap<PgTable, Map<string, Shape>>();

function shapeOf(table: PgTable, keys: string[], opts: BulkInsertOptions): Shape {
  const id = `${keys.join(',')}|${opts.onConflictDoNothing ? 1 : 0}|${
    Array.isArray(opts.returning) ? opts.returning.join(',') : (opts.returning ?? '')
  }`;
  let byKeys = shapes.get(table);
  if (!byKeys) shapes.set(table, (byKeys = new Map()));
  const known = byKeys.get(id);
  if (known) return known;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const col = (key: string) => {
    const c = all[key];
    if (!c) throw new Error(`${getTableName(table)} has no column ${key}`);
    return c;
  };
  const cols = keys.map(col);
  const names = cols.map((c) => quote(c.name)).join(', ');
  const defs = cols.map((c) => `${quote(c.name)} ${sqlTypeOf(c)}`).join(', ');
  let tail = `) as x(${defs})`;
  if (opts.onConflictDoNothing) tail += ' on conflict do nothing';
  if (opts.returning === '*') tail += ' returning *';
  else if (opts.returning?.length)
    tail += ` returning ${opts.returning.map((k) => quote(col(k).name)).join(', ')}`;
  const shape = {
    keys,
    names: cols.map((c) => c.name),
    head: `insert into ${quote(getTableName(table))} (${names}) select ${names} from jsonb_to_recordset(`,
    tail,
  };
  byKeys.set(id, shape);
  return shape;
}

/** Every key some row gives a value for, in first-seen order. */
function keysOf(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k in r) if (r[k] !== undefined) seen.add(k);
  return [...seen];
}

const toJsonValue = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : v === undefined ? null : v;

/** The JSON text of the rows, keyed by column name. */
function rowsJson(rows: Row[], shape: Shape): string {
  const { keys, names } = shape;
  return JSON.stringify(
    rows.map((r) => {
      const o: Row = {};
      for (let i = 0; i < keys.length; i++) o[names[i]!] = toJsonValue(r[keys[i]!]);
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
  const shape = shapeOf(table, keysOf(rows as Row[]), opts);
  return sql`${sql.raw(shape.head)}${rowsJson(rows as Row[], shape)}::jsonb${sql.raw(shape.tail)}`;
}

const dialect = new PgDialect();

/**
 * Rows of a raw statement (node-postgres and PGlite both answer `{ rows }`). With `prepared`, the
 * statement is named after its text, so on PostgreSQL each connection parses and plans it once and then
 * reuses the plan (the hot paths' statements are long, and planning them costs more than running them).
 */
export async function rowsOf<R = Row>(
  tx: Executor,
  query: SQL,
  opts: { prepared?: boolean } = {},
): Promise<R[]> {
  if (!opts.prepared) return ((await tx.execute(query)) as unknown as { rows: R[] }).rows;
  const q = dialect.sqlToQuery(query);
  const name = `dh_${createHash('sha1').update(q.sql).digest('base64url').slice(0, 24)}`;
  const r = (await tx._.session.prepareQuery(q, undefined, name, false).execute()) as { rows: R[] };
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

/**
 * Writes collected from several modules and made by ONE statement, as data-modifying CTEs: a batch of
 * intakes writes its keys, cases, people, timeline, alerts, clocks and audit rows in one round trip, and
 * as one statement it is atomic without a transaction block around it. Every write runs; foreign keys
 * are checked at the end of the statement, so the order of the parts does not matter. Ids are made by
 * the caller, so rows can refer to each other.
 */
/** Something a request must write with whatever batch carries its change (its idempotency key). */
export interface BatchScope {
  addTo(batch: InsertBatch): void;
}
let scopeSource: () => BatchScope | undefined = () => undefined;

/**
 * Where batches find the current request's scope (the idempotency plugin sets it), so a request's key
 * and its change are one statement whoever builds the batch.
 */
export function setBatchScopeSource(source: () => BatchScope | undefined): void {
  scopeSource = source;
}

/**
 * The current request's scope, for a service that gathers several requests' writes into one batch
 * (intake): it takes each request's scope when the request arrives and `carry`s them into the batch.
 */
export function currentBatchScope(): BatchScope | undefined {
  return scopeSource();
}

export class InsertBatch {
  private readonly parts: { name: string; query: SQL; effect?: boolean }[] = [];
  private readonly names = new Set<string>();
  private recursive = false;
  private readonly written: (() => void)[] = [];
  private readonly carried = new Set<BatchScope>();

  /** Write this request's scope with the batch (see `currentBatchScope`). */
  carry(scope: BatchScope | undefined) {
    if (scope) this.carried.add(scope);
  }

  insert<T extends PgTable>(
    table: T,
    rows: T['$inferInsert'][],
    opts: { onConflictDoNothing?: boolean } = {},
  ) {
    if (rows.length > 0) this.statement(bulkInsertSql(table, rows, opts));
  }

  /** Another data-modifying statement (an INSERT or UPDATE whose result is not needed): it always runs. */
  statement(query: SQL) {
    this.parts.push({ name: `w${this.parts.length}`, query });
  }

  /** A named read-only part the other parts use (`recursive` when it refers to itself). */
  cte(name: string, query: SQL, opts: { recursive?: boolean } = {}) {
    const reserved = /^(m|[wf]\d+)$/.test(name);
    if (reserved || !/^[a-z_][a-z0-9_]*$/.test(name) || this.names.has(name)) {
      throw new Error(`bad CTE name ${name}`);
    }
    this.names.add(name);
    this.recursive ||= Boolean(opts.recursive);
    this.parts.push({ name, query });
  }

  /** A SELECT run for its side effect (e.g. `pg_notify`): read to the end by the statement. */
  effect(query: SQL) {
    this.parts.push({ name: `w${this.parts.length}`, query, effect: true });
  }

  /** Run once the statement has succeeded (and so, outside a transaction block, committed). */
  onWritten(fn: () => void) {
    this.written.push(fn);
  }

  /**
   * Write everything in one statement; with `main` (an INSERT … RETURNING), that comes last and its rows
   * are the answer. Outside a transaction block the statement is its own transaction: it has committed
   * when this returns.
   */
  async write<R = Row>(tx: Executor, main?: SQL): Promise<R[]> {
    this.carry(scopeSource());
    const carried = [...this.carried];
    this.carried.clear();
    for (const scope of carried) scope.addTo(this);
    const parts = this.parts.splice(0);
    const recursive = this.recursive;
    this.recursive = false;
    this.names.clear();
    const effects = parts.filter((p) => p.effect);
    const ctes = parts.map((p) => sql`${sql.raw(p.name)} as (${p.query})`);
    if (main) ctes.push(sql`m as (${main})`);
    // Read the effects to their end (a plain SELECT in WITH runs only as far as it is read).
    const forced = effects.map((e, i) => sql`(select count(*) from ${sql.raw(e.name)}) ${sql.raw(`f${i}`)}`);
    const tail = main
      ? sql`select m.* from ${sql.join([sql`m`, ...forced], sql`, `)}`
      : forced.length
        ? sql`select 1 from ${sql.join(forced, sql`, `)}`
        : sql`select 1`;
    const rows =
      ctes.length === 0
        ? []
        : await rowsOf<R>(
            tx,
            sql`with ${sql.raw(recursive ? 'recursive ' : '')}${sql.join(ctes, sql`, `)} ${tail}`,
            { prepared: true },
          );
    for (const fn of this.written.splice(0)) fn();
    return rows;
  }
}
