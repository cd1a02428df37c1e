/** Time source injected everywhere a rule depends on "now", so tests can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | number = Date.now()) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(d: Date): void {
    this.t = d.getTime();
  }
}

/**
 * `at` shifted to East Africa Time (UTC+3, no daylight saving): read its UTC fields to get the wall
 * clock people in Kenya see.
 */
export function eatWallClock(at: Date): Date {
  return new Date(at.getTime() + 3 * 3_600_000);
}
