import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { installPushHandlers } from './src/web/sw/push.js';

/**
 * The console's service worker (docs/adr/0011), hand-rolled: the build knows every file it wrote, so it lists
 * them into a small worker instead of adding a plugin that expects a `public/` folder and its own
 * manifest. The worker is emitted at /sw.js (scope: the whole console; the server sends it no-cache).
 *
 * It only ever caches the app shell — index.html and the hashed assets — never an API answer: the
 * field data the console keeps offline is sealed in IndexedDB by the page (features/offline).
 */
interface FetchEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: { origin: string };
}

/** The worker itself; its source is written into sw.js with the shell's file list and a version. */
function worker(scope: WorkerScope, files: string[], version: string): void {
  const CACHE = `dharura-shell-${version}`;
  // Server-rendered public pages (the report form, the tracker…) are never served from this cache.
  const PUBLIC = /^\/(report|ripoti|status|hali|tracker|statements|quick-exit|healthz|readyz)/;

  scope.addEventListener('install', (event) => {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.addAll(['/', ...files]))
        .then(() => scope.skipWaiting()),
    );
  });

  scope.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((keys) =>
          Promise.all(
            keys.filter((k) => k.startsWith('dharura-shell-') && k !== CACHE).map((k) => caches.delete(k)),
          ),
        )
        .then(() => scope.clients.claim()),
    );
  });

  scope.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== scope.location.origin || url.pathname.startsWith('/api/') || PUBLIC.test(url.pathname))
      return;
    if (request.mode === 'navigate') {
      // The page: from the network when there is one (a new release shows at once), else the shell.
      event.respondWith(
        fetch(request).catch(() =>
          caches.match('/', { cacheName: CACHE }).then((r) => r ?? Response.error()),
        ),
      );
      return;
    }
    if (url.pathname.startsWith('/assets/')) {
      // Hashed assets never change under their name: the cache first, the network for anything new.
      event.respondWith(
        caches.match(request, { cacheName: CACHE }).then(
          (hit) =>
            hit ??
            fetch(request).then((response) => {
              if (response.ok && /-[A-Za-z0-9_-]{8,}\./.test(url.pathname)) {
                const copy = response.clone();
                void caches.open(CACHE).then((cache) => cache.put(request, copy));
              }
              return response;
            }),
        ),
      );
    }
  });
}

export function serviceWorker(): Plugin {
  return {
    name: 'dharura:service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && !f.endsWith('.map'))
        .sort()
        .map((f) => `/${f}`);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      // The shell cache, then Web Push (src/web/sw/push.ts: show the page, acknowledge from it).
      const source = `// Dharura console service worker (generated at build time; see vite.sw.ts).\n(${worker.toString()})(self, ${JSON.stringify(files)}, ${JSON.stringify(version)});\n(${installPushHandlers.toString()})(self);\n`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
