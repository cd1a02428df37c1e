import { describe, expect, it } from 'vitest';
import {
  breachForm,
  consentForm,
  countdown,
  eatToIso,
  isoToEat,
  retentionForm,
  splitSharedWith,
} from './forms.js';

describe('data protection forms', () => {
  it('splits "shared with" into names: trimmed, without empties or repeats', () => {
    expect(splitSharedWith(' Tumaini Safe House,  LSK ,, lsk; Haki  Africa\n')).toEqual([
      'Tumaini Safe House',
      'LSK',
      'Haki Africa',
    ]);
    expect(splitSharedWith('')).toEqual([]);
  });

  it('needs a purpose, at least one kind of data and a console method', () => {
    const ok = {
      personId: 'p',
      purpose: 'Referral',
      dataCategories: ['identity'],
      sharedWith: '',
      method: 'guardian',
    };
    expect(consentForm.safeParse(ok).success).toBe(true);
    expect(consentForm.safeParse({ ...ok, dataCategories: [] }).success).toBe(false);
    expect(consentForm.safeParse({ ...ok, purpose: ' a ' }).success).toBe(false);
    // 'web' is kept for old rows but not offered in the console.
    expect(consentForm.safeParse({ ...ok, method: 'web' }).success).toBe(false);
  });

  it('reads the discovery time as East Africa Time', () => {
    expect(eatToIso('2026-03-01T09:30')).toBe('2026-03-01T06:30:00.000Z');
    expect(isoToEat(new Date('2026-03-01T06:30:00.000Z'))).toBe('2026-03-01T09:30');
    const v = breachForm.safeParse({
      summary: 'Laptop stolen',
      dataCategories: ['contact'],
      affectedCount: '',
      discoveredAt: '2026-03-01T09:30',
      measures: '',
    });
    expect(v.success).toBe(true);
    expect(breachForm.safeParse({ ...v.data, discoveredAt: 'yesterday' }).success).toBe(false);
  });

  it('counts down to the 72-hour deadline, and past it', () => {
    const deadline = '2026-03-04T06:30:00.000Z';
    const at = (iso: string) => new Date(iso).getTime();
    expect(countdown(deadline, at('2026-03-01T06:30:00.000Z'))).toEqual({
      hours: 72,
      minutes: 0,
      overdue: false,
      level: 'ok',
    });
    expect(countdown(deadline, at('2026-03-02T07:00:00.000Z')).level).toBe('soon');
    expect(countdown(deadline, at('2026-03-03T19:00:00.000Z'))).toMatchObject({
      hours: 11,
      minutes: 30,
      level: 'urgent',
    });
    expect(countdown(deadline, at('2026-03-04T08:45:00.000Z'))).toEqual({
      hours: 2,
      minutes: 15,
      overdue: true,
      level: 'overdue',
    });
  });

  it('keeps retention periods between a day and fifty years', () => {
    const days = { closed: '2555', withdrawn: '30', not_urgent: '365', declined: '365', duplicate: '90' };
    expect(retentionForm.safeParse({ days, reason: 'Board decision' }).success).toBe(true);
    expect(retentionForm.safeParse({ days: { ...days, withdrawn: '0' }, reason: 'x y z' }).success).toBe(
      false,
    );
    expect(retentionForm.safeParse({ days: { ...days, closed: '1.5' }, reason: 'x y z' }).success).toBe(
      false,
    );
  });
});
