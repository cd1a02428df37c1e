import { describe, expect, it } from 'vitest';
import { checkInInput, sosCancelInput, sosInput } from '../../../shared/contracts/network.js';
import { checkInForm, sosCancelForm } from './missionForms.js';
import { sosBody } from './sosBody.js';

describe('mission and SOS forms', () => {
  it('sends only what was given', () => {
    const body = checkInForm.parse({ location: '  ', done: true, exposures: [] });
    expect(body).toEqual({ done: true });
    expect(checkInInput.safeParse(body).success).toBe(true);
    expect(checkInForm.parse({ location: ' Safe house ', done: false, exposures: ['death'] })).toEqual({
      done: false,
      location: 'Safe house',
      exposures: ['death'],
    });
    const sos = sosBody(' Lodwar ', '');
    expect(sos).toEqual({ location: 'Lodwar' });
    expect(sosInput.safeParse(sos).success).toBe(true);
  });

  it('takes a PIN of 4 to 8 digits', () => {
    const r = sosCancelForm.safeParse({ pin: '12' });
    expect(r.success ? null : r.error.issues[0]!.message).toBe('network.form.pinFormat');
    expect(sosCancelInput.safeParse(sosCancelForm.parse({ pin: ' 4321 ' })).success).toBe(true);
  });
});
