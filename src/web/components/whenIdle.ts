/** Whether the page the user opened has drawn the data it opened with (pageShown). */
let shown = false;
const queued: (() => void)[] = [];

/** At the browser's next idle moment (at most 3 s later). */
function idle(run: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 200);
}

/**
 * The first page has drawn its data (QueryState calls this on its first answer): background work
 * waiting in whenIdle may start.
 */
export function pageShown(): void {
  if (shown) return;
  shown = true;
  for (const run of queued.splice(0)) idle(run);
}

/** A page without a query still gets its background work, this long after `load`. */
const FALLBACK_MS = 10_000;

/**
 * Run background work (the service worker, the offline store, code for dialogs not yet open) once the
 * page has loaded and has drawn the data it was opened for, at the browser's next idle moment. `load`
 * alone comes too early in this app: the console's first script is all it waits for, and work started
 * then competed with the first screen on a cheap phone.
 */
export function whenIdle(run: () => void): void {
  const afterLoad = () => {
    if (shown) {
      idle(run);
      return;
    }
    if (queued.push(run) === 1) setTimeout(pageShown, FALLBACK_MS);
  };
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
