import { describe, expect, it } from 'vitest';
import { aad, aadOf } from './aad.js';

describe('aad', () => {
  it('binds a sealed field to its table, column and row', () => {
    expect(aad('cases', 'narrative', 'DH-2026-0001')).toBe('cases.narrative:DH-2026-0001');
    expect(aadOf('responders')('phone', 'r1')).toBe('responders.phone:r1');
  });

  it('refuses a column that is not sealed (a typo is also a type error)', () => {
    // @ts-expect-error 'narative' is not a sealed column of cases
    expect(() => aad('cases', 'narative', 'x')).toThrow(/no sealed column/);
  });
});
