import { expect } from 'vitest';
import type { Session, SignedIn, TestApp } from '../../../../test/helpers.js';

/** The response tests' shared fixtures and request helpers (each test file boots its own app). */
export const HOUR = 3_600_000;

export const kware = {
  channel: 'hotline',
  narrative: 'A woman in Kware is threatened with a panga by her partner; she is in danger now.',
  county: 'Nairobi',
  subCounty: 'Embakasi South',
  ward: 'Kware',
  inDangerNow: true,
  violationTypes: ['femicide', 'physical_assault'],
  reporter: { anonymous: false, name: 'Neighbour Test', phone: '0712 345 678', locale: 'en' },
  victim: { name: 'Victim Test', sex: 'female', ageGroup: 'adult' },
};

export const protest = {
  channel: 'hotline',
  narrative: 'A human rights defender was arrested at a protest in the CBD and taken to Central.',
  county: 'Nairobi',
  inDangerNow: true,
  violationTypes: ['arbitrary_detention', 'protest_repression', 'attack_on_defender'],
  reporter: { anonymous: true, locale: 'en' },
  victim: { name: 'Defender Test', sex: 'male', ageGroup: 'adult' },
};

export const p1 = {
  severity: 3,
  immediacy: 3,
  feasibility: 2,
  justifications: { severity: 'threat to life', immediacy: 'happening now', feasibility: 'escort possible' },
};

export interface TimelineEvent {
  type: string;
  actorId: string | null;
  at: string;
  data: Record<string, unknown>;
}

export interface ResponseTestContext {
  t: TestApp;
  duty: SignedIn;
  approver: SignedIn;
  legal: SignedIn;
}

/** Request helpers over the app and sessions a test file signs in (read at each call, after beforeAll). */
export function responseHelpers(ctx: () => ResponseTestContext) {
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, session: Session, payload?: object) =>
    ctx().t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  async function intake(body: Record<string, unknown> = kware, session: Session = ctx().duty) {
    const res = await api('POST', '/api/cases', session, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string };
  }
  async function step(id: string, action: string, session: Session, body: object = {}) {
    const res = await api('POST', `/api/cases/${id}/transitions/${action}`, session, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json() as { status: string; priority: string | null };
  }
  /** Intake → acknowledge → assess → request_decision → approve (by an approver): an active case. */
  async function activeCase(body: Record<string, unknown> = kware, assessment: object = p1) {
    const c = await intake(body);
    await step(c.id, 'acknowledge', ctx().duty);
    await step(c.id, 'assess', ctx().duty, { assessment });
    await step(c.id, 'request_decision', ctx().duty);
    expect(await step(c.id, 'approve', ctx().approver)).toMatchObject({ status: 'active' });
    // A femicide threat is sensitive by rule: the legal officer works on it as a team member.
    const added = await api('POST', `/api/cases/${c.id}/members`, ctx().duty, { userId: ctx().legal.userId });
    expect(added.statusCode, added.body).toBe(204);
    return c;
  }
  async function timeline(id: string, session: Session = ctx().duty) {
    const res = await api('GET', `/api/cases/${id}`, session);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { timeline: TimelineEvent[] }).timeline;
  }
  async function summary(id: string, session: Session = ctx().duty) {
    const res = await api('GET', `/api/cases/${id}/response-summary`, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      actions: { id: string; status: string; version: number; outcome: string | null }[];
      arrests: unknown[];
      institutionalResponses: unknown[];
      feedback: unknown[];
      impacts: unknown[];
      afterActionReview: { lessons: string } | null;
      aarRequired: boolean;
    };
  }

  return { api, intake, step, activeCase, timeline, summary };
}
