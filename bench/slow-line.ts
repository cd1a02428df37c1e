import { loadavg } from 'node:os';
import { launchSlowLineBrowser, signInOnSlowLine, slowLineOnce } from './lib/slow-line.js';
import { median } from './lib/util.js';

/**
 * By hand: `node --import tsx bench/slow-line.ts http://127.0.0.1:8080 [runs]` — time to a usable
 * sign-in on emulated 2G against a running server (`npm run bench` measures it on its own server).
 * With two addresses (`… <before-url> <after-url> [runs]`: two servers, e.g. one serving an older
 * build through WEB_DIR) the two are loaded in turn, run after run, so both see the same machine.
 */
const urls = process.argv.slice(2).filter((a) => a.startsWith('http'));
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
if (urls.length <= 1) {
  const result = await signInOnSlowLine(urls[0] ?? 'http://127.0.0.1:8080', runs);
  console.log(
    JSON.stringify(
      {
        ...result,
        compressed: { ...result.compressed, samples: undefined },
        identity: { ...result.identity, samples: undefined },
      },
      null,
      2,
    ),
  );
} else {
  const browser = await launchSlowLineBrowser();
  const samples = new Map(urls.map((u) => [u, [] as Awaited<ReturnType<typeof slowLineOnce>>[]]));
  const loads: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const u of urls) {
        loads.push(loadavg()[0]!);
        samples.get(u)!.push(await slowLineOnce(browser, u, false));
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    JSON.stringify(
      {
        runs,
        loadAvg1m: { min: Math.min(...loads), max: Math.max(...loads) },
        servers: urls.map((u) => {
          const s = samples.get(u)!;
          return {
            url: u,
            medianUsableMs: median(s.map((r) => r.usableMs)),
            usableMs: s.map((r) => r.usableMs),
            medianTransferredKb: Number((median(s.map((r) => r.transferredBytes)) / 1024).toFixed(1)),
            requests: s[0]?.requests,
          };
        }),
      },
      null,
      2,
    ),
  );
}
