import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorker } from './vite.sw.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The console must open fast on a slow mobile connection: cap the JavaScript loaded before first paint. */
const INITIAL_JS_BUDGET_GZIP = 160 * 1024;

/** Print the gzipped size of the initial JavaScript (entry + its static imports) and fail over budget. */
function initialJsBudget(limit: number): Plugin {
  return {
    name: 'dharura:initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || chunk?.type !== 'chunk') return;
        seen.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry) visit(fileName);
      }
      let total = 0;
      for (const fileName of seen) {
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') total += gzipSync(chunk.code, { level: 9 }).length;
      }
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      this.info(`initial JS: ${kb(total)} gzipped in ${seen.size} file(s) (budget ${kb(limit)})`);
      if (total > limit) this.error(`initial JS is ${kb(total)} gzipped, over the ${kb(limit)} budget`);
    },
  };
}

/** Text assets worth compressing (images such as PNG are compressed already). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Write a Brotli (`.br`) and a gzip (`.gz`) copy beside every text asset, at the highest levels, once
 * at build time: the server sends them as they are (`@fastify/static` `preCompressed`), so a 2G phone
 * downloads the smallest form and the server spends no CPU per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'dharura:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * The web app manifest, so a responder can put the console on a phone's home screen. Its icons are the
 * favicon drawn once at build time (SVG plus 192 and 512 px PNG, hashed names, cached for a year); the
 * manifest itself keeps a fixed name under /assets/ (the only static prefix the server serves, revalidated
 * on each load) and index.html links it.
 */
export const MANIFEST_PATH = 'assets/manifest.webmanifest';

function webManifest(): Plugin {
  return {
    name: 'dharura:web-manifest',
    apply: 'build',
    async generateBundle() {
      const svg = readFileSync(path.resolve(here, 'src/web/favicon.svg'));
      const icon = (name: string, source: Uint8Array) =>
        this.getFileName(this.emitFile({ type: 'asset', name, source }));
      const icons = [
        { src: `/${icon('icon.svg', svg)}`, sizes: 'any', type: 'image/svg+xml' },
        ...(await Promise.all(
          [192, 512].map(async (size) => ({
            src: `/${icon(
              `icon-${size}.png`,
              await sharp(svg, { density: (72 * size) / 32 })
                .resize(size, size)
                .png()
                .toBuffer(),
            )}`,
            sizes: `${size}x${size}`,
            type: 'image/png',
          })),
        )),
      ];
      const manifest = {
        lang: 'en',
        dir: 'ltr',
        name: 'Dharura',
        short_name: 'Dharura',
        description: 'Urgent action console for human-rights responders',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f3ef',
        theme_color: '#7a1414',
        icons,
      };
      this.emitFile({ type: 'asset', fileName: MANIFEST_PATH, source: JSON.stringify(manifest, null, 2) });
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: `/${MANIFEST_PATH}` }, injectTo: 'head' },
    ],
  };
}

/**
 * The signed-in console's frame (src/web/routes/AppRoutes.tsx) and every module it imports that the
 * first script does not, in one chunk (`console`); the first script's modules in the entry (`index`).
 * Left to the bundler, the frame's imports were half a dozen chunks shared with the pages: the browser
 * found them only once the frame's chunk had arrived (one more round trip on a slow line), and loaded,
 * linked and evaluated each as a module of its own on the main thread. Lighthouse mobile, queue page, six
 * paired rounds: 82 → 91 median (docs/PERFORMANCE.md). Each page keeps a chunk of its own.
 */
function consoleChunks(): { plugin: Plugin; groups: { name: string; test: (id: string) => boolean }[] } {
  let initial = new Set<string>();
  let frame = new Set<string>();
  /** The modules `from` imports statically, directly or not, with `from` itself. */
  const closure = (from: string[], imports: (id: string) => readonly string[]) => {
    const seen = new Set<string>();
    const todo = [...from];
    for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...imports(id));
    }
    return seen;
  };
  return {
    groups: [
      { name: 'index', test: (id) => initial.has(id) },
      { name: 'console', test: (id) => frame.has(id) },
    ],
    plugin: {
      name: 'dharura:console-chunks',
      apply: 'build',
      buildEnd() {
        const ids = [...this.getModuleIds()];
        const imports = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
        const root = ids.find((id) => /src[\\/]web[\\/]routes[\\/]AppRoutes\.tsx$/.test(id));
        if (!root) this.error('the console frame (src/web/routes/AppRoutes.tsx) is missing');
        initial = closure(
          ids.filter((id) => this.getModuleInfo(id)?.isEntry),
          imports,
        );
        frame = new Set([...closure([root], imports)].filter((id) => !initial.has(id)));
      },
    },
  };
}
const chunks = consoleChunks();

/**
 * The staff console. Built into dist/web, which the API server serves; every asset lives under
 * /assets/ because that is the only static prefix the server makes public (so no public/ folder).
 */
export default defineConfig({
  root: path.resolve(here, 'src/web'),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    initialJsBudget(INITIAL_JS_BUDGET_GZIP),
    chunks.plugin,
    webManifest(),
    serviceWorker(),
    precompress(),
  ],
  build: {
    outDir: path.resolve(here, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // No JavaScript preloading helper on lazy imports: each lazily loaded chunk's imports are found by
    // the browser itself. The helper added a <link rel=modulepreload> per dependency on every dynamic
    // import, on the main thread, while the page was being drawn; without it the case page scored
    // 58 → 74 (Lighthouse mobile, median of three alternating runs, docs/PERFORMANCE.md). CSS of lazy
    // chunks is still loaded by Vite's helper. The first script's own imports (the bundler's small
    // runtime file, since the chunks are grouped) are announced in index.html, so they download
    // alongside it rather than one round trip later.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []),
    },
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: chunks.groups.map((g) => ({ ...g, includeDependenciesRecursively: false })),
        },
      },
      onwarn(warning, defaultHandler) {
        // React libraries mark modules "use client" for server components; meaningless in this SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080' } },
  },
});
