import { useSyncExternalStore } from 'react';
import { onNetworkResult } from '../../api/connectivity.js';

/**
 * The header's connection state, honest (issue #19: the Alerts page once said "Live" 46 s after the
 * network dropped): offline when the browser says so; reconnecting after a failed call or a broken
 * event stream, until a call gets through; live only after a call or the stream reached the server.
 */
export type Connection = 'offline' | 'reconnecting' | 'live';

const PROBE_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

let state: Connection = typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'live';
const listeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let probes = 0;
let started = false;

function set(next: Connection): void {
  if (next === state) return;
  state = next;
  for (const fn of listeners) fn();
  if (next === 'reconnecting') scheduleProbe();
  else {
    clearTimeout(probeTimer);
    probes = 0;
  }
}

/** While reconnecting, ask the server now and then whether it can be reached (a tiny public GET). */
function scheduleProbe(): void {
  clearTimeout(probeTimer);
  const wait = PROBE_MS[Math.min(probes, PROBE_MS.length - 1)]!;
  probes += 1;
  probeTimer = setTimeout(() => {
    fetch('/healthz', { cache: 'no-store', credentials: 'omit' })
      .then((r) => (r.ok ? set('live') : scheduleProbe()))
      .catch(() => (navigator.onLine ? scheduleProbe() : set('offline')));
  }, wait);
}

/** Listen to the browser and to every API call (once per page). */
export function watchConnection(): void {
  if (started) return;
  started = true;
  window.addEventListener('offline', () => set('offline'));
  window.addEventListener('online', () => {
    state = 'offline';
    set('reconnecting');
    probes = 0;
    scheduleProbe();
  });
  onNetworkResult((reached) => {
    if (reached) set('live');
    else set(navigator.onLine ? 'reconnecting' : 'offline');
  });
  if (!navigator.onLine) set('offline');
}

/** The alerts event stream reports here too: a broken stream is not "live". */
export function reportStream(stream: 'live' | 'reconnecting' | 'offline'): void {
  if (stream === 'live') set('live');
  else set(navigator.onLine ? 'reconnecting' : 'offline');
}

export function currentConnection(): Connection {
  return state;
}

export function onConnection(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useConnection(): Connection {
  return useSyncExternalStore(onConnection, currentConnection, currentConnection);
}
