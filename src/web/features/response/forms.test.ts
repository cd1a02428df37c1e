import { describe, expect, it } from 'vitest';
import {
  actionCreateInput,
  arrestCreateInput,
  feedbackInput,
  impactInput,
  institutionalResponseInput,
} from '../../../shared/contracts/response.js';
import { actionForm, toActionBody } from './ActionsSection.js';
import { arrestForm, toArrestBody } from './ArrestsSection.js';
import { feedbackForm, impactForm, toFeedbackBody, toImpactBody } from './FollowUpSections.js';
import { institutionalForm, toInstitutionalBody } from './InstitutionalSection.js';

const problems = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('the response forms', () => {
  it('asks for every unanswered choice of the feedback form, and sends what the contract accepts', () => {
    const empty = feedbackForm.safeParse({
      channel: '',
      satisfaction: null,
      confidentialityRespected: null,
      decidedNextSteps: null,
      unmetNeeds: '',
    });
    expect(problems(empty)).toEqual([
      ['channel', 'response.chooseOne'],
      ['satisfaction', 'response.chooseOne'],
      ['confidentialityRespected', 'response.chooseOne'],
      ['decidedNextSteps', 'response.chooseOne'],
    ]);
    const body = toFeedbackBody(
      feedbackForm.parse({
        channel: 'phone',
        satisfaction: 4,
        confidentialityRespected: true,
        decidedNextSteps: false,
        unmetNeeds: '  ',
      }),
    );
    expect(body).toEqual({
      channel: 'phone',
      satisfaction: 4,
      confidentialityRespected: true,
      decidedNextSteps: false,
    });
    expect(feedbackInput.safeParse(body).success).toBe(true);
  });

  it('builds a legal action with its court details in UTC', () => {
    const values = actionForm.parse({
      role: 'legal',
      type: 'habeas_corpus',
      ownerUserId: '',
      deadline: '2026-12-01T09:00',
      notes: '',
      court: ' Milimani ',
      caseNumber: '',
      hearings: ['2026-12-02T10:30', ''],
    });
    const body = toActionBody(values);
    expect(body).toEqual({
      role: 'legal',
      type: 'habeas_corpus',
      deadline: '2026-12-01T06:00:00.000Z',
      details: { hearingDates: ['2026-12-02T07:30:00.000Z'], court: 'Milimani' },
    });
    expect(actionCreateInput.safeParse(body).success).toBe(true);
    expect(
      problems(actionForm.safeParse({ ...values, role: '', type: '', hearings: ['', 'tomorrow'] })),
    ).toEqual([
      ['role', 'response.chooseOne'],
      ['type', 'response.chooseOne'],
      ['hearings.1', 'form.invalid'],
    ]);
  });

  it('checks the arrest, institutional and impact forms like the contract', () => {
    expect(problems(arrestForm.safeParse({ arrestedAt: '', policeStation: ' ', obNumber: '' }))).toEqual([
      ['arrestedAt', 'response.whenRequired'],
      ['policeStation', 'response.required'],
    ]);
    const arrest = toArrestBody(
      arrestForm.parse({ arrestedAt: '2026-12-01T09:00', policeStation: 'Kayole', obNumber: '' }),
    );
    expect(arrestCreateInput.safeParse(arrest).success).toBe(true);

    const inst = {
      agency: 'police',
      station: '',
      officer: '',
      request: 'release',
      response: 'recorded_with_ob',
      obNumber: '',
      at: '',
      notes: '',
    };
    expect(problems(institutionalForm.safeParse(inst))).toEqual([['obNumber', 'response.obRequired']]);
    expect(problems(institutionalForm.safeParse({ ...inst, agency: '' }))).toEqual([
      ['agency', 'response.chooseOne'],
      ['obNumber', 'response.obRequired'],
    ]);
    const logged = toInstitutionalBody(institutionalForm.parse({ ...inst, obNumber: 'OB 14/24/11/2026' }));
    expect(institutionalResponseInput.safeParse(logged).success).toBe(true);

    expect(problems(impactForm.safeParse({ scope: 'immediate', code: '', note: '' }))).toEqual([
      ['code', 'response.chooseOne'],
    ]);
    const impact = toImpactBody(impactForm.parse({ scope: 'immediate', code: 'released', note: '' }));
    expect(impact).toEqual({ scope: 'immediate', code: 'released' });
    expect(impactInput.safeParse(impact).success).toBe(true);
  });
});
