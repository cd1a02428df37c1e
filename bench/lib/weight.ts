import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './util.js';

// Level 9, as the console's build-time budget check (vite.config.ts) measures it.
const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
const kb = (n: number) => Number((n / 1024).toFixed(1));

export interface PageWeight {
  path: string;
  status: number;
  htmlBytes: number;
  gzipBytes: number;
  /** Same-origin resources the page pulls in (stylesheets, images, scripts): fetched and added. */
  resources: { url: string; bytes: number }[];
  totalKb: number;
  scripts: number;
}

/** A public page and everything it loads, in bytes as sent (no compression is configured). */
export async function pageWeight(baseUrl: string, pagePath: string): Promise<PageWeight> {
  const r = await fetch(`${baseUrl}${pagePath}`, { signal: AbortSignal.timeout(10_000) });
  const html = Buffer.from(await r.arrayBuffer());
  const text = html.toString('utf8');
  const refs = new Set<string>();
  for (const m of text.matchAll(/<(?:link|img|script|source)\b[^>]*?\b(?:href|src)=["']([^"']+)["']/gi)) {
    const ref = m[1]!;
    if (
      m[0].toLowerCase().startsWith('<link') &&
      !/rel=["']?(stylesheet|icon|preload|modulepreload)/i.test(m[0])
    )
      continue;
    if (!ref.startsWith('data:')) refs.add(ref);
  }
  const resources: { url: string; bytes: number }[] = [];
  for (const ref of refs) {
    const u = new URL(ref, `${baseUrl}${pagePath}`);
    if (u.origin !== new URL(baseUrl).origin) {
      resources.push({ url: u.toString(), bytes: NaN });
      continue;
    }
    const res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
    resources.push({ url: u.pathname, bytes: (await res.arrayBuffer()).byteLength });
  }
  const total = html.length + resources.reduce((s, x) => s + (Number.isFinite(x.bytes) ? x.bytes : 0), 0);
  return {
    path: pagePath,
    status: r.status,
    htmlBytes: html.length,
    gzipBytes: gz(html),
    resources,
    totalKb: kb(total),
    scripts: (text.match(/<script\b/gi) ?? []).length,
  };
}

/** Build the console into `outDir` (not dist/web: other processes may be serving that one). */
export function buildConsole(outDir: string): { ok: boolean; seconds: number; output: string } {
  const t = Date.now();
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
    { cwd: root, encoding: 'utf8', timeout: 300_000 },
  );
  return {
    ok: r.status === 0,
    seconds: Number(((Date.now() - t) / 1000).toFixed(1)),
    output: `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-2000),
  };
}

export interface ConsoleWeight {
  webDir: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  initialJsKb: number;
  initialJsGzipKb: number;
  initialCssGzipKb: number;
  lazyChunks: number;
}

/** The console's initial JavaScript: the entry scripts in index.html plus their static imports. */
export function consoleWeight(webDir: string): ConsoleWeight {
  const indexHtml = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const fileOf = (ref: string, from = '/') => path.join(webDir, new URL(ref, `http://x${from}`).pathname);
  const queue: string[] = [];
  for (const m of indexHtml.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) queue.push(fileOf(m[1]!));
  for (const m of indexHtml.matchAll(/<link\b[^>]*rel=["']modulepreload["'][^>]*href=["']([^"']+)["']/gi))
    queue.push(fileOf(m[1]!));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`; `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)(["'`])(\.{1,2}\/[^"'`]+)\1/g)) {
      queue.push(path.resolve(path.dirname(file), m[2]!));
    }
  }
  const files = [...seen].map((f) => {
    const b = readFileSync(f);
    return { file: path.relative(webDir, f), bytes: b.length, gzipBytes: gz(b) };
  });
  let cssGzip = 0;
  for (const m of indexHtml.matchAll(/<link\b[^>]*rel=["']stylesheet["'][^>]*href=["']([^"']+)["']/gi)) {
    const f = fileOf(m[1]!);
    if (existsSync(f)) cssGzip += gz(readFileSync(f));
  }
  const assets = existsSync(path.join(webDir, 'assets')) ? readdirSync(path.join(webDir, 'assets')) : [];
  const lazy = assets.filter((a) => a.endsWith('.js') && !seen.has(path.join(webDir, 'assets', a))).length;
  return {
    webDir,
    files,
    initialJsKb: kb(files.reduce((s, f) => s + f.bytes, 0)),
    initialJsGzipKb: kb(files.reduce((s, f) => s + f.gzipBytes, 0)),
    initialCssGzipKb: kb(cssGzip),
    lazyChunks: lazy,
  };
}
