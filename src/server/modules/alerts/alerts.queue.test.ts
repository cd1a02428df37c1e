import { describe, expect, it } from 'vitest';
import { createTestDatabase, createUser, loginAs, serverUrl } from '../../../../test/helpers.js';
import type { PolicyInput } from '../../../shared/contracts/alerts.js';
import {
  alertsOfCase,
  intake,
  makeApp,
  notificationRows,
  recordingNotifier,
  setPolicy,
  waitFor,
} from './alerts.test-kit.js';
import { DUTY_POLICY } from './defaults.js';

describe('alerts on the durable queue', () => {
  const quickPolicy = (users: string[], waitMinutes: number, repeat = 0): PolicyInput => ({
    name: DUTY_POLICY,
    steps: users.map((u) => ({ target: { kind: 'users' as const, userIds: [u] }, waitMinutes })),
    repeat,
  });

  it('neither loses nor repeats a step across a restart', async () => {
    const db = await createTestDatabase();
    const rec = recordingNotifier();
    const first = await makeApp({ db, notifier: rec, startJobs: true });
    const u1 = (await createUser(first, ['duty_officer'])).user.id;
    const u2 = (await createUser(first, ['approver'])).user.id;
    const u3 = (await createUser(first, ['leadership'])).user.id;
    await setPolicy(first, quickPolicy([u1, u2, u3], 0.05), u1);
    const c = await intake(first);
    const [row] = await alertsOfCase(first, c.id);
    await waitFor('the first step', async () => rec.to(u1).length === 1, 40_000);
    await first.close();

    // Step 2 comes due while no instance runs; the next one fires it, once, then step 3 on time.
    await new Promise((r) => setTimeout(r, 3500));
    const second = await makeApp({ db, notifier: rec, startJobs: true });
    await waitFor('the third step', async () => rec.to(u3).length === 1, 40_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(rec.calls.filter((x) => x.alertId === row!.id).map((x) => x.userId)).toEqual([u1, u2, u3]);
    expect(await notificationRows(second, row!.id)).toHaveLength(3);
    await second.close();
    await db.drop();
  }, 120_000);

  it.skipIf(!serverUrl)(
    'two instances on one PostgreSQL: every step notifies exactly once',
    async () => {
      const db = await createTestDatabase();
      const recA = recordingNotifier();
      const recB = recordingNotifier();
      const a = await makeApp({ db, notifier: recA, startJobs: true });
      const b = await makeApp({ db, notifier: recB, startJobs: true });
      const users = [
        (await createUser(a, ['duty_officer'])).user.id,
        (await createUser(a, ['approver'])).user.id,
        (await createUser(a, ['leadership'])).user.id,
      ];
      await setPolicy(a, quickPolicy(users, 0.02, 1), users[0]!);
      const cases = [];
      for (let i = 0; i < 6; i += 1) cases.push(await intake(i % 2 ? a : b));
      const expected = cases.length * users.length * 2;
      await waitFor(
        'every step of every alert',
        async () => {
          const r = await db.database.query<{ n: string }>(
            'select count(*)::text as n from alert_notifications',
          );
          return Number(r.rows[0]!.n) >= expected;
        },
        40_000,
      );
      await new Promise((r) => setTimeout(r, 3000));
      const rows = await db.database.query<{ n: string }>(
        'select count(*)::text as n from alert_notifications',
      );
      expect(Number(rows.rows[0]!.n)).toBe(expected);
      const calls = [...recA.calls, ...recB.calls];
      expect(calls).toHaveLength(expected);
      expect(new Set(calls.map((x) => x.idempotencyKey)).size).toBe(expected);
      // Which instance takes which step is up to the queue (steps are fetched in batches, so one
      // instance may take them all); what matters is that each step notified exactly once.
      expect(recA.calls.length + recB.calls.length).toBe(expected);
      await a.close();
      await b.close();
      await db.drop();
    },
    120_000,
  );
});

describe('live alert stream (Server-Sent Events)', () => {
  it('pushes an event for a new alert within 2 s and ends cleanly when the app closes', async () => {
    const db = await createTestDatabase();
    const rec = recordingNotifier();
    const app = await makeApp({ db, notifier: rec });
    const s = await loginAs(app, 'duty_officer');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}/api/alerts/stream`;

    const notStream = await fetch(url, { headers: { cookie: s.cookie } });
    expect(notStream.status).toBe(406);
    expect(await fetch(url, { headers: { accept: 'text/event-stream' } }).then((r) => r.status)).toBe(401);
    // No bearer token configured: there are no metrics to scrape.
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);

    const res = await fetch(url, { headers: { cookie: s.cookie, accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const readUntil = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(buffer)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${pattern} within ${ms} ms; got ${buffer}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), left)),
        ]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error(`stream ended; got ${buffer}`);
        buffer += decoder.decode(chunk.value, { stream: true });
      }
      return pattern.exec(buffer)!;
    };
    await readUntil(/event: ready\n/, 5000);

    const started = Date.now();
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    const m = await readUntil(/event: alert\ndata: (\{[^\n]*"event":"created"[^\n]*\})\n\n/, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    const event = JSON.parse(m[1]!) as { alertId: string; event: string; at: string };
    expect(event).toMatchObject({ alertId: row!.id, event: 'created' });
    expect(Object.keys(event).sort()).toEqual(['alertId', 'at', 'event']);
    expect(buffer).not.toContain(c.reference);

    buffer = '';
    await app.inject({ method: 'POST', url: `/api/alerts/${row!.id}/acknowledge`, headers: s.headers });
    await readUntil(/"event":"acknowledged"/, 2000);

    // Closing the app ends the stream instead of hanging on it.
    const closing = Date.now();
    await app.close();
    expect(Date.now() - closing).toBeLessThan(5000);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
    }
    await db.drop();
  }, 120_000);
});
