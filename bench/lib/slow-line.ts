import { chromium, type Browser } from 'playwright-core';
import { median } from './util.js';

/** Chrome DevTools' "2G" profile as the field issue states it: 250 kbit/s down, 50 up, 300 ms RTT. */
export const TWO_G = {
  latency: 300,
  downloadThroughput: (250 * 1000) / 8,
  uploadThroughput: (50 * 1000) / 8,
};

export interface SlowLineRun {
  /** From navigation start until the sign-in form's e-mail field can be typed into. */
  usableMs: number;
  /** Bytes on the wire (encoded, with headers) for everything the page loaded until then. */
  transferredBytes: number;
  requests: number;
}

export interface SlowLineResult {
  profile: typeof TWO_G;
  runs: number;
  compressed: {
    medianUsableMs: number;
    medianTransferredKb: number;
    requests: number;
    samples: SlowLineRun[];
  };
  /** The same page with the browser refusing every content encoding: what was sent before. */
  identity: { medianUsableMs: number; medianTransferredKb: number; requests: number; samples: SlowLineRun[] };
  /** identity ÷ compressed, per measure. */
  ratio: { usable: number; transferred: number };
}

export async function slowLineOnce(
  browser: Browser,
  baseUrl: string,
  identity: boolean,
): Promise<SlowLineRun> {
  const context = await browser.newContext(); // cold cache every time
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...TWO_G });
    if (identity)
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    let transferredBytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      transferredBytes += e.encodedDataLength;
      requests += 1;
    });
    const started = performance.now();
    await page.goto(baseUrl, { waitUntil: 'commit', timeout: 120_000 });
    const email = page.locator('input[type="email"], input[autocomplete="username"]').first();
    await email.waitFor({ state: 'visible', timeout: 120_000 });
    await email.fill('usable@example.org', { timeout: 120_000 });
    const usableMs = Math.round(performance.now() - started);
    return { usableMs, transferredBytes, requests };
  } finally {
    await context.close();
  }
}

/**
 * Time to a usable sign-in form on emulated 2G in Debian's Chromium, cold cache, `runs` times each:
 * as served (Brotli/gzip) and, as the baseline in the same run, with no content encoding accepted.
 */
export function launchSlowLineBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function signInOnSlowLine(baseUrl: string, runs = 5): Promise<SlowLineResult> {
  const browser = await launchSlowLineBrowser();
  try {
    const compressed: SlowLineRun[] = [];
    const identity: SlowLineRun[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a slower moment of the machine falls on both.
      compressed.push(await slowLineOnce(browser, baseUrl, false));
      identity.push(await slowLineOnce(browser, baseUrl, true));
    }
    const sum = (s: SlowLineRun[]) => ({
      medianUsableMs: median(s.map((r) => r.usableMs)),
      medianTransferredKb: Number((median(s.map((r) => r.transferredBytes)) / 1024).toFixed(1)),
      requests: s[0]?.requests ?? 0,
      samples: s,
    });
    const c = sum(compressed);
    const id = sum(identity);
    return {
      profile: TWO_G,
      runs,
      compressed: c,
      identity: id,
      ratio: {
        usable: Number((id.medianUsableMs / c.medianUsableMs).toFixed(2)),
        transferred: Number((id.medianTransferredKb / c.medianTransferredKb).toFixed(2)),
      },
    };
  } finally {
    await browser.close();
  }
}
