import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../admin/api.js';
import type { OnCall } from './api.js';
import { pagedNow } from './OnCallEditors.js';

const rot = '11111111-1111-4111-8111-111111111111';
const u = (id: string, displayName: string, roles: string[], disabled = false) =>
  ({ id, displayName, roles, disabled, email: `${id}@x.test`, locale: 'en', createdAt: '' }) as UserSummary;
const users = [
  u('a', 'Amina', ['duty_officer']),
  u('b', 'Baraka', ['approver']),
  u('c', 'Chebet', ['approver'], true),
];
const oncall = (who: string | null) =>
  [
    {
      rotationId: rot,
      rotationName: 'duty',
      period: 'weekly',
      onCall: who ? { id: 'a', displayName: who } : null,
      source: who ? 'rotation' : null,
      shiftStart: null,
      shiftEnd: null,
      next: null,
    },
  ] as OnCall[];

describe('who a policy would page now', () => {
  it('names the on-call person of a rotation step, or nobody when the rotation is empty', () => {
    const p = { steps: [{ target: { kind: 'rotation' as const, rotationId: rot }, waitMinutes: 5 }] };
    expect(pagedNow(p, oncall('Amina'), users)).toEqual({ names: ['Amina'], empty: false });
    expect(pagedNow(p, oncall(null), users)).toEqual({ names: [], empty: true });
  });
  it("names a role's active holders and named people", () => {
    const role = {
      steps: [{ target: { kind: 'role' as const, role: 'approver' as const }, waitMinutes: 0 }],
    };
    expect(pagedNow(role, [], users).names).toEqual(['Baraka']);
    const named = { steps: [{ target: { kind: 'users' as const, userIds: ['c'] }, waitMinutes: 0 }] };
    expect(pagedNow(named, [], users)).toEqual({ names: [], empty: true });
  });
});
