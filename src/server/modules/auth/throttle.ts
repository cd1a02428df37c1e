/** Sign-in throttling: the policy (counts and delays); the counters live in `throttle.repo.ts`. */
export { createThrottleRepo, type ThrottleRepo } from './throttle.repo.js';

/** Failures from one address at one email before the delays start. */
export const FREE_FAILURES = 5;
/** The first delay; each further failure doubles it, up to the cap. */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A pair's count starts again after this long without a failure. */
export const PAIR_FORGET_MS = 24 * 3_600_000;
/** Failures at one email from anywhere within this window that make a burst (the user and admins are told). */
export const BURST_FAILURES = 10;
export const BURST_WINDOW_MS = 15 * 60_000;

/** The delay after the n-th failure in a row from one address: none, then 1 s, 2 s, 4 s … 15 min. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1));
}
