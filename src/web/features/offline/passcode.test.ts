import { describe, expect, it } from 'vitest';
import {
  afterWrongPasscode,
  MAX_PASSCODE_FAILURES,
  passcodeProblem,
  PASSCODE_ITERATIONS,
  unwrapWithPasscode,
  wrapWithPasscode,
} from './passcode.js';

const sessionKey = () => crypto.getRandomValues(new Uint8Array(32));

describe('offline passcode', () => {
  it('opens the session key with the right passcode only', async () => {
    const raw = sessionKey();
    const record = await wrapWithPasscode(new Uint8Array(raw), 'mti wa mwembe 42', 1_000);
    expect(new Uint8Array(record.wrapped)).not.toEqual(raw);
    expect(record.failures).toBe(0);
    expect(await unwrapWithPasscode(record, 'mti wa mwembe 42')).toEqual(raw);
    expect(await unwrapWithPasscode(record, 'mti wa mwembe 43')).toBeNull();
    expect(await unwrapWithPasscode(record, '')).toBeNull();
  });

  it('salts every wrap: the same passcode and key never give the same record', async () => {
    const raw = sessionKey();
    const a = await wrapWithPasscode(new Uint8Array(raw), '24682468', 1_000);
    const b = await wrapWithPasscode(new Uint8Array(raw), '24682468', 1_000);
    expect(a.salt).not.toEqual(b.salt);
    expect(new Uint8Array(a.wrapped)).not.toEqual(new Uint8Array(b.wrapped));
  });

  it('uses the full work factor by default', async () => {
    const record = await wrapWithPasscode(sessionKey(), '13571357');
    expect(record.iterations).toBe(PASSCODE_ITERATIONS);
    expect(PASSCODE_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('asks for at least eight characters, typed the same twice', () => {
    expect(passcodeProblem('1234567', '1234567')).toBe('tooShort');
    expect(passcodeProblem('12345678', '12345679')).toBe('mismatch');
    expect(passcodeProblem('12345678', '12345678')).toBeNull();
  });

  it('wipes at the fifth wrong passcode in a row, saying how many tries are left before', () => {
    expect(MAX_PASSCODE_FAILURES).toBe(5);
    expect(afterWrongPasscode(0)).toEqual({ failures: 1, triesLeft: 4, wipe: false });
    expect(afterWrongPasscode(3)).toEqual({ failures: 4, triesLeft: 1, wipe: false });
    expect(afterWrongPasscode(4)).toEqual({ failures: 5, triesLeft: 0, wipe: true });
  });
});
