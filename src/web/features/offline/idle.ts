/**
 * The console's idle timeout (docs/adr/0011): the same length as the server's session idle timeout
 * (SESSION_IDLE_MINUTES, sent with the offline key). Without a touch, a key or a tap for that long —
 * online or not — the sealed store and its key are wiped and the console signs out. The last activity
 * is also kept (in clear: a time, nothing else) so a reload after the timeout, offline, wipes before
 * asking for anything.
 */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
/** How often the timeout is checked, and the last activity written down. */
export const IDLE_CHECK_MS = 15_000;

export function idleExpired(lastActiveAt: number, now: number, idleMs: number): boolean {
  return now - lastActiveAt >= idleMs;
}

export interface IdleWatchDeps {
  idleMs: number;
  /** Where activity is heard (the window). */
  target: EventTarget;
  now: () => number;
  /** The last activity is worth keeping (throttled to once per check). */
  persist: (lastActiveAt: number) => void;
  onIdle: () => void;
  /** The time the watch starts from (a reload: the last activity kept before it). */
  lastActiveAt?: number;
}

/** Follow activity; call `onIdle` once when the timeout passes. Returns a stop function. */
export function startIdleWatch(deps: IdleWatchDeps): () => void {
  let last = deps.lastActiveAt ?? deps.now();
  let persisted = last;
  let stopped = false;
  const touch = () => {
    last = deps.now();
  };
  const check = () => {
    if (stopped) return;
    const now = deps.now();
    if (idleExpired(last, now, deps.idleMs)) {
      stop();
      deps.onIdle();
      return;
    }
    if (last !== persisted) {
      persisted = last;
      deps.persist(last);
    }
  };
  // A phone suspends timers with the screen off: coming back checks at once.
  const visible = () => check();
  for (const type of ACTIVITY_EVENTS) deps.target.addEventListener(type, touch, { passive: true });
  deps.target.addEventListener('visibilitychange', visible);
  deps.target.addEventListener('focus', visible);
  const timer = setInterval(check, IDLE_CHECK_MS);
  function stop() {
    stopped = true;
    clearInterval(timer);
    for (const type of ACTIVITY_EVENTS) deps.target.removeEventListener(type, touch);
    deps.target.removeEventListener('visibilitychange', visible);
    deps.target.removeEventListener('focus', visible);
  }
  deps.persist(last);
  check();
  return stop;
}
