import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type SignedIn, type TestDatabase } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import { bootManualClockApp } from './alerts.test-kit.js';

describe('alerts: escalation policies and rotations (manual clock)', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const clock = new ManualClock(Date.now());
  let duty: SignedIn;
  let admin: SignedIn;
  let analyst: SignedIn;

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, s: SignedIn, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ db, app, duty, admin, analyst } = await bootManualClockApp(clock));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('administers rotations (with overrides) and policies with validation', async () => {
    const a = (await createUser(app, ['duty_officer'])).user;
    const b = (await createUser(app, ['duty_officer'])).user;
    const now = clock.now();
    const created = await api('POST', '/api/rotations', admin, {
      name: 'county coordinators',
      period: 'daily',
      startsAt: now.toISOString(),
      memberIds: [a.id, b.id],
      overrides: [
        {
          userId: b.id,
          from: new Date(now.getTime() - 60_000).toISOString(),
          to: new Date(now.getTime() + 3_600_000).toISOString(),
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const rotation = created.json() as { id: string; overrides: unknown[] };
    expect(rotation.overrides).toHaveLength(1);
    const oncall = (await api('GET', '/api/oncall', duty)).json() as {
      oncall: { rotationId: string; onCall: { id: string }; source: string; next: { id: string } }[];
    };
    expect(oncall.oncall.find((r) => r.rotationId === rotation.id)).toMatchObject({
      onCall: { id: b.id },
      source: 'override',
      next: { id: a.id },
    });
    const dup = await api('POST', '/api/rotations', admin, {
      name: 'county coordinators',
      startsAt: now.toISOString(),
      memberIds: [],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: { code: 'NAME_TAKEN' } });
    const badUser = await api('PUT', `/api/rotations/${rotation.id}`, admin, {
      name: 'county coordinators',
      startsAt: now.toISOString(),
      memberIds: ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
    });
    expect(badUser.statusCode).toBe(400);
    const badOverride = await api('PUT', `/api/rotations/${rotation.id}`, admin, {
      name: 'county coordinators',
      startsAt: now.toISOString(),
      memberIds: [a.id],
      overrides: [{ userId: a.id, from: now.toISOString(), to: now.toISOString() }],
    });
    expect(badOverride.statusCode).toBe(400);
    const renamed = await api('PUT', `/api/rotations/${rotation.id}`, admin, {
      name: 'county coordinators',
      period: 'weekly',
      startsAt: now.toISOString(),
      memberIds: [a.id],
    });
    expect(renamed.json()).toMatchObject({ period: 'weekly', memberIds: [a.id], overrides: [] });

    const policy = await api('POST', '/api/escalation-policies', admin, {
      name: 'coast',
      steps: [
        { target: { kind: 'rotation', rotationId: rotation.id }, waitMinutes: 5 },
        { target: { kind: 'role', role: 'leadership' } },
      ],
      repeat: 1,
    });
    expect(policy.statusCode).toBe(201);
    expect(policy.json()).toMatchObject({ name: 'coast', repeat: 1, steps: [{}, { waitMinutes: 5 }] });
    const unknownRotation = await api('POST', '/api/escalation-policies', admin, {
      name: 'nowhere',
      steps: [
        { target: { kind: 'rotation', rotationId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }, waitMinutes: 5 },
      ],
    });
    expect(unknownRotation.statusCode).toBe(400);
    expect(unknownRotation.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'steps.0.target.rotationId' }] },
    });
    const noSteps = await api('POST', '/api/escalation-policies', admin, { name: 'empty', steps: [] });
    expect(noSteps.statusCode).toBe(400);
    const { user: swAdmin, password } = await createUser(app, ['admin'], { locale: 'sw' });
    const swSession = await signIn(app, { email: swAdmin.email, password });
    const sw = await api('POST', '/api/escalation-policies', swSession, {
      name: 'coast',
      steps: [{ target: { kind: 'role', role: 'approver' } }],
    });
    expect(sw.json()).toMatchObject({
      error: { code: 'NAME_TAKEN', message: 'Jina hili tayari linatumika. Chagua jingine.' },
    });
    // Only administrators change policies; only the duty line acts on alerts.
    expect((await api('GET', '/api/escalation-policies', duty)).statusCode).toBe(403);
    expect(
      (await api('POST', `/api/alerts/${'0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'}/acknowledge`, analyst))
        .statusCode,
    ).toBe(403);
  });
});
