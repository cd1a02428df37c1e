#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('dharura: not built yet — run `npm run build` first');
  process.exit(1);
}
await import(compiled);
