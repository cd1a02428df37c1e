import { describe, expect, it } from 'vitest';
import { transitionBody } from '../../../shared/contracts/cases.js';
import type { AssessValues } from './AssessForm.js';
import { stepForm, toTransitionBody } from './CaseStepForm.js';

const blank: AssessValues = {
  severity: null,
  immediacy: null,
  feasibility: null,
  justifications: { severity: '', immediacy: '', feasibility: '' },
  risks: { victim: '', informant: '', responders: '' },
  vulnerable: [],
  flags: [],
  resourcesNeeded: '',
  overridePriority: '',
  overrideReason: '',
};
const problems = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('the step form', () => {
  it('asks for every score, its reason, all risks or none, and a reason for an override', () => {
    const found = stepForm('assess', false).safeParse({
      assessment: { ...blank, risks: { victim: '2', informant: '', responders: '' }, overridePriority: 'P2' },
      duplicateOf: '',
      outcome: '',
      reason: '',
    });
    expect(problems(found)).toEqual([
      ['assessment.severity', 'form.chooseScore'],
      ['assessment.immediacy', 'form.chooseScore'],
      ['assessment.feasibility', 'form.chooseScore'],
      ['assessment.justifications.severity', 'form.justify'],
      ['assessment.justifications.immediacy', 'form.justify'],
      ['assessment.justifications.feasibility', 'form.justify'],
      ['assessment.risks', 'assess.risksAllOrNone'],
      ['assessment.overrideReason', 'assess.overrideReasonRequired'],
    ]);
  });

  it('builds the transition body the contract accepts', () => {
    const assessment = {
      ...blank,
      severity: 3,
      immediacy: 3,
      feasibility: 2,
      justifications: { severity: ' s ', immediacy: 'i', feasibility: 'f' },
    };
    const values = stepForm('assess', false).parse({ assessment, duplicateOf: '', outcome: '', reason: '' });
    const body = toTransitionBody('assess', 4, values);
    expect(body).toEqual({
      expectedVersion: 4,
      assessment: {
        severity: 3,
        immediacy: 3,
        feasibility: 2,
        justifications: { severity: 's', immediacy: 'i', feasibility: 'f' },
        vulnerable: [],
        flags: [],
      },
    });
    expect(transitionBody.safeParse(body).success).toBe(true);

    expect(
      problems(
        stepForm('close', false).safeParse({ assessment: blank, duplicateOf: '', outcome: '', reason: '' }),
      ),
    ).toEqual([
      ['outcome', 'steps.outcomeRequired'],
      ['reason', 'steps.reasonRequired'],
    ]);
    const closed = stepForm('close', false).parse({
      assessment: blank,
      duplicateOf: '',
      outcome: 'Resolved',
      reason: ' Released on bond ',
    });
    expect(toTransitionBody('close', 2, closed)).toEqual({
      expectedVersion: 2,
      reason: 'Released on bond',
      closure: { reason: 'Released on bond', outcome: 'Resolved' },
    });
  });
});
