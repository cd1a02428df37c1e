import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The repository root (bench/lib/ is two levels down). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The PostgreSQL server the benchmarks may use; every database they create is fresh and dropped. */
export const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const t0 = Date.now();
/** One progress line, with the seconds since the bench started. */
export function progress(msg: string): void {
  const s = ((Date.now() - t0) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${s}s] ${msg}`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  postgres?: string;
  date: string;
}

export function machineInfo(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1) ?? 0,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Peak and current resident memory of a process, from /proc (Linux); MB. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Start a child process with its output going to a log file (never a pipe nobody reads). */
export function startProc(
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; logFile: string; cwd?: string },
): Proc {
  const out = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: opts.cwd ?? root,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  return {
    child,
    pid: child.pid!,
    logFile: opts.logFile,
    exited,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const done = await Promise.race([exited.then(() => true), sleep(8000).then(() => false)]);
        if (!done) {
          child.kill('SIGKILL');
          await Promise.race([exited, sleep(3000)]);
        }
      })();
      return stopping;
    },
  };
}

/** Poll a URL until it answers 200, the process exits, or the time is up. */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`process exited before ${url} answered; see ${proc.logFile}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; see ${proc.logFile}`);
}

export function dbUrl(name: string): string {
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin((c) => c.query(`create database ${name}`));
  return dbUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
}

export async function postgresVersion(): Promise<string | undefined> {
  try {
    return await withAdmin(async (c) => (await c.query('show server_version')).rows[0]?.server_version);
  } catch {
    return undefined;
  }
}

function newestMtime(dir: string, filter: (f: string) => boolean): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (filter(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * How to run the server: the compiled dist/ when it is newer than every server source file, otherwise
 * the sources through tsx (same code, compiled on load).
 */
export function serverCommand(mode: 'auto' | 'dist' | 'src'): { args: string[]; mode: 'dist' | 'src' } {
  const compiled = path.join(root, 'dist/cli/index.js');
  const srcArgs = ['--import', 'tsx', path.join(root, 'src/cli/index.ts')];
  if (mode === 'src') return { args: srcArgs, mode: 'src' };
  if (mode === 'dist') return { args: [compiled], mode: 'dist' };
  if (!existsSync(compiled)) return { args: srcArgs, mode: 'src' };
  const isSource = (f: string) => f.endsWith('.ts') && !f.endsWith('.test.ts');
  const newestSource = Math.max(
    ...['src/server', 'src/cli', 'src/shared'].map((d) => newestMtime(path.join(root, d), isSource)),
  );
  return statSync(compiled).mtimeMs > newestSource
    ? { args: [compiled], mode: 'dist' }
    : { args: srcArgs, mode: 'src' };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null if unreadable. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: utime is field 14 and stime field 15 of the whole line (11, 12 here).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
