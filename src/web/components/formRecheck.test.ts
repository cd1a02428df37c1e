import { describe, expect, it } from 'vitest';
import { flattenTyped, recheck, sameProblems } from './formRecheck.js';

// Issue #14: the assessment form kept its old messages after every field was fixed.
describe('re-checking a form after a failed submit', () => {
  const shown = flattenTyped({
    severity: { type: 'too_small', message: 'Choose one.' },
    justifications: { severity: { type: 'too_small', message: 'Required.' } },
  } as never);

  it('drops each problem once its field is fixed, and keeps the ones still wrong', () => {
    expect(shown.map((p) => p.path)).toEqual(['severity', 'justifications.severity']);
    const one = recheck(
      shown,
      [{ path: 'justifications.severity', message: 'Required.' }],
      'severity',
      false,
    );
    expect(one.problems.map((p) => p.path)).toEqual(['justifications.severity']);
    const none = recheck(one.problems, [], 'justifications.severity', false);
    expect(none.problems).toEqual([]);
  });

  it('shows nothing new while someone types, and updates a message that changed', () => {
    const out = recheck(
      shown,
      [
        { path: 'severity', message: 'Too small.' },
        { path: 'immediacy', message: 'Choose one.' },
      ],
      'severity',
      false,
    );
    expect(out.problems).toEqual([{ path: 'severity', message: 'Too small.', type: 'too_small' }]);
  });

  it("keeps a server's field problem until that field is edited, and its title until the last one goes", () => {
    const server = [
      { path: 'reason', message: 'Reason: required', type: 'server' },
      { path: 'assessment.overrideReason', message: 'Required.', type: 'server' },
    ];
    const a = recheck(server, [], 'severity', true);
    expect(a.problems).toHaveLength(2);
    expect(a.keepServerTitle).toBe(true);
    const b = recheck(a.problems, [], 'reason', true);
    expect(b.problems.map((p) => p.path)).toEqual(['assessment.overrideReason']);
    expect(b.keepServerTitle).toBe(true);
    const c = recheck(b.problems, [], 'assessment', true);
    expect(c.problems).toEqual([]);
    expect(c.keepServerTitle).toBe(false);
    // A refusal with no field problems (a conflict) keeps its title until the next submit.
    expect(recheck([], [], 'severity', true).keepServerTitle).toBe(true);
  });

  it('tells when nothing changed', () => {
    expect(sameProblems(shown, [...shown])).toBe(true);
    expect(sameProblems(shown, shown.slice(1))).toBe(false);
  });
});
