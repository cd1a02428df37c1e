/**
 * `npm run bench:lighthouse [-- --runs N]` — Lighthouse's mobile preset (performance and accessibility)
 * on the console's sign-in, queue and case pages, against a fresh `dharura demo` serving dist/web
 * (run `npm run build` first). Writes bench/results/<date>-<id>-lighthouse.json and prints the scores.
 * `npm run bench` runs the same section (`--only lighthouse`) on the console it builds.
 * Takes about a minute per run of the three pages on the 2-core machine, plus the demo's start.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runLighthouse } from './lib/lighthouse.js';
import { machineInfo, progress, root } from './lib/util.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, 'web-dir': { type: 'string' } },
});
const result = await runLighthouse({
  runs: Number(args.runs ?? 1),
  ...(args['web-dir'] ? { webDir: path.resolve(args['web-dir']) } : {}),
  onProgress: progress,
});
const runId = `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
const outFile = path.join(root, 'bench/results', `${runId}-lighthouse.json`);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({ runId, machine: machineInfo(), lighthouse: result }, null, 2) + '\n');
for (const p of result.pages) {
  progress(
    `${p.page.padEnd(8)} performance ${p.performance}, accessibility ${p.accessibility} ` +
      `(FCP ${p.metrics.firstContentfulPaintMs} ms, LCP ${p.metrics.largestContentfulPaintMs} ms, ` +
      `TBT ${p.metrics.totalBlockingTimeMs} ms, CLS ${p.metrics.cumulativeLayoutShift})`,
  );
  for (const f of p.findings)
    progress(`  ${f.id} (${f.score}): ${f.title}${f.items ? ` — ${f.items.join(' | ')}` : ''}`);
}
progress(
  `load average ${result.loadAvgAtStart.join(' ')} at start, ${result.loadAvgAtEnd.join(' ')} at end; ` +
    `${result.seconds} s; results: ${path.relative(root, outFile)}`,
);
const met = result.pages.every((p) => p.performance >= 90 && p.accessibility === 100);
progress(`targets (performance ≥ 90, accessibility 100 on each page): ${met ? 'met' : 'NOT met'}`);
