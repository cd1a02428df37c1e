import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCli } from './compiled-cli.js';
import { serverUrl } from './helpers.js';
import { demoTotpSecret, totpCodeAt } from '../src/server/modules/auth/totp.js';

/** The real `dharura` command, compiled once for this file (not through tsx on every run). */
const build = compileCli();
const cli = [build.entry];
const baseEnv = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', NODE_ENV: 'test' };

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...cli, ...args], {
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...cli, 'serve'], { env: { ...baseEnv, PORT: '0', ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('dharura CLI', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dharura-cli-'));
  const dbEnv: Record<string, string> = serverUrl ? {} : { DATA_DIR: dir };
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(build.dir, { recursive: true, force: true });
  });

  it('prints help for every command', () => {
    const top = run(['--help']);
    expect(top.status).toBe(0);
    for (const c of ['serve', 'migrate', 'demo', 'user']) expect(top.stdout).toContain(c);
    const add = run(['user', 'add', '--help']);
    expect(add.stdout).toContain('--role');
  });

  it('prints a demo account’s current authenticator code, and refuses an unknown demo role', async () => {
    const r = run(['demo-code', 'admin']);
    expect(r.status).toBe(0);
    const code = /^admin\s+(\d{6})$/.exec(r.stdout.trim())?.[1];
    // The code of the demo admin's fixed secret now (or in the step before, if the clock just ticked).
    const now = Date.now();
    const expected = await Promise.all(
      [now, now - 30_000].map((at) => totpCodeAt(demoTotpSecret('admin'), new Date(at))),
    );
    expect(expected).toContain(code);
    const bad = run(['demo-code', 'emperor']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/no demo account "emperor"/);
  });

  it('names a malformed DATABASE_URL in one line and exits non-zero', () => {
    const r = run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  });

  it('names an unwritable DATA_DIR in one line', () => {
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = run(['migrate'], { DATA_DIR: path.join(file, 'data') });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/DATA_DIR .* is not writable/);
  });

  it('refuses an unknown role with a clear message', () => {
    const r = run(['user', 'add', '--email', 'a@b.test', '--name', 'A', '--role', 'wizard'], dbEnv);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown role "wizard"/);
  });

  it.skipIf(Boolean(serverUrl))('keeps data across a restart, and SIGTERM exits within 5 s', async () => {
    const add = run(
      [
        'user',
        'add',
        '--email',
        'wanjiku@example.test',
        '--name',
        'Wanjiku',
        '--role',
        'duty_officer',
        '--password',
        'a-long-enough-password',
      ],
      dbEnv,
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    for (let round = 0; round < 2; round++) {
      const { child, url } = await serve(dbEnv);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'wanjiku@example.test', password: 'a-long-enough-password' }),
      });
      expect(login.status).toBe(200);
      const started = Date.now();
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it.skipIf(Boolean(serverUrl))(
    'adds a user while the server holds the embedded database, through its local admin endpoint',
    async () => {
      const own = path.join(dir, 'live');
      expect(run(['migrate'], { DATA_DIR: own }).status).toBe(0); // so the server starts quickly
      const { child, url } = await serve({ DATA_DIR: own });
      try {
        const tokenFile = path.join(own, 'admin-pglite.json');
        expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
        const add = run(
          ['user', 'add', '--email', 'live@example.test', '--name', 'Live', '--role', 'legal,research'],
          { DATA_DIR: own },
        );
        expect(add.stderr).toBe('');
        expect(add.status).toBe(0);
        expect(add.stdout).toMatch(
          /created live@example.test \(legal, research\) through the running server/,
        );
        const password = /initial password: (\S+)/.exec(add.stdout)![1]!;
        const login = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'live@example.test', password }),
        });
        expect(login.status).toBe(200);
        // The same rules as the console: a taken email is refused in one line.
        const dup = run(['user', 'add', '--email', 'live@example.test', '--name', 'L', '--role', 'legal'], {
          DATA_DIR: own,
        });
        expect(dup.status).not.toBe(0);
        expect(dup.stderr.trim()).toBe('dharura: EMAIL_TAKEN');
        // Without the token, the endpoint does not exist.
        const probe = await fetch(`${url}/api/local/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-dharura-admin-token': 'guess' },
          body: '{}',
        });
        expect(probe.status).toBe(404);
      } finally {
        const exited = exitOf(child);
        child.kill('SIGTERM');
        await exited;
      }
      expect(existsSync(path.join(own, 'admin-pglite.json'))).toBe(false);
    },
    300_000,
  );

  it.skipIf(Boolean(serverUrl))('refuses a port that is already in use, in one line', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = spawnSync(process.execPath, [...cli, 'serve'], {
      env: { ...baseEnv, ...dbEnv, PORT: String(port) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    blocker.close();
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe(`dharura: port ${port} on 127.0.0.1 is already in use`);
  });

  it.skipIf(Boolean(serverUrl))(
    'keeps the embedded database private: directory 0700, files 0600, while the server runs',
    async () => {
      const own = path.join(dir, 'private');
      const { child } = await serve({ DATA_DIR: own });
      const loose: string[] = [];
      const walk = (d: string) => {
        if ((statSync(d).mode & 0o777) !== 0o700)
          loose.push(`${d} ${(statSync(d).mode & 0o777).toString(8)}`);
        for (const f of readdirSync(d)) {
          const p = path.join(d, f);
          const st = statSync(p, { throwIfNoEntry: false });
          if (st?.isDirectory()) walk(p);
          else if (st?.isFile() && (st.mode & 0o077) !== 0)
            loose.push(`${p} ${(st.mode & 0o777).toString(8)}`);
        }
      };
      try {
        walk(path.join(own, 'pglite'));
        expect(readdirSync(path.join(own, 'pglite')).length).toBeGreaterThan(5);
        expect(loose).toEqual([]);
      } finally {
        const exited = exitOf(child);
        child.kill('SIGTERM');
        await exited;
      }
    },
  );

  it.skipIf(Boolean(serverUrl))(
    'refuses to back up a data directory without a database (the demo’s own) instead of writing an empty backup',
    () => {
      const data = path.join(dir, 'backup-data');
      expect(run(['migrate'], { DATA_DIR: data }).status).toBe(0);
      const file = path.join(dir, 'empty.dhb');
      // DATA_DIR pointed at a database directory itself (as at data/demo): there is no database below.
      const r = run(['backup', file], { DATA_DIR: path.join(data, 'pglite') });
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim()).toMatch(/^dharura: no embedded database in .*: nothing to back up/);
      expect(r.stderr).toMatch(/DATA_DIR is itself a database directory/);
      // --demo where no demo ran.
      const r1 = run(['backup', '--demo', file], { DATA_DIR: data });
      expect(r1.status).not.toBe(0);
      expect(r1.stderr).toMatch(/no embedded database in .*demo/);
      // A database that exists but holds nothing (not the one the server uses) is refused too.
      const r2 = run(['backup', file], { DATA_DIR: data });
      expect(r2.status).not.toBe(0);
      expect(r2.stderr).toMatch(/refusing to write an empty backup/);
      expect(existsSync(file)).toBe(false);
    },
  );
});
