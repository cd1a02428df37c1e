import { describe, expect, it } from 'vitest';
import { responderInput } from '../../../shared/contracts/network.js';
import { emptyResponder, responderForm } from './responderForm.js';

const filled = {
  ...emptyResponder,
  name: ' Baraka ',
  phone: '0712 000 101',
  areas: [{ county: 'Kisumu', subCounty: 'Kisumu Central', ward: '' }],
  skills: ['escort' as const],
};

const problems = (v: typeof emptyResponder) => {
  const r = responderForm.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('responder form', () => {
  it('lists what is missing, in the order of the form', () => {
    expect(problems(emptyResponder)).toEqual([
      ['name', 'network.form.nameRequired'],
      ['phone', 'network.form.phoneRequired'],
      ['areas.0.county', 'network.form.countyRequired'],
    ]);
  });

  it('checks hours, caseload and the two PINs', () => {
    expect(problems({ ...filled, availableFrom: '08:00', caseloadLimit: '0', cancelPin: '12' })).toEqual([
      ['availableTo', 'network.form.hoursBoth'],
      ['caseloadLimit', 'network.form.limitRange'],
      ['cancelPin', 'network.form.pinFormat'],
    ]);
    expect(problems({ ...filled, duressPin: '1357' })).toEqual([
      ['duressPin', 'network.form.duressNeedsCancel'],
    ]);
    expect(problems({ ...filled, cancelPin: '2468', duressPin: '2468' })).toEqual([
      ['duressPin', 'network.form.pinsDiffer'],
    ]);
  });

  it('builds a body the contract accepts: trimmed, empty optional fields left out or null', () => {
    const body = responderForm.parse({ ...filled, cancelPin: '2468', duressPin: '1357' });
    expect(body).toMatchObject({
      name: 'Baraka',
      areas: [{ county: 'Kisumu', subCounty: 'Kisumu Central' }],
      availableFrom: null,
      homeCentre: null,
      caseloadLimit: 2,
      cancelPin: '2468',
      duressPin: '1357',
    });
    expect(responderInput.safeParse(body).success).toBe(true);
  });
});
