import type { RotationPeriod } from '../../../shared/contracts/alerts.js';

/** What on-call resolution needs of a rotation (a row, or the input of a preview). */
export interface RotationLike {
  period: RotationPeriod | string;
  startsAt: Date;
  memberIds: readonly string[];
  overrides: readonly { userId: string; from: Date; to: Date }[];
}

export interface OnCall {
  userId: string;
  source: 'rotation' | 'override';
  shiftStart: Date;
  shiftEnd: Date;
}

const DAY_MS = 24 * 3_600_000;

export function periodMs(period: RotationPeriod | string): number {
  return period === 'daily' ? DAY_MS : 7 * DAY_MS;
}

/** Which shift `at` falls in (negative before the rotation starts), and that shift's bounds. */
function shiftAt(rotation: RotationLike, at: Date): { index: number; start: Date; end: Date } {
  const len = periodMs(rotation.period);
  const index = Math.floor((at.getTime() - rotation.startsAt.getTime()) / len);
  const start = new Date(rotation.startsAt.getTime() + index * len);
  return { index, start, end: new Date(start.getTime() + len) };
}

/** The member holding shift number `index` (members take turns in order; wraps both ways). */
function memberFor(rotation: RotationLike, index: number): string | null {
  const n = rotation.memberIds.length;
  if (n === 0) return null;
  return rotation.memberIds[((index % n) + n) % n]!;
}

/**
 * Who is on call for `rotation` at `at`: an override covering `at` wins (the last one listed, when
 * several overlap); otherwise members take turns per period from `startsAt`, in order. Shifts are whole
 * periods of UTC time, so a weekly rotation started on a Monday 08:00 EAT hands over every Monday 08:00
 * EAT (Kenya keeps no daylight saving). Null when nobody can be found.
 */
export function onCallAt(rotation: RotationLike, at: Date): OnCall | null {
  const t = at.getTime();
  for (let i = rotation.overrides.length - 1; i >= 0; i -= 1) {
    const o = rotation.overrides[i]!;
    if (o.from.getTime() <= t && t < o.to.getTime()) {
      return { userId: o.userId, source: 'override', shiftStart: o.from, shiftEnd: o.to };
    }
  }
  const shift = shiftAt(rotation, at);
  const userId = memberFor(rotation, shift.index);
  if (!userId) return null;
  return { userId, source: 'rotation', shiftStart: shift.start, shiftEnd: shift.end };
}

/** Who takes over when the current shift or override ends (null for an empty rotation). */
export function nextOnCall(rotation: RotationLike, at: Date): OnCall | null {
  const current = onCallAt(rotation, at);
  if (!current) return null;
  return onCallAt(rotation, current.shiftEnd);
}
