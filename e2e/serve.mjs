// A fresh `dharura serve` for browser tests that start from nothing: no users, so the first visit shows
// the set-up page; the one-time set-up code is read from what `serve` prints. Not a test file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';

/** Start `dharura serve` on a free port with an empty data directory; resolves once the set-up code is printed. */
export async function startFresh() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-e2e-fresh-'));
  const child = spawn(process.execPath, [path.join(root, 'bin/dharura.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${output}`)), 180_000);
    const check = () => {
      const url = /Dharura is listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
      const code = /set-up code:\s+(\S+)/.exec(output)?.[1];
      if (url && code) {
        clearTimeout(timer);
        resolve({ baseUrl: url.replace('0.0.0.0', '127.0.0.1').replace(/\/$/, ''), setupCode: code });
      }
    };
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...started, stop, output: () => output };
}
