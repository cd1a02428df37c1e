/**
 * Rewrite the "Latest run" block of docs/PERFORMANCE.md from a stored result:
 *   node --import tsx bench/render.ts bench/results/<file>.json
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeReport } from './lib/report.js';
import { root } from './lib/util.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/render.ts bench/results/<file>.json');
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
writeReport(results, path.join(root, 'docs/PERFORMANCE.md'), path.relative(root, path.resolve(file)));
console.log('docs/PERFORMANCE.md updated');
