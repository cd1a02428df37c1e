import { describe, expect, it } from 'vitest';
import { actInput, docPersonInput, involvementInput } from '../../../shared/contracts/documentation.js';
import { actForm, toActBody } from './ActForm.js';
import { involvementForm, personForm, toInvolvement, toPersonBody } from './forms.js';

const E = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const V = '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const blank = {
  eventId: E,
  victimPersonId: V,
  actType: '',
  startedAt: '',
  startedPrecision: 'exact',
  county: '',
  place: '',
  consequences: '',
  victimStatus: '',
  arrestId: '',
  autopsyPerformed: false,
  deathCertificateNo: '',
  examiner: '',
  examinedAt: '',
  consistency: '',
  p3FormRef: '',
  prcFormRef: '',
  propertyLost: '',
};

describe('the documentation forms (field use on a phone)', () => {
  it('asks for the type of act and the victim status, then sends only the detail of that type', () => {
    const empty = actForm.safeParse(blank);
    expect(empty.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['actType', 'victimStatus']);
    const filled = actForm.parse({
      ...blank,
      actType: 'extrajudicial_killing',
      victimStatus: 'dead',
      startedAt: '2026-03-01T10:30',
      autopsyPerformed: true,
      deathCertificateNo: 'DC-1',
      p3FormRef: 'left over from another type',
    });
    const body = toActBody(filled);
    expect(body).toMatchObject({
      actType: 'extrajudicial_killing',
      startedAt: '2026-03-01T07:30:00.000Z',
      startedPrecision: 'exact',
      killing: { autopsyPerformed: true, deathCertificateNo: 'DC-1' },
    });
    expect(body).not.toHaveProperty('sexualViolence');
    expect(actInput.safeParse(body).success).toBe(true);
  });

  it('sends a sexual-violence act with its P3 and PRC references the contract accepts', () => {
    const body = toActBody(
      actForm.parse({
        ...blank,
        actType: 'rape',
        victimStatus: 'injured',
        p3FormRef: 'P3-9',
        prcFormRef: 'PRC-9',
      }),
    );
    expect(body.sexualViolence).toEqual({ p3FormRef: 'P3-9', prcFormRef: 'PRC-9' });
    expect(actInput.safeParse(body).success).toBe(true);
  });

  it('adds a person and a perpetrator involvement in the contract shape', () => {
    const person = toPersonBody(
      personForm.parse({ role: 'perpetrator', kind: 'institution', name: ' ', sex: '' }),
    );
    expect(person).toEqual({ role: 'perpetrator', kind: 'institution' });
    expect(docPersonInput.safeParse(person).success).toBe(true);
    expect(
      involvementForm.safeParse({ actId: '', perpetratorPersonId: '', degree: '', perpetratorType: '' })
        .success,
    ).toBe(false);
    const inv = toInvolvement(
      involvementForm.parse({
        actId: E,
        perpetratorPersonId: V,
        degree: 'direct',
        perpetratorType: 'police',
      }),
    );
    expect(inv.actId).toBe(E);
    expect(involvementInput.safeParse(inv.body).success).toBe(true);
  });
});
