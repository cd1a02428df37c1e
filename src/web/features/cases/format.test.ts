import { describe, expect, it } from 'vitest';
import { derivePriority } from '../../../shared/workflow.js';
import { eatToIso, formatAge, formatDateTime } from './format.js';

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
