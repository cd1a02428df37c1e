import { mkdirSync, accessSync, chmodSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle or the database itself; every repository function accepts either. */
export type Executor = Db;

export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/** One database, embedded (PGlite) or server (PostgreSQL), with the same surface for both. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The embedded engine itself (PGlite only), for libraries with their own PGlite adapter. */
  readonly pglite?: PGlite;
  /** One parameterised statement. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<T>>;
  /** Several statements without parameters (simple query protocol); rows of the last one. */
  exec(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const migrationsFolder = path.join(packageRoot(), 'src/server/db/migrations');

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/** Make sure DATA_DIR exists and is writable, with a one-line reason when it is not. */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new DatabaseConfigError(`DATA_DIR ${dataDir} is not writable`);
  }
}

/**
 * The embedded database's files are the case files: directory 0700, files 0600 (PGlite creates them
 * 0644/0666 otherwise). Applied to what exists; the CLI's umask (077) covers files created later.
 */
export function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) makePrivate(p);
    else if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, 0o600);
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite directory; 'memory://' for an in-memory database (tests). */
  pgliteDir?: string;
  /** PGlite: start from this data-directory dump (`dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.pgliteDir ?? 'memory://', opts.loadDataDir);
}

async function openPglite(dir: string, loadDataDir?: Blob): Promise<Database> {
  const options = loadDataDir ? { loadDataDir } : {};
  const client = dir === 'memory://' ? new PGlite(options) : new PGlite(dir, options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await client.query<T>(text, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(text: string) {
      const results = await client.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
    },
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 15_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may one checked out of the pool (a transaction between two statements): pg emits 'error' on
  // the client, and with no listener that is an uncaught exception that ends the server. The statement
  // in flight, or the next one, fails with the error instead; the pool drops the client on release.
  // A database failover cuts every connection at once (docs/SCALING.md).
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(text: string) {
      const r = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    async migrate() {
      await migratePg(drizzlePg(pool, { schema }), { migrationsFolder });
    },
    async close() {
      await pool.end();
    },
  };
}
