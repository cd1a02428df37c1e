import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/idempotency.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { kware, responseHelpers } from '../response/response.test-kit.js';

/**
 * The server side of the console's offline outbox (issue #19): a case note replayed with its
 * Idempotency-Key is written once; a stale edit of a versioned resource (an action's notes) is a 409
 * that carries the current version, and neither version is lost; the session's offline-store key.
 */
describe('offline writes', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let legal: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    legal = await loginAs(t.app, 'legal');
  });
  afterAll(() => t.close());

  const { api, intake, activeCase, timeline } = responseHelpers(() => ({ t, duty, approver, legal }));

  it('writes a case note once, however many times the outbox sends it', async () => {
    const c = await intake(kware);
    const key = uuidv7();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/notes`,
        headers: { ...duty.headers, 'idempotency-key': key },
        payload: { note: 'Called the chief of Kware: he will visit at 6 pm (field note)' },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());

    const notes = (await timeline(c.id)).filter((e) => e.type === 'note.added');
    expect(notes).toHaveLength(1);
    expect((notes[0] as unknown as { note: string }).note).toBe(
      'Called the chief of Kware: he will visit at 6 pm (field note)',
    );
    // Sealed at rest: the text is not in the events table in clear.
    const raw = await t.database.query<{ n: number }>(
      `select count(*)::int as n from case_events where case_id = $1 and note_enc like '%chief of Kware%'`,
      [c.id],
    );
    expect(raw.rows[0]!.n).toBe(0);
  });

  it('refuses an empty note and a note on a case the caller cannot see', async () => {
    const c = await intake(kware);
    const empty = await api('POST', `/api/cases/${c.id}/notes`, duty, { note: '   ' });
    expect(empty.statusCode).toBe(400);
    const outsider = await loginAs(t.app, 'finance');
    const hidden = await api('POST', `/api/cases/${c.id}/notes`, outsider, { note: 'not mine' });
    expect(hidden.statusCode).toBe(404);
  });

  it('answers a stale edit with 409 and the current version; neither version is lost', async () => {
    const c = await activeCase();
    const created = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'protection',
      type: 'escort',
      notes: 'Escort planned for 6 pm',
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json() as { id: string; version: number };
    const url = `/api/cases/${c.id}/actions/${action.id}`;

    // Both read version 1; the duty officer saves first.
    const theirs = await api('PATCH', url, duty, {
      expectedVersion: 1,
      notes: 'Escort moved to 7 pm (duty officer)',
    });
    expect(theirs.statusCode, theirs.body).toBe(200);

    // The legal officer's edit, made offline on version 1, arrives later: refused, with the current one.
    const mine = 'Lawyer will join the escort at the station (legal, offline)';
    const stale = await api('PATCH', url, legal, { expectedVersion: 1, notes: mine });
    expect(stale.statusCode).toBe(409);
    const body = stale.json() as { error: { code: string; current: { version: number; notes: string } } };
    expect(body.error.code).toBe('CONFLICT');
    expect(body.error.current).toMatchObject({ version: 2, notes: 'Escort moved to 7 pm (duty officer)' });
    const unchanged = await api('GET', `/api/cases/${c.id}/actions`, duty);
    expect(JSON.stringify(unchanged.json())).toContain('Escort moved to 7 pm (duty officer)');
    expect(JSON.stringify(unchanged.json())).not.toContain(mine);

    // She keeps both (what the console offers) and sends it on the current version: both are there.
    const both = `${body.error.current.notes}\n${mine}`;
    const resolved = await api('PATCH', url, legal, {
      expectedVersion: body.error.current.version,
      notes: both,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ version: 3, notes: both });
  });

  it('gives each session its own offline-store key, the same on every call, and none once signed out', async () => {
    const me = await loginAs(t.app, 'responder');
    const get = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/api/me/offline-key', headers });
    const a = await get(me.headers);
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toBe('no-store');
    const key = (a.json() as { key: string }).key;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The console wipes what it kept after the same idle timeout as the session's.
    expect((a.json() as { idleMinutes: number }).idleMinutes).toBe(t.app.ctx.config.SESSION_IDLE_MINUTES);
    expect(((await get(me.headers)).json() as { key: string }).key).toBe(key);
    expect(((await get(duty.headers)).json() as { key: string }).key).not.toBe(key);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: me.headers });
    expect(out.statusCode).toBe(204);
    expect((await get(me.headers)).statusCode).toBe(401);
  });
});
