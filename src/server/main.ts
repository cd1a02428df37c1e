import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomToken } from './lib/crypto.js';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { ensureDataDir, makePrivate, openDatabase, type Database } from './db/client.js';
import { createLogger } from './logger.js';

/** A failure at start-up that deserves one plain line and a non-zero exit, not a stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export function pgliteDirFor(config: Config, name = 'pglite'): string {
  return path.join(config.DATA_DIR, name);
}

/**
 * Where a server holding an embedded database leaves the CLI its way in: `{ url, token, pid }`, 0600,
 * removed at shutdown. Only the data directory's owner can read it.
 */
export function localAdminFileFor(config: Config, name = 'pglite'): string {
  return path.join(config.DATA_DIR, `admin-${name}.json`);
}

function describeDbUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/**
 * PGlite is single-process: a second process opening the same files would corrupt them. A lock file
 * with the owner's pid keeps the CLI and a running server from colliding; a stale lock is taken over.
 */
function lockPgliteDir(dir: string): () => void {
  const lockFile = path.join(dir, 'dharura.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lockFile, 'utf8'));
    let alive = false;
    try {
      if (owner && owner !== process.pid) {
        process.kill(owner, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive) throw new StartupError(`the embedded database in ${dir} is in use by process ${owner}`);
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

/** Open the configured database and bring its schema up to date. */
export async function openAndMigrate(config: Config, pgliteName = 'pglite'): Promise<Database> {
  let database: Database;
  if (config.DATABASE_URL) {
    try {
      database = await openDatabase({ databaseUrl: config.DATABASE_URL });
      await database.query('select 1');
    } catch (err) {
      throw new StartupError(
        `cannot connect to PostgreSQL at ${describeDbUrl(config.DATABASE_URL)}: ${(err as Error).message}`,
      );
    }
  } else {
    ensureDataDir(config.DATA_DIR);
    const dir = pgliteDirFor(config, pgliteName);
    ensureDataDir(dir);
    const unlock = lockPgliteDir(dir);
    try {
      makePrivate(dir);
      const opened = await openDatabase({ pgliteDir: dir });
      makePrivate(dir);
      database = {
        ...opened,
        async migrate() {
          await opened.migrate();
          makePrivate(dir);
        },
        async close() {
          await opened.close();
          makePrivate(dir);
          unlock();
        },
      };
    } catch (err) {
      unlock();
      throw new StartupError(`cannot open the embedded database in ${dir}: ${(err as Error).message}`);
    }
  }
  try {
    await database.migrate();
  } catch (err) {
    await database.close().catch(() => undefined);
    throw new StartupError(`database migration failed: ${(err as Error).message}`);
  }
  return database;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Fresh install only: the one-time code the set-up page asks for. */
  setupCode: string | null;
  stop(): Promise<void>;
}

/** Start listening; resolves once the server accepts connections. */
export async function startServer(
  config: Config,
  opts: { database?: Database; pgliteName?: string; announceSetup?: boolean } = {},
): Promise<RunningServer> {
  const database = opts.database ?? (await openAndMigrate(config, opts.pgliteName));
  const logger = createLogger(config.LOG_LEVEL);
  // The embedded database is this process's alone: the CLI asks the server instead (see local-admin).
  const localAdminToken = config.DATABASE_URL ? undefined : randomToken();
  // The replica is only read: no migration (it replays the primary's), a small pool of its own.
  const readDatabase = config.DATABASE_READ_URL
    ? await openDatabase({ databaseUrl: config.DATABASE_READ_URL, poolSize: 5 })
    : undefined;
  const app = await buildApp({
    config,
    database,
    logger,
    localAdminToken,
    ...(readDatabase ? { readDatabase } : {}),
  });
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    await app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    await readDatabase?.close().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      throw new StartupError(`port ${config.PORT} on ${config.HOST} is already in use`);
    if (e.code === 'EACCES') throw new StartupError(`not allowed to listen on ${config.HOST}:${config.PORT}`);
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
      throw new StartupError(`HOST ${config.HOST} is not an address of this machine`);
    throw new StartupError(`cannot listen on ${config.HOST}:${config.PORT}: ${e.message}`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  // A fresh install (no users) is claimed in the browser with a one-time code that only whoever reads
  // this process's output has (the CLI prints it); never sent anywhere else.
  const setupCode = opts.announceSetup === false ? null : await app.ctx.services.userAdmin.firstRun.prepare();
  if (setupCode) app.log.warn({ event: 'setup.pending' }, 'fresh install: set-up code printed on stdout');
  const adminFile = localAdminFileFor(config, opts.pgliteName);
  if (localAdminToken) {
    const local = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
    writeFileSync(adminFile, JSON.stringify({ url: local, token: localAdminToken, pid: process.pid }), {
      mode: 0o600,
    });
  }
  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    setupCode,
    stop() {
      stopping ??= (async () => {
        if (localAdminToken) rmSync(adminFile, { force: true });
        await app.close();
        await database.close();
        await readDatabase?.close();
      })();
      return stopping;
    },
  };
}

/** SIGTERM/SIGINT close the server and the database; a hard exit after 5 s if something hangs. */
export function installShutdown(server: RunningServer): void {
  const onSignal = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 4500);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
