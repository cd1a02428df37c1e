import type { Rotation } from './api.js';

/** One stretch of on-call duty: a rotation shift, or an override that covers part of one. */
export interface Shift {
  userId: string;
  source: 'rotation' | 'override';
  start: number;
  end: number;
}

const DAY_MS = 24 * 3_600_000;
const periodMs = (period: string) => (period === 'daily' ? DAY_MS : 7 * DAY_MS);

/**
 * Who is on call from `at`, and until when, by the same rules as the server (oncall.ts): an override
 * covering the moment wins (the last one listed, when several overlap); otherwise members take turns per
 * period from `startsAt`. A stretch ends early where a later override begins.
 */
export function shiftAt(rotation: Rotation, at: number): Shift | null {
  const overrides = rotation.overrides.map((o) => ({
    userId: o.userId,
    from: Date.parse(o.from),
    to: Date.parse(o.to),
  }));
  const nextOverrideStart = Math.min(...overrides.map((o) => o.from).filter((from) => from > at));
  for (let i = overrides.length - 1; i >= 0; i -= 1) {
    const o = overrides[i]!;
    if (o.from <= at && at < o.to) {
      return { userId: o.userId, source: 'override', start: o.from, end: Math.min(o.to, nextOverrideStart) };
    }
  }
  const n = rotation.memberIds.length;
  if (n === 0) return null;
  const len = periodMs(rotation.period);
  const startsAt = Date.parse(rotation.startsAt);
  const index = Math.floor((at - startsAt) / len);
  const start = startsAt + index * len;
  const userId = rotation.memberIds[((index % n) + n) % n]!;
  return { userId, source: 'rotation', start, end: Math.min(start + len, nextOverrideStart) };
}

/** The current shift and the next ones, `count` in all (fewer when the rotation has nobody). */
export function upcomingShifts(rotation: Rotation, now: number, count: number): Shift[] {
  const out: Shift[] = [];
  let at = now;
  while (out.length < count) {
    const s = shiftAt(rotation, at);
    if (!s || s.end <= at) break;
    // After an override ends, the rotation's shift resumes from then, not from its own start.
    out.push(out.length === 0 ? s : { ...s, start: Math.max(s.start, at) });
    at = s.end;
  }
  return out;
}
