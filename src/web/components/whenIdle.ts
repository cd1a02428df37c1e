/**
 * Run background work after the page's `load` event, at the browser's next idle moment (at most 3 s
 * later): the page the user opened is drawn and answers taps first.
 */
export function whenIdle(run: () => void): void {
  const idle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3000 });
    else setTimeout(run, 200);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
