import { describe, expect, it } from 'vitest';
import { actionEventType, actionFlow, legalDetails } from './actions.service.js';
import { arrestView, clockTarget } from './arrest-clock.js';
import { arrestEventType } from './arrests.service.js';
import type { ArrestRow } from './response.repo.js';
import { notFuture } from './response.shared.js';
import { isOverdue } from './response.views.js';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-01T06:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

function arrest(id: string, arrestedHoursAgo: number, now: Date, stop: Partial<ArrestRow> = {}): ArrestRow {
  return {
    id,
    caseId: 'case-1',
    personId: null,
    arrestedAt: new Date(now.getTime() - arrestedHoursAgo * HOUR),
    policeStation: 'Central',
    obNumber: null,
    producedInCourtAt: null,
    releasedAt: null,
    missingSince: null,
    createdBy: null,
    createdAt: now,
    ...stop,
  };
}

describe('the arrest clock', () => {
  it('runs from the arrest, warns at 18 h and is breached at 24 h', () => {
    const a = arrest('a', 0, t0);
    expect(arrestView(a, at(1))).toMatchObject({
      running: true,
      warning: false,
      breached: false,
      msLeft: 23 * HOUR,
      deadline: at(24).toISOString(),
      warningAt: at(18).toISOString(),
    });
    expect(arrestView(a, at(18))).toMatchObject({ running: true, warning: true, breached: false });
    expect(arrestView(a, at(24))).toMatchObject({ running: true, breached: true, msLeft: 0 });
  });

  it('stops at the first of production in court and release, breached only if that came too late', () => {
    const inTime = arrest('a', 0, t0, { producedInCourtAt: at(20), releasedAt: at(30) });
    expect(arrestView(inTime, at(40))).toMatchObject({ running: false, msLeft: null, breached: false });
    const late = arrest('b', 0, t0, { releasedAt: at(25) });
    expect(arrestView(late, at(40))).toMatchObject({ running: false, warning: false, breached: true });
  });

  it('follows the running arrest whose deadline is still ahead, else the earliest running one', () => {
    const now = at(0);
    const old = arrest('old', 30, now);
    const recent = arrest('recent', 2, now);
    const released = arrest('released', 1, now, { releasedAt: now });
    expect(clockTarget([old, recent, released], now)?.id).toBe('recent');
    expect(clockTarget([old, released], now)?.id).toBe('old');
    expect(clockTarget([released], now)).toBeUndefined();
  });

  it('names the event of an arrest change after what changed', () => {
    expect(arrestEventType({ producedInCourtAt: at(1), releasedAt: at(2) })).toBe('arrest.produced_in_court');
    expect(arrestEventType({ releasedAt: at(2) })).toBe('arrest.released');
    expect(arrestEventType({ obNumber: 'OB/12/03/2026' })).toBe('arrest.updated');
  });
});

describe('actions', () => {
  it('moves only forward, and done and cancelled are final', () => {
    expect(actionFlow.open).toContain('in_progress');
    expect(actionFlow.in_progress).not.toContain('open');
    expect(actionFlow.done).toEqual([]);
    expect(actionFlow.cancelled).toEqual([]);
  });

  it('names the event of a change: the status move first, then an assignment, else an update', () => {
    expect(actionEventType('open', 'in_progress', ['status', 'ownerUserId'])).toBe('action.started');
    expect(actionEventType('in_progress', 'done', ['status'])).toBe('action.completed');
    expect(actionEventType('open', 'cancelled', ['status'])).toBe('action.cancelled');
    expect(actionEventType('open', 'open', ['ownerUserId'])).toBe('action.assigned');
    expect(actionEventType('open', 'open', ['notes'])).toBe('action.updated');
  });

  it('stores court details without empty fields and with hearing dates in order', () => {
    expect(legalDetails({ court: '', caseNumber: 'HCCR 12/2026', hearingDates: [at(48), at(24)] })).toEqual({
      caseNumber: 'HCCR 12/2026',
      hearingDates: [at(24).toISOString(), at(48).toISOString()],
    });
  });

  it('is overdue only past its deadline while still to do', () => {
    expect(isOverdue({ deadline: at(1), status: 'open' }, at(2))).toBe(true);
    expect(isOverdue({ deadline: at(1), status: 'in_progress' }, at(2))).toBe(true);
    expect(isOverdue({ deadline: at(1), status: 'done' }, at(2))).toBe(false);
    expect(isOverdue({ deadline: at(3), status: 'open' }, at(2))).toBe(false);
    expect(isOverdue({ deadline: null, status: 'open' }, at(2))).toBe(false);
  });
});

describe('times given by the user', () => {
  it('may be a little ahead of the server (clock skew), never more', () => {
    expect(() => notFuture(new Date(t0.getTime() + 4 * 60_000), 'at', t0)).not.toThrow();
    expect(() => notFuture(undefined, 'at', t0)).not.toThrow();
    expect(() => notFuture(new Date(t0.getTime() + 6 * 60_000), 'at', t0)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
