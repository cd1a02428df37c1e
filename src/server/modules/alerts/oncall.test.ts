import { describe, expect, it } from 'vitest';
import { mondayMorningEat } from './defaults.js';
import { nextOnCall, onCallAt, type RotationLike } from './oncall.js';

const H = 3_600_000;
const D = 24 * H;
const start = new Date('2026-03-02T05:00:00Z'); // Monday 08:00 East Africa Time

const rotation = (over: Partial<RotationLike> = {}): RotationLike => ({
  period: 'weekly',
  startsAt: start,
  memberIds: ['amina', 'grace', 'peter'],
  overrides: [],
  ...over,
});
const at = (ms: number) => new Date(start.getTime() + ms);

describe('onCallAt', () => {
  it('hands a weekly rotation to the next member every week, in order, wrapping round', () => {
    expect(onCallAt(rotation(), at(0))?.userId).toBe('amina');
    expect(onCallAt(rotation(), at(7 * D - 1))?.userId).toBe('amina');
    expect(onCallAt(rotation(), at(7 * D))?.userId).toBe('grace');
    expect(onCallAt(rotation(), at(14 * D + H))?.userId).toBe('peter');
    expect(onCallAt(rotation(), at(21 * D))?.userId).toBe('amina');
  });

  it('reports the shift bounds', () => {
    const who = onCallAt(rotation(), at(8 * D + 3 * H))!;
    expect(who).toMatchObject({ userId: 'grace', source: 'rotation' });
    expect(who.shiftStart.toISOString()).toBe(at(7 * D).toISOString());
    expect(who.shiftEnd.toISOString()).toBe(at(14 * D).toISOString());
  });

  it('turns daily rotations every 24 hours', () => {
    const r = rotation({ period: 'daily' });
    expect(onCallAt(r, at(0))?.userId).toBe('amina');
    expect(onCallAt(r, at(D + 1))?.userId).toBe('grace');
    expect(onCallAt(r, at(2 * D))?.userId).toBe('peter');
    expect(onCallAt(r, at(3 * D))?.userId).toBe('amina');
  });

  it('counts backwards before the start (the rotation is a repeating pattern)', () => {
    expect(onCallAt(rotation(), at(-1))?.userId).toBe('peter');
    expect(onCallAt(rotation(), at(-7 * D - 1))?.userId).toBe('grace');
  });

  it('lets an override win while it lasts (from inclusive, to exclusive), the last listed first', () => {
    const r = rotation({
      overrides: [
        { userId: 'halima', from: at(D), to: at(2 * D) },
        { userId: 'esther', from: at(D + 6 * H), to: at(D + 12 * H) },
      ],
    });
    expect(onCallAt(r, at(D - 1))?.userId).toBe('amina');
    expect(onCallAt(r, at(D))).toMatchObject({ userId: 'halima', source: 'override' });
    expect(onCallAt(r, at(D + 7 * H))?.userId).toBe('esther');
    expect(onCallAt(r, at(D + 12 * H))?.userId).toBe('halima');
    expect(onCallAt(r, at(2 * D))?.userId).toBe('amina');
  });

  it('covers an empty rotation only through overrides', () => {
    const empty = rotation({ memberIds: [] });
    expect(onCallAt(empty, at(0))).toBeNull();
    const covered = rotation({ memberIds: [], overrides: [{ userId: 'zawadi', from: at(0), to: at(H) }] });
    expect(onCallAt(covered, at(30 * 60_000))?.userId).toBe('zawadi');
    expect(onCallAt(covered, at(H))).toBeNull();
  });

  it('names who is next', () => {
    expect(nextOnCall(rotation(), at(D))?.userId).toBe('grace');
    const r = rotation({ overrides: [{ userId: 'halima', from: at(D), to: at(2 * D) }] });
    // After the override ends, the rotation's own member for that moment takes over.
    expect(nextOnCall(r, at(D + H))?.userId).toBe('amina');
    expect(nextOnCall(rotation({ memberIds: [] }), at(0))).toBeNull();
  });

  it('starts default rotations on Monday 08:00 East Africa Time', () => {
    expect(mondayMorningEat(new Date('2026-03-04T12:00:00Z')).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    // Sunday 23:00 EAT is still the previous week; Monday 01:00 EAT is the new one.
    expect(mondayMorningEat(new Date('2026-03-08T20:00:00Z')).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(mondayMorningEat(new Date('2026-03-08T22:00:00Z')).toISOString()).toBe('2026-03-09T05:00:00.000Z');
  });
});
