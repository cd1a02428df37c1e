import { describe, expect, it } from 'vitest';
import { diffBodies } from './api.js';

describe('diffBodies', () => {
  it('lists changed leaves, and compares term lists by code', () => {
    expect(diffBodies({ a: 1, p1: { s: 3 } }, { a: 1, p1: { s: 2 } })).toEqual([
      { path: 'p1.s', from: '3', to: '2' },
    ]);
    const before = {
      v: [
        { code: 'x', en: 'X', retired: false },
        { code: 'y', en: 'Y', retired: false },
      ],
    };
    const after = {
      v: [
        { code: 'y', en: 'Y', retired: false },
        { code: 'x', en: 'X', retired: true },
      ],
    };
    expect(diffBodies(before, after)).toEqual([{ path: 'v.x.retired', from: 'false', to: 'true' }]);
    expect(diffBodies({ v: [] }, { v: [{ code: 'z', en: 'Z' }] })).toEqual([
      { path: 'v.z', from: '—', to: '{"code":"z","en":"Z"}' },
    ]);
  });
});
