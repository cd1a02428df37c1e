import { describe, expect, it } from 'vitest';
import { builtinPolicy } from './defaults.js';
import { parseOverrides, parseSteps, rotationOf, snapshotOf, toJsonOverrides } from './oncall.views.js';
import type { PolicyRow, RotationRow } from './oncall.repo.js';

const u1 = '11111111-1111-4111-8111-111111111111';
const rotationId = '22222222-2222-4222-8222-222222222222';

describe('stored policies and rotations', () => {
  it('keeps the overrides that parse and drops the rest', () => {
    const from = new Date('2026-03-02T05:00:00Z');
    const to = new Date('2026-03-03T05:00:00Z');
    const stored = toJsonOverrides([{ userId: u1, from, to }]);
    expect(
      parseOverrides([
        ...stored,
        { userId: 'nobody' },
        { userId: u1, from: stored[0]!.to, to: stored[0]!.from },
      ]),
    ).toEqual([{ userId: u1, from, to }]);
    expect(parseOverrides(null)).toEqual([]);
  });

  it('keeps the steps that parse', () => {
    const step = { target: { kind: 'rotation', rotationId }, waitMinutes: 5 };
    expect(parseSteps([step, { target: { kind: 'nobody' } }])).toEqual([step]);
    expect(parseSteps('x')).toEqual([]);
  });

  it('turns a rotation row into what on-call resolution reads', () => {
    const row = {
      period: 'daily',
      startsAt: new Date('2026-03-02T05:00:00Z'),
      memberIds: [u1],
      overrides: 'not a list',
    } as unknown as RotationRow;
    expect(rotationOf(row)).toEqual({
      period: 'daily',
      startsAt: row.startsAt,
      memberIds: [u1],
      overrides: [],
    });
  });

  it('snapshots a stored policy, and the built-in one when it is missing or broken', () => {
    const row = {
      id: rotationId,
      name: 'duty',
      steps: [{ target: { kind: 'role', role: 'approver' }, waitMinutes: 1 }],
      repeat: 1,
    } as PolicyRow;
    expect(snapshotOf(row, 'duty')).toEqual({
      id: rotationId,
      name: 'duty',
      steps: [{ target: { kind: 'role', role: 'approver' }, waitMinutes: 1 }],
      repeat: 1,
    });
    expect(snapshotOf(undefined, 'duty')).toEqual(builtinPolicy('duty'));
    expect(snapshotOf({ ...row, steps: [] }, 'duty')).toEqual(builtinPolicy('duty'));
  });
});
