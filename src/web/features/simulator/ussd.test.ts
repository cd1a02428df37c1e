import { describe, expect, it } from 'vitest';
import { newUssdSessionId, ussdScreenText, ussdText } from './ussd.js';

describe('USSD session as the gateway sends it', () => {
  it('joins every input so far with *', () => {
    expect(ussdText([])).toBe('');
    expect(ussdText(['1'])).toBe('1');
    expect(ussdText(['2', '1', '3', 'Nairobi'])).toBe('2*1*3*Nairobi');
  });

  it('shows the screen without CON/END', () => {
    expect(ussdScreenText('CON Dharura\n1 English\n2 Kiswahili')).toBe('Dharura\n1 English\n2 Kiswahili');
    expect(ussdScreenText('END Asante. UA-2026-00012')).toBe('Asante. UA-2026-00012');
  });

  it('gives each dial its own session id', () => {
    const a = newUssdSessionId();
    expect(a).toMatch(/^ATUid_[0-9a-z]+$/);
    expect(newUssdSessionId()).not.toBe(a);
  });
});
