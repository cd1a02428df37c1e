/**
 * A PostgreSQL primary with a synchronous hot standby, started from the PostgreSQL binaries on the
 * machine (initdb, pg_ctl, pg_basebackup) in a directory of its own on free ports, and HAProxy in front
 * (the primary active, the standby `backup`), for the database-failover scenario. PostgreSQL refuses to
 * run as root: under root every PostgreSQL program runs as the `postgres` OS user (spawn's uid/gid).
 *
 * `stop()` ends every process this started and removes the directory (the logs are copied into the
 * run's log directory first); it is registered as a run clean-up too, so it also happens on failure.
 */
import { spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, sleep, startProc, type Proc } from '../../bench/lib/util.js';
import type { Run } from './env.js';

/** Where initdb and friends are: PG_BINDIR, else Debian's layout (newest of 17, 16, 15). */
export function pgBinDir(): string {
  const candidates = [process.env.PG_BINDIR, ...[17, 16, 15].map((v) => `/usr/lib/postgresql/${v}/bin`)];
  const dir = candidates.find((d) => d && existsSync(path.join(d, 'pg_ctl')));
  if (!dir) throw new Error('no PostgreSQL binaries (set PG_BINDIR to the directory holding pg_ctl)');
  return dir;
}

export function haproxyBin(): string {
  const found = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) =>
    existsSync(p),
  );
  if (!found) throw new Error('HAProxy is not installed (Debian: apt-get install haproxy)');
  return found;
}

/** The uid/gid to run PostgreSQL as: ourselves, or `postgres` when we are root. */
function owner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root and there is no postgres OS user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Run one PostgreSQL program to completion; its output goes to `logFile`, and into the error if it fails. */
function tool(bin: string, args: string[], logFile: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(pgBinDir(), bin), args, {
      ...owner(),
      env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: path.dirname(logFile) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const take = (b: Buffer) => (out += b.toString());
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      appendFileSync(logFile, `$ ${bin} ${args.join(' ')}\n${out}\n`);
      if (code === 0) resolve();
      else reject(new Error(`${bin} ${args[0] ?? ''} failed (${signal ?? code}): ${out.trim().slice(-500)}`));
    });
  });
}

export interface PgNode {
  name: string;
  port: number;
  dataDir: string;
  /** A connection string straight to this node (not through HAProxy). */
  url(database: string): string;
}

export interface PgPair {
  primary: PgNode;
  standby: PgNode;
  /** HAProxy's address: the application's DATABASE_URL. */
  proxyUrl(database: string): string;
  /** The standby's state as the primary sees it ('sync' when a commit waits for it). */
  syncState(): Promise<string | null>;
  /** kill -9 the primary's postmaster, then its backends and auxiliary processes: the server is gone. */
  killPrimary(): Promise<void>;
  /** `pg_ctl promote` on the standby; resolves once it accepts writes. */
  promote(): Promise<void>;
  /** HAProxy's log (server state changes). */
  proxyLog: string;
  stop(): Promise<void>;
}

const postmasterPid = (dataDir: string): number | null => {
  try {
    return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
};

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

/** A process that is still there and not a zombie (a killed postmaster's children are reaped late). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

async function query<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Poll `probe` until it returns true, or fail with `what` after `timeoutMs`. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

export async function startPgPair(run: Run, name: string, database: string): Promise<PgPair> {
  // Outside the run's work directory (mode 0700, root's): PostgreSQL's own user must reach it.
  const root = mkdtempSync(path.join(tmpdir(), 'dharura-pg-'));
  const who = owner();
  if (who) chownSync(root, who.uid, who.gid);
  const log = path.join(root, 'tools.log');
  writeFileSync(log, '');
  if (who) chownSync(log, who.uid, who.gid);
  const node = (nodeName: string, port: number): PgNode => ({
    name: nodeName,
    port,
    dataDir: path.join(root, nodeName),
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
  });
  const primary = node('primary', await freePort());
  const standby = node('standby', await freePort());
  const proxyPort = await freePort();
  let proxy: Proc | undefined;
  let stopped: Promise<void> | undefined;

  const stopNode = async (n: PgNode) => {
    const pid = postmasterPid(n.dataDir);
    if (!pid || !alive(pid)) return;
    await tool('pg_ctl', ['stop', '-D', n.dataDir, '-m', 'immediate', '-w', '-t', '20'], log).catch(() => {
      const kids = childrenOf(pid);
      process.kill(pid, 'SIGKILL');
      for (const k of kids) if (alive(k)) process.kill(k, 'SIGKILL');
    });
  };
  const stop = () =>
    (stopped ??= (async () => {
      await proxy?.stop();
      await stopNode(standby);
      await stopNode(primary);
      for (const f of ['primary.log', 'standby.log', 'tools.log', 'haproxy.cfg', 'haproxy.log']) {
        const from = path.join(root, f);
        if (existsSync(from)) copyFileSync(from, path.join(run.logDir, `${name}-${f}`));
      }
      rmSync(root, { recursive: true, force: true });
    })());
  run.cleanups.push(stop);

  try {
    await tool(
      'initdb',
      ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      log,
    );
    // synchronous_commit = on with a named synchronous standby: COMMIT returns only once the standby has
    // flushed the commit's WAL, so every 2xx the application gave is on both servers.
    appendFileSync(
      path.join(primary.dataDir, 'postgresql.conf'),
      [
        '',
        '# database-failover scenario',
        "listen_addresses = '127.0.0.1'",
        `port = ${primary.port}`,
        `unix_socket_directories = '${root}'`,
        'max_connections = 80',
        'shared_buffers = 64MB',
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        'synchronous_commit = on',
        "synchronous_standby_names = 'FIRST 1 (standby1)'",
        'wal_sender_timeout = 5s',
        'wal_receiver_timeout = 5s',
        'log_min_messages = warning',
        '',
      ].join('\n'),
    );
    const start = (n: PgNode) =>
      tool(
        'pg_ctl',
        ['start', '-D', n.dataDir, '-l', path.join(root, `${n.name}.log`), '-w', '-t', '60'],
        log,
      );
    await start(primary);
    await tool(
      'pg_basebackup',
      [
        '-D',
        standby.dataDir,
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-X',
        'stream',
      ],
      log,
      120_000,
    );
    writeFileSync(path.join(standby.dataDir, 'standby.signal'), '');
    // The standby's own settings (later lines win): its port, where the primary is and the name the
    // primary knows it by; and, once promoted, no synchronous standby of its own to wait for (there is
    // none until a new one is attached; see docs/SCALING.md).
    appendFileSync(
      path.join(standby.dataDir, 'postgresql.conf'),
      [
        '',
        '# the standby',
        `port = ${standby.port}`,
        `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=standby1'`,
        "synchronous_standby_names = ''",
        '',
      ].join('\n'),
    );
    if (who) {
      chownSync(path.join(standby.dataDir, 'standby.signal'), who.uid, who.gid);
    }
    await start(standby);

    const pair: PgPair = {
      primary,
      standby,
      proxyUrl: (db) => `postgres://postgres@127.0.0.1:${proxyPort}/${db}`,
      async syncState() {
        const rows = await query<{ sync_state: string }>(
          primary.url('postgres'),
          "select sync_state from pg_stat_replication where application_name = 'standby1'",
        );
        return rows[0]?.sync_state ?? null;
      },
      async killPrimary() {
        const pid = postmasterPid(primary.dataDir);
        if (!pid) throw new Error('no primary postmaster to kill');
        const kids = childrenOf(pid);
        process.kill(pid, 'SIGKILL');
        for (const k of kids) if (alive(k)) process.kill(k, 'SIGKILL');
        await until('the primary to be gone', async () => ![pid, ...kids].some(alive), 10_000);
      },
      async promote() {
        await tool('pg_ctl', ['promote', '-D', standby.dataDir, '-w', '-t', '60'], log);
        await until(
          'the promoted standby to accept writes',
          async () =>
            (await query<{ r: boolean }>(standby.url('postgres'), 'select pg_is_in_recovery() as r'))[0]
              ?.r === false,
          30_000,
        );
      },
      proxyLog: path.join(root, 'haproxy.log'),
      stop,
    };
    await until('the standby to be synchronous', async () => (await pair.syncState()) === 'sync', 60_000);
    await query(primary.url('postgres'), `create database ${database}`);

    // HAProxy in TCP mode: the primary takes every connection while its health check passes; the
    // standby (`backup`) only once the primary is marked down. Nothing here decides to promote: that is
    // the failover manager's job (here the scenario, in production Patroni or pg_auto_failover).
    const cfg = path.join(root, 'haproxy.cfg');
    writeFileSync(
      cfg,
      [
        'global',
        '  maxconn 400',
        '  log stdout format iso local0 info',
        'defaults',
        '  mode tcp',
        '  log global',
        '  timeout connect 2s',
        // Pooled connections sit idle for long stretches: the proxy must not cut them.
        '  timeout client 1h',
        '  timeout server 1h',
        'listen postgres',
        `  bind 127.0.0.1:${proxyPort}`,
        '  option pgsql-check user postgres',
        // A connection attempt refused by the dead primary before its check has failed is retried on
        // another server (the standby) rather than three times on the same one, a second apart.
        '  retries 2',
        '  option redispatch 1',
        '  default-server inter 250ms fastinter 250ms downinter 1s rise 2 fall 2 on-marked-down shutdown-sessions',
        `  server primary 127.0.0.1:${primary.port} check`,
        `  server standby 127.0.0.1:${standby.port} check backup`,
        '',
      ].join('\n'),
    );
    proxy = startProc(haproxyBin(), ['-db', '-f', cfg], {
      env: { PATH: process.env.PATH },
      logFile: pair.proxyLog,
    });
    await until(
      'HAProxy to reach the primary',
      async () => {
        const [r] = await query<{ p: number }>(pair.proxyUrl('postgres'), 'select inet_server_port() as p');
        return r?.p === primary.port;
      },
      20_000,
    );
    return pair;
  } catch (err) {
    await stop();
    throw err;
  }
}
