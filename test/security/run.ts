/**
 * `npm run test:security` — the standing adversarial suite (docs/SECURITY.md).
 *
 * 1. The tests that pin each finding of the adversarial review (shredding that forgets, the shred register
 *    travelling with the keys, sensitive by default, need-to-know without side doors at field level, no
 *    free text in the audit, sign-in throttling instead of lockout, the public status secret, a complete
 *    data-subject export, private files, single-use form tokens, quick exit), on the embedded database
 *    (and on PostgreSQL when DATABASE_URL is set).
 * 2. A bounded sqlmap pass (Debian's `sqlmap`) against the real server: the public form, the status check,
 *    the sign-in and the Africa's Talking SMS, USSD and delivery callbacks. Any injection point found fails
 *    the run.
 *
 *   options: --no-sqlmap (tests only) --no-tests (scan only) --json FILE (results for CI)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appEnv, BENCH_AT_SECRET, startAppServer } from '../../bench/lib/app-server.js';
import { root } from '../../bench/lib/util.js';

const { values: args } = parseArgs({
  options: {
    'no-sqlmap': { type: 'boolean', default: false },
    'no-tests': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

/** Each file holds tests written for one or more findings; each failed before its fix. */
export const SECURITY_TEST_FILES = [
  'src/server/security/shred-forensics.test.ts', // 1, 2: raw files and WAL after a shred; restore
  'src/server/security/security.test.ts', // 1, 2: KEKs, key state, backup
  'src/server/modules/cases/sensitivity.test.ts', // 3: sensitive by default, two-person lowering
  'test/access-matrix.test.ts', // 4: every route x role, field-level results, filters, responders
  'src/server/modules/dataprotection/export-approval.test.ts', // 4: DPO asks, another approves
  'src/server/modules/dataprotection/dataprotection.test.ts', // 5, 8: consent purpose, complete export
  'src/server/modules/alerts/alerts.test.ts', // 4: restricted cases' references in alerts
  'src/server/modules/auth/auth.test.ts', // 6: throttling, uniform answers, burst notice
  'src/server/modules/auth/mfa.test.ts', // 6: a locked account is told only after a right password
  'src/server/modules/public/public.test.ts', // 7, 9, 10: status secret, single-use token, quick exit
  'src/server/channels/sms.test.ts', // 7: STATUS only from the reporting phone
  'src/server/channels/ussd.test.ts', // 7: the same on USSD
  'test/cli.test.ts', // 9: private data directory, backup that refuses an empty database
];

interface Result {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}
const results: Result[] = [];
const say = (msg: string) => process.stdout.write(`[security] ${msg}\n`);

async function timed(name: string, fn: () => Promise<{ ok: boolean; detail: string }>) {
  const t0 = Date.now();
  say(`${name}…`);
  let r: { ok: boolean; detail: string };
  try {
    r = await fn();
  } catch (err) {
    r = { ok: false, detail: (err as Error).message };
  }
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  results.push({ name, ...r, seconds });
  say(`${r.ok ? 'PASS' : 'FAIL'} ${name} (${seconds} s): ${r.detail}`);
}

function runTests(): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...SECURITY_TEST_FILES],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      process.stdout.write(b);
    });
    child.on('exit', (code) => {
      // eslint-disable-next-line no-control-regex
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      const summary = /Tests\s+(.*)/.exec(plain)?.[1]?.trim() ?? 'no summary';
      resolve({ ok: code === 0, detail: `${SECURITY_TEST_FILES.length} files: ${summary}` });
    });
  });
}

/** One bounded sqlmap pass; a finding is sqlmap's "identified the following injection point". */
function sqlmap(target: {
  name: string;
  url: string;
  data?: string;
  headers?: string;
  /** HTTP answers that are the endpoint working, not an error (a refused sign-in is a 401). */
  ignoreCodes?: string;
}): Promise<{ ok: boolean; detail: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'dharura-sqlmap-'));
  const argv = [
    '-u',
    target.url,
    ...(target.data ? ['--data', target.data] : []),
    ...(target.headers ? ['--headers', target.headers] : []),
    ...(target.ignoreCodes ? [`--ignore-code=${target.ignoreCodes}`] : []),
    '--batch',
    '--level=2',
    '--risk=1',
    '--technique=BEUST',
    '--time-sec=2',
    '--threads=2',
    '--timeout=10',
    '--retries=1',
    '--dbms=PostgreSQL',
    '--flush-session',
    `--output-dir=${out}`,
    '--disable-coloring',
  ];
  return new Promise((resolve) => {
    const child = spawn('sqlmap', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text += b.toString()));
    child.on('exit', () => {
      rmSync(out, { recursive: true, force: true });
      const found = /identified the following injection point|is vulnerable/i.test(text);
      const tested = (text.match(/testing '/g) ?? []).length;
      // A pass that tried nothing (the target refused every request) proves nothing: it fails too.
      resolve({
        ok: !found && tested > 0,
        detail: found
          ? `INJECTION FOUND:\n${text.split('\n').slice(-40).join('\n')}`
          : tested > 0
            ? `${tested} payload families tried, no injection`
            : `nothing tested:\n${text.split('\n').slice(-15).join('\n')}`,
      });
    });
  });
}

async function scan(): Promise<void> {
  if (spawnSync('sqlmap', ['--version']).status !== 0) {
    results.push({
      name: 'sqlmap',
      ok: false,
      detail: 'sqlmap not installed (apt-get install sqlmap)',
      seconds: 0,
    });
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-security-'));
  const env = appEnv({
    dataDir,
    masterKey: randomBytes(32).toString('base64'),
    blindIndexKey: randomBytes(32).toString('base64'),
    logLevel: 'warn',
  });
  const app = await startAppServer(env, { logDir: dataDir, name: 'server', mode: 'auto' });
  try {
    const at = `${app.url}/api/channels/at`;
    const targets = [
      {
        name: 'status check (POST /status)',
        url: `${app.url}/status`,
        data: 'lang=en&reference=UA-2026-00001-K7PX',
      },
      {
        name: 'public form (POST /report)',
        url: `${app.url}/report`,
        data: 'lang=en&token=x&website=&narrative=threatened+near+the+market&county=Nairobi&danger=no&anonymous=1',
      },
      {
        name: 'sign-in (POST /api/auth/login)',
        url: `${app.url}/api/auth/login`,
        data: '{"email":"someone@example.org","password":"not-the-password"}',
        headers: 'Content-Type: application/json',
        ignoreCodes: '401',
      },
      {
        name: 'SMS callback',
        url: `${at}/sms/${BENCH_AT_SECRET}`,
        data: 'from=%2B254722000111&to=40404&text=STATUS+UA-2026-00001&id=ATXid_1&date=2026-12-06',
      },
      {
        name: 'USSD callback',
        url: `${at}/ussd/${BENCH_AT_SECRET}`,
        data: 'sessionId=ATUid_1&serviceCode=*384*1%23&phoneNumber=%2B254722000111&text=1*2',
      },
      {
        name: 'delivery report callback',
        url: `${at}/delivery/${BENCH_AT_SECRET}`,
        data: 'id=ATXid_2&status=Success&phoneNumber=%2B254722000111',
      },
    ];
    const only = process.env.SECURITY_SQLMAP_ONLY;
    for (const t of targets.filter((x) => !only || x.name.includes(only)))
      await timed(`sqlmap: ${t.name}`, () => sqlmap(t));
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
if (!args['no-tests']) await timed('security tests', runTests);
if (!args['no-sqlmap']) await scan();
const failed = results.filter((r) => !r.ok);
say(
  `${results.length - failed.length} passed, ${failed.length} failed in ${Math.round((Date.now() - t0) / 1000)} s`,
);
if (args.json) writeFileSync(args.json, JSON.stringify({ results }, null, 2));
process.exit(failed.length > 0 || results.length === 0 ? 1 : 0);
