import type { AppContext } from '../app.js';
import type { IntakeInput } from '../../shared/contracts/cases.js';
import type { TransitionAction } from '../../shared/workflow.js';
import {
  actionCreateInput,
  actionPatchInput,
  arrestCreateInput,
  feedbackInput,
  impactInput,
  institutionalResponseInput,
  reviewInput,
} from '../../shared/contracts/response.js';

/**
 * A realistic spread of fictional cases in every state, so a new user sees what the queue and a case
 * look like at each step. Every person is invented and marked "(demo)".
 */
type Services = AppContext['services'];
interface Actor {
  id: string;
  roles: string[];
}

const assessment = (severity: number, immediacy: number, feasibility: number, why: string) => ({
  severity,
  immediacy,
  feasibility,
  justifications: {
    severity: why,
    immediacy: why,
    feasibility: 'A response can make a difference within hours.',
  },
  vulnerable: [] as ('minor' | 'disability' | 'pregnancy' | 'older_person')[],
});

export async function seedDemoCases(services: Services): Promise<number> {
  const users = await services.users.list();
  const by = (role: string): Actor => {
    const u = users.find((x) => x.roles.includes(role));
    if (!u) throw new Error(`demo user for ${role} missing`);
    return { id: u.id, roles: u.roles };
  };
  const duty = by('duty_officer');
  const approver = by('approver');
  const leadership = by('leadership');

  async function make(input: IntakeInput, steps: [TransitionAction, Actor, Record<string, unknown>?][]) {
    const c = await services.intake.receive(input, { userId: duty.id, label: 'user' });
    for (const [action, actor, body] of steps) {
      // The intake officer brings each colleague onto the team (need-to-know) before they act.
      if (actor.id !== duty.id) await services.cases.addMember(c.id, actor.id, duty);
      await services.workflow.transition(c.id, action, actor, body ?? {});
    }
    return c;
  }
  const toActive = (
    a: ReturnType<typeof assessment>,
  ): [TransitionAction, Actor, Record<string, unknown>?][] => [
    ['acknowledge', duty],
    ['assess', duty, { assessment: a }],
    ['request_decision', duty],
    ['approve', approver],
  ];

  // 1. P1 femicide threat in Kware — active.
  const kware = await make(
    {
      channel: 'hotline',
      narrative:
        'A woman in Kware is threatened with a panga by her partner. Neighbours say he has beaten her before. She is in danger now.',
      violationTypes: ['femicide', 'physical_assault'],
      county: 'Nairobi',
      subCounty: 'Embakasi South',
      ward: 'Kware',
      place: 'Near the water kiosk behind the market (demo)',
      inDangerNow: true,
      sensitivity: 'sensitive',
      reporter: { anonymous: false, name: 'Mama Pendo (demo)', phone: '0700 000 101', locale: 'sw' },
      victim: { name: 'Akinyi (demo)', sex: 'female', ageGroup: 'adult' },
    },
    toActive(assessment(3, 3, 2, 'Threat to life with a weapon; happening now.')),
  );

  // 2. Arrest of a defender at a protest in Kayole — active, arrest clock running.
  const kayole = await make(
    {
      channel: 'hotline',
      narrative:
        'A community justice centre member was arrested while documenting a protest in Kayole and taken to the police station. No charge given.',
      violationTypes: ['arbitrary_detention', 'attack_on_defender', 'protest_repression'],
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole Central',
      inDangerNow: true,
      reporter: { anonymous: false, name: 'Juma (demo)', phone: '0700 000 102', locale: 'en' },
      victim: { name: 'Wairimu (demo)', sex: 'female', ageGroup: 'youth' },
    },
    toActive(assessment(3, 3, 3, 'Arbitrary detention of a defender; the 24-hour limit runs.')),
  );

  const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  const escort = await services.response.createAction(
    kware.id,
    duty,
    actionCreateInput.parse({
      role: 'protection',
      type: 'escort',
      ownerUserId: duty.id,
      notes: 'Escort to the safe house with two CJC members (demo).',
    }),
  );
  await services.response.updateAction(
    kware.id,
    escort.id,
    duty,
    actionPatchInput.parse({ expectedVersion: escort.version, status: 'in_progress' }),
  );
  // 2b. A woman human rights defender arrested in Likoni — active, arrest clock running (10 h of 24).
  const likoni = await make(
    {
      channel: 'hotline',
      narrative:
        'A woman human rights defender was arrested in Likoni after speaking at a community meeting about a femicide case; held without charge.',
      violationTypes: ['arbitrary_detention', 'attack_on_defender'],
      county: 'Mombasa',
      subCounty: 'Likoni',
      ward: 'Likoni',
      inDangerNow: true,
      reporter: { anonymous: false, name: 'Mwanaisha (demo)', phone: '0700 000 103', locale: 'sw' },
      victim: { name: 'Rehema (demo)', sex: 'female', ageGroup: 'adult' },
    },
    toActive(assessment(3, 3, 3, 'Detention of a defender; the 24-hour limit runs.')),
  );
  await services.response.recordArrest(
    likoni.id,
    duty,
    arrestCreateInput.parse({
      arrestedAt: iso(10 * 3_600_000),
      policeStation: 'Likoni Police Station (demo)',
      obNumber: 'OB 14/23/11/2026',
    }),
  );
  await services.response.logInstitutionalResponse(
    likoni.id,
    duty,
    institutionalResponseInput.parse({
      agency: 'police',
      station: 'Likoni Police Station (demo)',
      request: 'record_report',
      response: 'refused',
      at: iso(9 * 3_600_000),
      notes: 'The officer refused to record an OB entry for the family (demo).',
    }),
  );

  // 3. Forced eviction in Mukuru — awaiting decision (P2).
  await make(
    {
      channel: 'web',
      narrative:
        'County officers and hired youths are demolishing houses in Mukuru Kwa Njenga without a court order. About 40 families.',
      violationTypes: ['forced_eviction'],
      county: 'Nairobi',
      subCounty: 'Embakasi South',
      ward: 'Mukuru Kwa Njenga',
      inDangerNow: false,
      reporter: { anonymous: true, locale: 'sw' },
    },
    [
      ['acknowledge', duty],
      [
        'assess',
        duty,
        { assessment: assessment(2, 3, 3, 'Families losing homes today; a court injunction is feasible.') },
      ],
      ['request_decision', duty],
    ],
  );

  // 4. Received, not yet acknowledged (Mombasa, Kiswahili).
  await make(
    {
      channel: 'sms',
      narrative: 'Msichana wa miaka 15 analazimishwa kuolewa Jumamosi hii huko Likoni. Tafadhali saidieni.',
      violationTypes: ['forced_marriage'],
      county: 'Mombasa',
      subCounty: 'Likoni',
      ward: 'Likoni',
      inDangerNow: true,
      reporter: { anonymous: true, locale: 'sw' },
    },
    [],
  );

  // 5. Screening (Kisumu).
  await make(
    {
      channel: 'hotline',
      narrative:
        'Police used live bullets to disperse protesters in Kondele; two people injured, one missing.',
      violationTypes: ['protest_repression', 'enforced_disappearance'],
      county: 'Kisumu',
      subCounty: 'Kisumu Central',
      ward: 'Kondele',
      inDangerNow: true,
      reporter: { anonymous: false, name: 'Otieno (demo)', phone: '0700 000 105', locale: 'en' },
    },
    [['acknowledge', duty]],
  );

  // 6. Assessed (Nakuru, online GBV).
  await make(
    {
      channel: 'web',
      narrative:
        'A woman journalist in Nakuru receives daily threats and her private photos were posted online.',
      violationTypes: ['online_gbv', 'attack_on_journalist'],
      county: 'Nakuru',
      subCounty: 'Nakuru Town East',
      ward: 'Kivumbini',
      inDangerNow: false,
      reporter: { anonymous: true, locale: 'en' },
    },
    [
      ['acknowledge', duty],
      [
        'assess',
        duty,
        { assessment: assessment(2, 2, 2, 'Sustained threats; takedown and protection planning possible.') },
      ],
    ],
  );

  // 7. Not urgent (referred elsewhere), 8. duplicate, 9. declined, 10. withdrawn.
  await make(
    {
      channel: 'web',
      narrative: 'A boundary dispute with a neighbour over a plot in Kayole.',
      county: 'Nairobi',
      reporter: { anonymous: true, locale: 'en' },
    },
    [
      ['acknowledge', duty],
      [
        'mark_not_urgent',
        duty,
        { reason: 'Land dispute without violence: referred to the legal aid clinic.' },
      ],
    ],
  );
  await make(
    {
      channel: 'sms',
      narrative: 'Mwanamke Kware anatishiwa na panga na mume wake sasa hivi.',
      county: 'Nairobi',
      ward: 'Kware',
      inDangerNow: true,
      reporter: { anonymous: true, locale: 'sw' },
    },
    [
      ['acknowledge', duty],
      ['mark_duplicate', duty, { reason: 'Same incident as the hotline report.', duplicateOf: kware.id }],
    ],
  );
  await make(
    {
      channel: 'web',
      narrative: 'Request to publicise a business dispute as a human rights violation.',
      county: 'Nakuru',
      reporter: { anonymous: true, locale: 'en' },
    },
    [
      ['acknowledge', duty],
      ['assess', duty, { assessment: assessment(1, 0, 1, 'No rights violation identified.') }],
      ['request_decision', duty],
      ['decline', approver, { reason: 'Outside the mandate: a commercial dispute.' }],
    ],
  );
  await make(
    {
      channel: 'hotline',
      narrative: 'Reporter asked us to stop: the family has settled the matter.',
      county: 'Kisumu',
      reporter: { anonymous: true, locale: 'en' },
    },
    [
      ['acknowledge', duty],
      ['withdraw', duty, { reason: 'Reporter withdrew consent.' }],
    ],
  );

  // 11. Follow-up and 12. closed, with an outcome.
  await make(
    {
      channel: 'walk_in',
      narrative:
        'A survivor of sexual assault in Kayole needs medical care, a P3 form and safe accommodation.',
      violationTypes: ['sexual_assault'],
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole Central',
      inDangerNow: false,
      sensitivity: 'restricted',
      reporter: { anonymous: true, locale: 'sw' },
    },
    [
      ...toActive(assessment(3, 2, 3, 'Serious harm; medical care within 72 hours matters.')),
      ['start_follow_up', duty],
    ],
  );
  const closedSteps: [TransitionAction, Actor, Record<string, unknown>?][] = toActive(
    assessment(3, 3, 3, 'Threat to life; escort available tonight.'),
  );
  const closed = await make(
    {
      channel: 'hotline',
      narrative: 'A woman escaped a violent home in Mukuru and needed an escort to a safe house at night.',
      violationTypes: ['physical_assault'],
      county: 'Nairobi',
      subCounty: 'Embakasi South',
      ward: 'Mukuru Kwa Njenga',
      inDangerNow: true,
      reporter: { anonymous: true, locale: 'en' },
    },
    closedSteps,
  );
  // The closed case: escort done, feedback, impact, after-action review, closure.
  const done = await services.response.createAction(
    closed.id,
    duty,
    actionCreateInput.parse({ role: 'protection', type: 'escort', ownerUserId: duty.id }),
  );
  await services.response.updateAction(
    closed.id,
    done.id,
    duty,
    actionPatchInput.parse({
      expectedVersion: done.version,
      status: 'done',
      outcome: 'Reached the safe house at 23:40',
    }),
  );
  await services.workflow.transition(closed.id, 'start_follow_up', duty, {});
  await services.response.recordFeedback(
    closed.id,
    duty,
    feedbackInput.parse({
      channel: 'phone',
      satisfaction: 5,
      confidentialityRespected: true,
      decidedNextSteps: true,
    }),
  );
  await services.response.recordImpact(
    closed.id,
    duty,
    impactInput.parse({ scope: 'immediate', code: 'relocated' }),
  );
  await services.cases.addMember(closed.id, leadership.id, duty);
  // The review first: a P1 closes only with its after-action review (or a scheduled one).
  await services.response.recordAfterActionReview(
    closed.id,
    duty,
    reviewInput.parse({
      whatWorked: 'The CJC escort team was reachable within 20 minutes at night.',
      challenges: 'The police post refused to record the report.',
      lessons: 'Keep two escort teams on call on weekend nights.',
    }),
  );
  await services.workflow.transition(closed.id, 'close', leadership, {
    reason: 'Escorted to a safe house; follow-up done.',
    closure: { reason: 'resolved', outcome: 'relocated' },
  });
  void kayole;
  return 13;
}
