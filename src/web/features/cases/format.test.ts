import { describe, expect, it } from 'vitest';
import { derivePriority } from '../../../shared/workflow.js';
import { eatLocalNow, eatToIso, formatAge, formatClock, formatDateTime, formatTimeLeft } from './format.js';

describe('case formatting', () => {
  const now = Date.parse('2026-03-10T09:00:00Z');

  it('says how long ago a report came in, in English and Kiswahili', () => {
    expect(formatAge('2026-03-10T08:59:30Z', now, 'en', 'just now')).toBe('just now');
    expect(formatAge('2026-03-10T08:48:00Z', now, 'en', 'just now')).toBe('12 min ago');
    expect(formatAge('2026-03-10T06:00:00Z', now, 'en', 'just now')).toBe('3 hr ago');
    expect(formatAge('2026-03-10T08:48:00Z', now, 'sw', 'sasa hivi')).toBe('dakika 12 zilizopita');
  });

  it('shows times in East Africa Time whatever the device zone', () => {
    expect(formatDateTime('2026-03-10T21:30:00Z', 'en')).toMatch(/11 Mar 2026.*00:30/);
  });

  it('reads a datetime-local value as Nairobi time', () => {
    expect(eatToIso('2026-03-10T14:05')).toBe('2026-03-10T11:05:00.000Z');
    expect(eatToIso('')).toBeUndefined();
    expect(eatToIso('not a date')).toBeUndefined();
  });

  it('derives P1 from 3/3/2 the way the server does', () => {
    expect(derivePriority({ severity: 3, immediacy: 3, feasibility: 2 })).toEqual({
      priority: 'P1',
      activate: true,
    });
  });
});

describe('time left on a clock', () => {
  const now = Date.parse('2026-03-10T09:00:00Z');
  const at = (ms: number) => now + ms;

  it('says how long is left, in English and Kiswahili', () => {
    expect(formatTimeLeft(at(4 * 60_000 + 30_000), now, 'en')).toBe('4 min left');
    expect(formatTimeLeft(at(4 * 60_000 + 30_000), now, 'sw')).toBe('dakika 4 zimebaki');
    expect(formatTimeLeft(at(60_000), now, 'sw')).toBe('dakika 1 imebaki');
    expect(formatTimeLeft(at(20_000), now, 'en')).toBe('under 1 min left');
    expect(formatTimeLeft(at(2 * 3_600_000 + 5 * 60_000), now, 'en')).toBe('2 h 5 min left');
    expect(formatTimeLeft(at(2 * 3_600_000 + 5 * 60_000), now, 'sw')).toBe('saa 2 na dakika 5 zimebaki');
    expect(formatTimeLeft(at(3 * 3_600_000), now, 'en')).toBe('3 h left');
    expect(formatTimeLeft(at(26 * 3_600_000), now, 'en')).toBe('1 day 2 h left');
    expect(formatTimeLeft(at(24 * 3_600_000), now, 'sw')).toBe('siku 1 imebaki');
    expect(formatTimeLeft(new Date(at(3 * 86_400_000)).toISOString(), now, 'en')).toBe('3 days left');
  });

  it('says how long a deadline is overdue', () => {
    expect(formatTimeLeft(at(-10_000), now, 'en')).toBe('overdue');
    expect(formatTimeLeft(at(-10_000), now, 'sw')).toBe('imechelewa');
    expect(formatTimeLeft(at(-12 * 60_000), now, 'en')).toBe('overdue by 12 min');
    expect(formatTimeLeft(at(-12 * 60_000), now, 'sw')).toBe('imechelewa kwa dakika 12');
  });

  it('shows a countdown as a clock face', () => {
    expect(formatClock(5 * 3_600_000 + 12 * 60_000 + 3_400)).toBe('05:12:03');
    expect(formatClock(-61_000)).toBe('00:01:01');
  });

  it('gives now in Nairobi for datetime-local defaults', () => {
    expect(eatLocalNow(Date.parse('2026-03-10T21:30:00Z'))).toBe('2026-03-11T00:30');
  });
});
