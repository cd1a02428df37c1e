import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import {
  createTestDatabase,
  createUser,
  loginAs,
  testConfig,
  type SignedIn,
  type TestDatabase,
} from '../../../../test/helpers.js';
import { buildApp } from '../../app.js';
import type { Notifier, NotifyUserInput } from '../../channels/notifier.js';
import {
  startFakeAfricasTalking,
  type FakeAfricasTalking,
} from '../../channels/testing/fake-africastalking.js';
import type { Clock } from '../../lib/clock.js';
import type { ResponderInput } from '../../../shared/contracts/network.js';

/*
 * Test support for the network's end-to-end tests (network.test.ts, sos.test.ts): the app on a fresh
 * database with the fake SMS gateway and the real queue, a clock the tests move, and small helpers
 * that register responders, open cases, dispatch and send SMS as a phone would.
 */

export const SECRET = 'network-callback-secret';

/** Real time plus an offset the test moves: pg-boss jobs fire at real times, rules read this clock. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export function recordingNotifier() {
  const calls: (NotifyUserInput & { at: number })[] = [];
  const notifier: Notifier = {
    async notifyUser(input) {
      calls.push({ ...input, at: Date.now() });
      return { messageIds: [] };
    },
  };
  return { notifier, calls };
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
export const mukuru = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' };
export const kayole = { county: 'Nairobi', subCounty: 'Embakasi Central', ward: 'Kayole North' };

/** One app for one test file: `setUp()` in beforeAll, `tearDown()` in afterAll, `restart()` as a crash would. */
export function networkHarness() {
  let db: TestDatabase;
  let at: FakeAfricasTalking;
  let app: FastifyInstance;
  const clock = new OffsetClock();
  const rec = recordingNotifier();
  let duty: SignedIn;
  let leaderId: string;
  let approverId: string;
  let seq = 0;

  const config = () =>
    testConfig({
      ...(db.url ? { DATABASE_URL: db.url } : {}),
      SMS_ADAPTER: 'africastalking',
      AT_USERNAME: 'dharura-test',
      AT_API_KEY: 'test-at-key',
      AT_SENDER_ID: 'DHARURA',
      AT_BASE_URL: at.url,
      AT_CALLBACK_SECRET: SECRET,
      AT_TIMEOUT_MS: '1500',
    });
  const start = async () => {
    app = await buildApp({
      config: config(),
      database: db.database,
      clock,
      startJobs: true,
      notifier: rec.notifier,
    });
    await app.ready();
  };

  const sms = (from: string, text: string) =>
    app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        from,
        to: '22384',
        text,
        date: '2026-03-01 10:00:00',
        id: `ATXnet_${++seq}`,
      }).toString(),
    });
  const smsTo = (phone: string) => at.requests.filter((r) => r.form.to === phone).map((r) => r.form.message!);
  const lastSmsTo = (phone: string, n = 1) =>
    until(`SMS #${n} to ${phone}`, async () => smsTo(phone).length >= n && smsTo(phone)[n - 1]);
  let phoneSeq = 0;
  const responder = async (over: Partial<ResponderInput> = {}) => {
    const phone = `+25471${String(++phoneSeq).padStart(7, '0')}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/network/responders',
      headers: duty.headers,
      payload: {
        name: `Responder ${phoneSeq}`,
        phone,
        locale: 'en',
        areas: [kware],
        skills: ['escort'],
        ...over,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json<{ id: string }>().id, phone };
  };
  const openCase = (place = kware, violationTypes: string[] = []) =>
    app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: 'A woman threatened with a panga by her husband needs to leave the house tonight',
        inDangerNow: true,
        violationTypes: violationTypes as never,
        ...place,
        reporter: { anonymous: true, locale: 'en' },
        victim: { name: 'CANARY-VICTIM Achieng', phone: '+254722000999' },
      },
      { userId: duty.userId, label: 'user' },
    );
  const dispatch = async (caseId: string, body: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/dispatches`,
      headers: duty.headers,
      payload: body,
    });
    return res;
  };
  const caseEvents = async (caseId: string) =>
    (
      await app.ctx.database.query<{ type: string; data: Record<string, unknown> }>(
        'select type, data from case_events where case_id = $1 order by id',
        [caseId],
      )
    ).rows;
  const alertsOf = async (caseId: string, reason: string) =>
    (
      await app.ctx.database.query<{
        id: string;
        status: string;
        priority: string;
        trigger_count: number;
        created_at: Date;
      }>(
        'select id, status, priority, trigger_count, created_at from alerts where case_id = $1 and reason = $2',
        [caseId, reason],
      )
    ).rows;

  return {
    clock,
    rec,
    get app(): FastifyInstance {
      return app;
    },
    get at(): FakeAfricasTalking {
      return at;
    },
    get duty(): SignedIn {
      return duty;
    },
    get leaderId(): string {
      return leaderId;
    },
    get approverId(): string {
      return approverId;
    },
    async setUp() {
      at = await startFakeAfricasTalking({ apiKey: 'test-at-key' });
      db = await createTestDatabase();
      await start();
      duty = await loginAs(app, 'duty_officer');
      leaderId = (await createUser(app, ['leadership'])).user.id;
      approverId = (await createUser(app, ['approver'])).user.id;
    },
    async tearDown() {
      await app.close();
      await db.drop();
      await at.close();
    },
    async restart() {
      await app.close();
      await start();
    },
    nextSeq: () => ++seq,
    sms,
    smsTo,
    lastSmsTo,
    responder,
    openCase,
    dispatch,
    caseEvents,
    alertsOf,
  };
}
