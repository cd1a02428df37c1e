import { describe, expect, it } from 'vitest';
import { intakeInput } from '../../../shared/contracts/cases.js';
import { emptyIntake, intakeForm, toIntakeBody } from './intakeForm.js';

describe('the intake form', () => {
  it('asks for a narrative and checks phones (the reporter’s only when named)', () => {
    const empty = intakeForm.safeParse({ ...emptyIntake('en'), victimPhone: '12', reporterPhone: 'abc' });
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['narrative', 'intake.errors.narrative'],
      ['victimPhone', 'intake.errors.phone'],
      ['reporterPhone', 'intake.errors.phone'],
    ]);
    const anonymous = intakeForm.safeParse({
      ...emptyIntake('en'),
      narrative: 'Taken at night',
      anonymous: true,
      reporterPhone: 'abc',
    });
    expect(anonymous.success).toBe(true);
  });

  it('builds the body the contract accepts, leaving out what was not given', () => {
    const values = intakeForm.parse({
      ...emptyIntake('sw'),
      narrative: '  Taken from her home  ',
      county: 'Nairobi',
      incidentAt: '2026-03-10T14:05',
      reporterName: 'Wanjiku',
      victimSex: 'female',
    });
    const body = toIntakeBody(values);
    expect(body).toEqual({
      channel: 'hotline',
      narrative: 'Taken from her home',
      violationTypes: [],
      inDangerNow: false,
      sensitivity: 'normal',
      reporter: { anonymous: false, locale: 'sw', name: 'Wanjiku' },
      county: 'Nairobi',
      incidentAt: '2026-03-10T11:05:00.000Z',
      incidentPrecision: 'exact',
      victim: { sex: 'female' },
    });
    expect(intakeInput.safeParse(body).success).toBe(true);
  });
});
