import { describe, expect, it } from 'vitest';
import { actionsFor, type Rotation } from './api.js';
import { shiftAt, upcomingShifts } from './shifts.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const rotation = (over: Partial<Rotation> = {}): Rotation => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Duty officers',
  period: 'daily',
  // A Monday, 08:00 EAT.
  startsAt: '2026-03-02T05:00:00.000Z',
  memberIds: [A, B],
  overrides: [],
  createdAt: '2026-03-01T00:00:00.000Z',
  ...over,
});
const start = Date.parse('2026-03-02T05:00:00.000Z');

describe('on-call shifts (the same rules as the server)', () => {
  it('members take turns per period from the start, wrapping round', () => {
    const r = rotation();
    expect(shiftAt(r, start + 2 * HOUR)).toMatchObject({ userId: A, start, end: start + DAY });
    expect(shiftAt(r, start + DAY + HOUR)?.userId).toBe(B);
    expect(shiftAt(r, start + 2 * DAY)?.userId).toBe(A);
    // Before the rotation starts the turns run backwards.
    expect(shiftAt(r, start - HOUR)?.userId).toBe(B);
  });

  it('an override wins while it lasts, and cuts the shift before it short', () => {
    const r = rotation({
      overrides: [
        {
          userId: C,
          from: new Date(start + 10 * HOUR).toISOString(),
          to: new Date(start + 14 * HOUR).toISOString(),
        },
      ],
    });
    const shifts = upcomingShifts(r, start + HOUR, 4);
    expect(shifts.map((s) => [s.userId, s.source, (s.start - start) / HOUR, (s.end - start) / HOUR])).toEqual(
      [
        [A, 'rotation', 0, 10],
        [C, 'override', 10, 14],
        [A, 'rotation', 14, 24],
        [B, 'rotation', 24, 48],
      ],
    );
  });

  it('a rotation with nobody has no shifts', () => {
    expect(upcomingShifts(rotation({ memberIds: [] }), start, 3)).toEqual([]);
  });
});

describe('alert actions', () => {
  it('offers only what the server accepts in each status', () => {
    expect(actionsFor('triggered')).toEqual(['acknowledge', 'snooze', 'resolve']);
    expect(actionsFor('snoozed')).toEqual(['acknowledge', 'snooze', 'resolve']);
    expect(actionsFor('acknowledged')).toEqual(['snooze', 'resolve']);
    expect(actionsFor('resolved')).toEqual([]);
  });
});
