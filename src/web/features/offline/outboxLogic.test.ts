import { describe, expect, it } from 'vitest';
import { afterAttempt, backoffMs, pendingCount, resolveConflict } from './outboxLogic.js';

describe('outbox rules', () => {
  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(1_000);
    expect(backoffMs(1, () => 1)).toBe(2_000);
    expect(backoffMs(3, () => 1)).toBe(8_000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
  });

  it('keeps a write with no answer queued, marks a conflict, and fails a refusal', () => {
    expect(afterAttempt({ ok: true, data: {} }, 1)).toEqual({ state: 'sent' });
    expect(afterAttempt({ ok: false, network: true }, 1).state).toBe('queued');
    const busy = {
      ok: false as const,
      network: false as const,
      status: 503,
      code: 'UNAVAILABLE',
      message: 'x',
    };
    expect(afterAttempt(busy, 2)).toMatchObject({ state: 'queued', error: 'x' });
    const current = { version: 2, notes: 'theirs' };
    expect(
      afterAttempt({ ok: false, network: false, status: 409, code: 'CONFLICT', message: 'c', current }, 1),
    ).toEqual({ state: 'conflict', error: 'c', current });
    expect(
      afterAttempt({ ok: false, network: false, status: 400, code: 'VALIDATION_FAILED', message: 'v' }, 1),
    ).toEqual({ state: 'failed', error: 'v' });
  });

  it('resolves a conflicting edit without losing either version', () => {
    const mine = { expectedVersion: 1, notes: 'Lawyer joins at the station (mine)' };
    const theirs = { version: 2, notes: 'Escort moved to 7 pm (theirs)' };
    const both = resolveConflict(mine, theirs, 'keep-both');
    expect(both).toEqual({
      expectedVersion: 2,
      notes: 'Escort moved to 7 pm (theirs)\n\nLawyer joins at the station (mine)',
    });
    expect(resolveConflict(mine, theirs, 'keep-mine')).toEqual({ ...mine, expectedVersion: 2 });
    expect(resolveConflict(mine, theirs, 'keep-theirs')).toBeNull();
    // Until the user chooses, both stay as they were.
    expect(mine.notes).toBe('Lawyer joins at the station (mine)');
    expect(theirs.notes).toBe('Escort moved to 7 pm (theirs)');
  });

  it('counts every write the server has not accepted yet', () => {
    expect(
      pendingCount([{ state: 'queued' }, { state: 'sending' }, { state: 'sent' }, { state: 'conflict' }]),
    ).toBe(3);
  });
});
