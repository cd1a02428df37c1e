import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_CHECK_MS, idleExpired, startIdleWatch } from './idle.js';
import { offlineStoreWiped, whenWiped, wipeOfflineStore, OFFLINE_DB } from './wipe.js';

const IDLE_MS = 15 * 60_000;

describe('client idle timeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-06T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function watch(lastActiveAt?: number) {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const persist = vi.fn();
    const stop = startIdleWatch({
      idleMs: IDLE_MS,
      target,
      now: () => Date.now(),
      persist,
      onIdle,
      ...(lastActiveAt === undefined ? {} : { lastActiveAt }),
    });
    return { target, onIdle, persist, stop };
  }

  it('is over exactly at the timeout', () => {
    expect(idleExpired(0, IDLE_MS - 1, IDLE_MS)).toBe(false);
    expect(idleExpired(0, IDLE_MS, IDLE_MS)).toBe(true);
  });

  it('fires once, the idle timeout after the last activity, and not before', () => {
    const { target, onIdle, persist } = watch();
    vi.advanceTimersByTime(10 * 60_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(IDLE_MS - IDLE_CHECK_MS);
    expect(onIdle).not.toHaveBeenCalled();
    // The last activity was written down (a reload offline checks it).
    expect(persist).toHaveBeenLastCalledWith(Date.parse('2026-12-06T08:10:00Z'));
    vi.advanceTimersByTime(2 * IDLE_CHECK_MS);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(IDLE_MS * 2);
    target.dispatchEvent(new Event('pointerdown'));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('checks at once when the phone wakes (timers were suspended)', () => {
    const { target, onIdle } = watch();
    // The screen was off: no timer ran, but the clock moved on.
    vi.setSystemTime(Date.now() + IDLE_MS + 1);
    target.dispatchEvent(new Event('visibilitychange'));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('starts from a kept activity time that is already too old', () => {
    const { onIdle } = watch(Date.now() - IDLE_MS - 1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stops when told', () => {
    const { onIdle, stop } = watch();
    stop();
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('the wipe drops the in-memory key (every listener) and deletes the sealed database', async () => {
    const request: { onsuccess?: () => void } = {};
    const deleteDatabase = vi.fn(() => request);
    vi.stubGlobal('indexedDB', { deleteDatabase });
    const dropKey = vi.fn();
    const off = whenWiped(dropKey);
    wipeOfflineStore();
    off();
    expect(dropKey).toHaveBeenCalledTimes(1);
    expect(deleteDatabase).toHaveBeenCalledWith(OFFLINE_DB);
    // The idle sign-out waits for the deletion before loading the page afresh.
    let settled = false;
    void offlineStoreWiped().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    request.onsuccess?.();
    await offlineStoreWiped();
    expect(settled).toBe(true);
  });
});
