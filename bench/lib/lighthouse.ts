import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import { root } from './util.js';

/**
 * Lighthouse (npm `lighthouse`, its default mobile preset: Moto G Power screen, simulated slow 4G —
 * 150 ms RTT, 1.6 Mbit/s — and 4× CPU slowdown) on the console's sign-in, queue and case pages, against
 * `dharura demo` (fictional data) with Debian's Chromium. Signed-in pages get the demo duty officer's
 * session cookie in the browser's cookie jar.
 */

export interface DemoServer {
  url: string;
  accounts: Map<string, { email: string; password: string; totpSecret: string }>;
  stop(): Promise<void>;
}

/** `dharura demo` on a free port with its own data directory (WEB_DIR: another console build). */
export async function startDemoServer(opts: { webDir?: string; startMs?: number } = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-lh-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (opts.webDir) env.WEB_DIR = opts.webDir;
  const child = spawn(process.execPath, [path.join(root, 'bin/dharura.js'), 'demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo did not start in time:\n${output.slice(-2000)}`)),
      opts.startMs ?? 300_000,
    );
    const check = () => {
      const m = /Dharura demo \(fictional data only\) is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m && /Press Ctrl\+C to stop/.test(output)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      check();
    });
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`demo exited early (code ${code}, signal ${signal}):\n${output.slice(-2000)}`));
    });
  });
  const accounts = new Map<string, { email: string; password: string; totpSecret: string }>();
  const line = /^\s+([a-z_]+)\s+(\S+@\S+)\s+(\S+)\s+code\s+\d{6}\s+secret\s+([A-Z2-7]+=*)\s*$/gm;
  for (const m of output.matchAll(line))
    accounts.set(m[1]!, { email: m[2]!, password: m[3]!, totpSecret: m[4]! });
  return {
    url,
    accounts,
    stop: () => stopChild(child, () => rmSync(dataDir, { recursive: true, force: true })),
  };
}

async function stopChild(child: ChildProcess, then: () => void = () => undefined): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  then();
}

async function postJson(url: string, body: unknown): Promise<Response> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
  return r;
}

/**
 * Password, then the authenticator code (otplib, from the demo's printed secret): the session cookie.
 * The server refuses a time step already used, so a second sign-in within 30 s takes the next step's code.
 */
export async function demoSignIn(
  baseUrl: string,
  account: { email: string; password: string; totpSecret: string },
): Promise<string> {
  let lastError: unknown;
  for (const stepsAhead of [0, 1]) {
    const login = (await (
      await postJson(`${baseUrl}/api/auth/login`, { email: account.email, password: account.password })
    ).json()) as { status: string; challenge: string };
    if (login.status !== 'mfa_required') throw new Error(`expected mfa_required, got ${login.status}`);
    const epoch = Math.floor(Date.now() / 1000) + stepsAhead * 30;
    const code = await generate({ secret: account.totpSecret, epoch });
    try {
      const done = await postJson(`${baseUrl}/api/auth/mfa/verify`, { challenge: login.challenge, code });
      const cookie = done.headers.getSetCookie()[0]?.split(';')[0];
      if (!cookie) throw new Error('no session cookie after sign-in');
      return cookie;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** The first case of the queue the session can open (the demo's fictional cases). */
export async function firstCaseId(baseUrl: string, cookie: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/cases`, {
    headers: { cookie },
    signal: AbortSignal.timeout(30_000),
  });
  if (!r.ok) throw new Error(`/api/cases: ${r.status}`);
  const body = (await r.json()) as { cases?: { id: string }[] };
  const id = body.cases?.[0]?.id;
  if (!id) throw new Error('the demo queue has no case');
  return id;
}

export interface Chromium {
  port: number;
  stop(): Promise<void>;
}

/** Debian's Chromium, headless, with a DevTools port Lighthouse connects to. */
export async function launchChromium(): Promise<Chromium> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'dharura-lh-chromium-'));
  const child = spawn(
    process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${err}`));
    });
  });
  return {
    port,
    stop: () => stopChild(child, () => rmSync(profileDir, { recursive: true, force: true })),
  };
}

/** Put `name=value` into Chromium's cookie jar for `baseUrl` (DevTools protocol, browser target). */
export async function setBrowserCookie(port: number, baseUrl: string, cookie: string): Promise<void> {
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const eq = cookie.indexOf('=');
  const ws = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Storage.setCookies: no answer')), 30_000);
    ws.onerror = () => reject(new Error('DevTools connection failed'));
    ws.onopen = () =>
      ws.send(
        JSON.stringify({
          id: 1,
          method: 'Storage.setCookies',
          params: {
            cookies: [
              {
                name: cookie.slice(0, eq),
                value: cookie.slice(eq + 1),
                url: baseUrl,
                httpOnly: true,
                sameSite: 'Strict',
              },
            ],
          },
        }),
      );
    ws.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as { id?: number; error?: { message: string } };
      if (msg.id !== 1) return;
      clearTimeout(timer);
      if (msg.error) reject(new Error(`Storage.setCookies: ${msg.error.message}`));
      else resolve();
    };
  }).finally(() => ws.close());
}

export interface PageAudit {
  page: string;
  path: string;
  performance: number;
  accessibility: number;
  metrics: Record<string, number | null>;
  /** Lighthouse's CPU benchmark of this machine at the time (its baseline device is ~1000 and more). */
  benchmarkIndex: number | null;
  /** Accessibility audits that failed, and performance audits scoring under 0.9 (ids and titles). */
  findings: { id: string; title: string; score: number | null; items?: string[] }[];
}

type LhResult = {
  lhr: {
    categories: Record<string, { score: number | null; auditRefs: { id: string }[] }>;
    audits: Record<
      string,
      {
        id: string;
        title: string;
        score: number | null;
        scoreDisplayMode: string;
        numericValue?: number;
        details?: {
          items?: { node?: { snippet?: string; selector?: string }; url?: string; statusCode?: number }[];
        };
      }
    >;
    runtimeError?: { message: string };
    environment?: { benchmarkIndex?: number };
  };
};

/** One Lighthouse navigation (mobile preset), performance and accessibility only. */
export async function auditPage(
  port: number,
  url: string,
  page: string,
  signedIn = false,
): Promise<PageAudit> {
  const { default: lighthouse } = await import('lighthouse');
  const result = (await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  })) as unknown as LhResult | undefined;
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.message}`);
  if (signedIn) {
    // A signed-in page that lost its session mid-run would be measuring the sign-in page instead.
    const requests = (lhr.audits['network-requests']?.details?.items ?? []) as {
      url?: string;
      statusCode?: number;
    }[];
    const refused = requests.find((r) => r.url?.includes('/api/') && r.statusCode === 401);
    if (refused) throw new Error(`lighthouse on ${url}: signed out during the run (401 on ${refused.url})`);
  }
  const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const metric = (id: string) => {
    const v = lhr.audits[id]?.numericValue;
    return v === undefined ? null : Number(v.toFixed(id === 'cumulative-layout-shift' ? 3 : 0));
  };
  const findings: PageAudit['findings'] = [];
  for (const [category, limit] of [
    ['accessibility', 1],
    ['performance', 0.9],
  ] as const) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= limit) continue;
      if (!['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode)) continue;
      const items = (a.details?.items ?? [])
        .map((i) => i.node?.snippet ?? i.node?.selector)
        .filter((s): s is string => Boolean(s))
        .slice(0, 5);
      findings.push({ id: a.id, title: a.title, score: a.score, ...(items.length ? { items } : {}) });
    }
  }
  return {
    page,
    path: new URL(url).pathname,
    performance: score('performance'),
    accessibility: score('accessibility'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    metrics: {
      firstContentfulPaintMs: metric('first-contentful-paint'),
      largestContentfulPaintMs: metric('largest-contentful-paint'),
      totalBlockingTimeMs: metric('total-blocking-time'),
      cumulativeLayoutShift: metric('cumulative-layout-shift'),
      speedIndexMs: metric('speed-index'),
    },
    findings,
  };
}

export interface LighthouseResult {
  preset: string;
  pages: PageAudit[];
  /** Runs per page; the page's audit shown is the run with the median performance score. */
  runs: number;
  allScores: Record<string, { performance: number[]; accessibility: number[] }>;
}

/**
 * Sign-in (signed out), the queue and one case (signed in as the demo duty officer), `runs` times
 * each; the reported audit per page is the run with the median performance score.
 */
export async function lighthouseConsole(baseUrl: string, cookie: string, caseId: string, runs = 1) {
  const chrome = await launchChromium();
  try {
    const targets = [
      { page: 'sign-in', path: '/', signedIn: false },
      { page: 'queue', path: '/queue', signedIn: true },
      { page: 'case', path: `/cases/${caseId}`, signedIn: true },
    ];
    const pages: PageAudit[] = [];
    const allScores: LighthouseResult['allScores'] = {};
    for (const t of targets) {
      // Sign-in runs first with an empty cookie jar; the session goes into the jar (not Lighthouse's
      // extraHeaders: once the console sets its language cookie, the browser's own Cookie header
      // replaced the extra one and the page was signed out mid-run).
      if (t.signedIn) await setBrowserCookie(chrome.port, baseUrl, cookie);
      const audits: PageAudit[] = [];
      for (let i = 0; i < runs; i++)
        audits.push(await auditPage(chrome.port, `${baseUrl}${t.path}`, t.page, t.signedIn));
      audits.sort((a, b) => a.performance - b.performance);
      pages.push(audits[Math.floor((audits.length - 1) / 2)]!);
      allScores[t.page] = {
        performance: audits.map((a) => a.performance),
        accessibility: audits.map((a) => a.accessibility),
      };
    }
    return { preset: 'lighthouse default (mobile, simulated throttling)', pages, runs, allScores };
  } finally {
    await chrome.stop();
  }
}

/**
 * The whole section: a fresh `dharura demo` (serving `webDir` when given, else dist/web), the demo duty
 * officer signed in through the API, Lighthouse on the three pages, the demo stopped.
 */
export async function runLighthouse(
  opts: { webDir?: string; runs?: number; onProgress?: (m: string) => void } = {},
): Promise<LighthouseResult & { loadAvgAtStart: number[]; loadAvgAtEnd: number[]; seconds: number }> {
  const started = Date.now();
  const load = () => loadavg().map((x) => Number(x.toFixed(2)));
  const loadAvgAtStart = load();
  opts.onProgress?.('lighthouse: starting `dharura demo`');
  const demo = await startDemoServer({ ...(opts.webDir ? { webDir: opts.webDir } : {}) });
  try {
    const account = demo.accounts.get('duty_officer');
    if (!account) throw new Error('the demo printed no duty officer sign-in');
    const cookie = await demoSignIn(demo.url, account);
    const caseId = await firstCaseId(demo.url, cookie);
    opts.onProgress?.(`lighthouse: demo at ${demo.url}; auditing sign-in, queue and case ${caseId}`);
    const result = await lighthouseConsole(demo.url, cookie, caseId, opts.runs ?? 1);
    return {
      ...result,
      loadAvgAtStart,
      loadAvgAtEnd: load(),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await demo.stop();
  }
}
