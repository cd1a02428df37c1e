import { describe, expect, it } from 'vitest';
import type { EscalationRequest } from '../cases/escalation.js';
import type { PolicySnapshot } from '../../../shared/contracts/alerts.js';
import { advance, detailOf, groupKeyOf, priorityFor, snapshotOfAlert } from './alerts.model.js';
import type { AlertRow } from './alerts.repo.js';
import { builtinPolicy, DUTY_POLICY, LEADERSHIP_POLICY } from './defaults.js';

const policy = (steps: number, repeat: number): PolicySnapshot => ({
  id: null,
  name: 'test',
  steps: Array.from({ length: steps }, () => ({
    target: { kind: 'role', role: 'approver' },
    waitMinutes: 5,
  })),
  repeat,
});

const req = (over: Partial<EscalationRequest> = {}): EscalationRequest => ({
  caseId: 'c1',
  reason: 'new_urgent_report',
  ...over,
});

describe('advance', () => {
  it('goes through the steps, then the rounds, then stops', () => {
    const p = policy(2, 1);
    expect(advance(p, { step: 0, round: 0 })).toEqual({ step: 1, round: 0 });
    expect(advance(p, { step: 1, round: 0 })).toEqual({ step: 0, round: 1 });
    expect(advance(p, { step: 1, round: 1 })).toBeNull();
  });

  it('stops after the only step of a policy without repeats', () => {
    expect(advance(policy(1, 0), { step: 0, round: 0 })).toBeNull();
  });
});

describe('priorityFor', () => {
  it('keeps the case’s assessed priority', () => {
    expect(priorityFor(req({ reason: 'sos' }), { priority: 'P2', inDangerNow: true })).toBe('P2');
  });

  it('makes urgent triggers and people in danger P1, everything else P3', () => {
    expect(priorityFor(req({ reason: 'sos' }), undefined)).toBe('P1');
    expect(priorityFor(req(), { priority: null, inDangerNow: true })).toBe('P1');
    expect(priorityFor(req({ detail: { inDangerNow: true } }), undefined)).toBe('P1');
    expect(priorityFor(req(), { priority: null, inDangerNow: false })).toBe('P3');
  });
});

describe('alert rows', () => {
  const row = (over: Partial<AlertRow>): AlertRow => ({ reason: 'sos', detail: {}, ...over }) as AlertRow;

  it('groups by case and reason', () => {
    expect(groupKeyOf(req())).toBe('c1:new_urgent_report');
  });

  it('reads the detail, empty when there is none', () => {
    expect(detailOf(row({ detail: { nextDueAt: 'x' } })).nextDueAt).toBe('x');
    expect(detailOf(row({ detail: null }))).toEqual({});
  });

  it('falls back to the built-in policy of the reason when the snapshot no longer parses', () => {
    const kept = policy(2, 0);
    expect(snapshotOfAlert(row({ policySnapshot: kept }))).toEqual(kept);
    expect(snapshotOfAlert(row({ policySnapshot: { steps: [] } }))).toEqual(builtinPolicy(LEADERSHIP_POLICY));
    expect(snapshotOfAlert(row({ reason: 'clock_breached', policySnapshot: null }))).toEqual(
      builtinPolicy(DUTY_POLICY),
    );
  });
});
