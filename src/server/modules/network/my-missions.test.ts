import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../../test/helpers.js';
import type { MyMissionView } from '../../../shared/contracts/network.js';
import { kware, networkHarness } from './network.test-kit.js';

// Issue #19: "My missions" in the console: a responder sees their own active missions, nobody else's.
describe('GET /api/me/missions', () => {
  const h = networkHarness();
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  const mine = async (headers: Record<string, string>) => {
    const res = await h.app.inject({ method: 'GET', url: '/api/me/missions', headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ missions: MyMissionView[] }>().missions;
  };

  it('lists only the signed-in responder’s own active missions, with the place and next check-in', async () => {
    const alice = await loginAs(h.app, 'responder');
    const bob = await loginAs(h.app, 'responder');
    const a = await h.responder({ areas: [kware], userId: alice.userId });
    await h.responder({ areas: [kware], userId: bob.userId });
    const c = await h.openCase(kware);
    const res = await h.dispatch(c.id, { missionType: 'escort', responderIds: [a.id], checkInMinutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    const { number } = res.json<{ number: number }>();
    await h.lastSmsTo(a.phone);
    await h.sms(a.phone, `YES ${number}`);
    await h.lastSmsTo(a.phone, 2);

    const missions = await mine(alice.headers);
    expect(missions).toHaveLength(1);
    const [m] = missions;
    expect(m!.caseId).toBe(c.id);
    expect(m!.responderId).toBe(a.id);
    expect(m!.status).toBe('active');
    expect(m!.place).toEqual({ county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' });
    const due = Date.parse(m!.nextCheckInDue!) - Date.now();
    expect(due).toBeGreaterThan(25 * 60_000);
    expect(due).toBeLessThanOrEqual(30 * 60_000 + h.clock.offsetMs + 5_000);

    // Another responder sees none of it; a console user who is not a responder sees an empty list.
    expect(await mine(bob.headers)).toEqual([]);
    expect(await mine(h.duty.headers)).toEqual([]);

    // Checking in from the list moves the countdown; ending the mission takes it off the list.
    const done = await h.app.inject({
      method: 'POST',
      url: `/api/missions/${m!.id}/check-in`,
      headers: alice.headers,
      payload: { done: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await mine(alice.headers)).toEqual([]);
  });

  it('is refused without a session', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/me/missions' });
    expect(res.statusCode).toBe(401);
  });
});
