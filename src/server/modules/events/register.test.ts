import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  type Session,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

const HOUR = 3_600_000;

interface EventPage {
  counts: { cases: number; arrested: number; released: number; producedInCourt: number; heldOverdue: number };
  arrests: {
    id: string;
    caseId: string | null;
    policeStation: string;
    dueAt: string;
    arrestedAt: string;
    overdue: boolean;
  }[];
}

/** The mass-arrest register of an event: detainees fast, each with its own 24-hour clock (DESIGN §2.7). */
describe('mass-arrest register', () => {
  let t: TestApp;
  let duty: SignedIn;
  let analyst: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    analyst = await loginAs(t.app, 'analyst');
  }, 60_000);
  afterAll(() => t.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, s: Session, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  it('records 22 detainees at two stations, each with a 24-hour clock, grouped per station on the event', async () => {
    const ev = await api('POST', '/api/events', duty, {
      title: 'Kayole protest crackdown',
      county: 'Nairobi',
      ward: 'Kayole North',
      violationTypes: ['arbitrary_detention'],
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const event = ev.json() as { id: string };
    const existing = await api('POST', '/api/cases', duty, {
      channel: 'hotline',
      narrative: 'My brother was arrested at the protest and taken to Kayole police station',
      county: 'Nairobi',
      violationTypes: ['arbitrary_detention'],
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const existingId = (existing.json() as { id: string }).id;

    const at = new Date(t.clock.now().getTime() - HOUR);
    const detainees: Record<string, unknown>[] = Array.from({ length: 21 }, (_, i) => ({
      ...(i % 2 ? { name: `Detainee Test ${i}` } : { description: `Young person in a red shirt, ${i}` }),
      policeStation: i < 12 ? 'Kayole Police Station' : 'Central Police Station',
      arrestedAt: new Date(at.getTime() + i * 60_000).toISOString(),
      ...(i % 3 === 0 ? { obNumber: `OB/${i}/2026` } : {}),
    }));
    detainees.push({
      caseId: existingId,
      policeStation: 'Kayole Police Station',
      arrestedAt: at.toISOString(),
    });
    // Analysts may not record arrests.
    expect((await api('POST', `/api/events/${event.id}/detainees`, analyst, { detainees })).statusCode).toBe(
      403,
    );
    const res = await api('POST', `/api/events/${event.id}/detainees`, duty, { detainees });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json() as { results: { ok: boolean; caseId: string; arrestId: string }[] };
    expect(results.filter((r) => r.ok)).toHaveLength(22);
    expect(results[21]!.caseId).toBe(existingId);

    // Each detainee's arrest armed its case's 24-hour clock.
    const clocks = await t.database.query<{ n: number }>(
      `select count(distinct case_id)::int as n from case_clocks where kind = 'arrest_24h' and met_at is null`,
    );
    expect(Number(clocks.rows[0]!.n)).toBe(22);
    // The name is sealed: not in clear anywhere in persons.
    const clear = await t.database.query<{ n: number }>(
      `select count(*)::int as n from persons where name_enc like '%Detainee Test%'`,
    );
    expect(Number(clear.rows[0]!.n)).toBe(0);

    let page = (await api('GET', `/api/events/${event.id}`, duty)).json() as EventPage;
    expect(page.counts).toMatchObject({ cases: 22, arrested: 22, heldOverdue: 0 });
    const stations = new Set(page.arrests.map((a) => a.policeStation));
    expect([...stations].sort()).toEqual(['Central Police Station', 'Kayole Police Station']);
    for (const a of page.arrests) {
      expect(new Date(a.dueAt).getTime() - new Date(a.arrestedAt).getTime()).toBe(24 * HOUR);
    }

    // One is released through the response module; a day later the others are overdue.
    const one = page.arrests[0]!;
    const rel = await api('PATCH', `/api/cases/${one.caseId}/arrests/${one.id}`, duty, {
      releasedAt: t.clock.now().toISOString(),
    });
    expect(rel.statusCode, rel.body).toBe(200);
    // The lawyers did not find another at the station: missing, counted on the event, then found.
    const gone = page.arrests[1]!;
    const miss = await api('PATCH', `/api/cases/${gone.caseId}/arrests/${gone.id}`, duty, {
      missingSince: t.clock.now().toISOString(),
    });
    expect(miss.statusCode, miss.body).toBe(200);
    const withMissing = (await api('GET', `/api/events/${event.id}`, duty)).json() as {
      counts: { missing: number };
    };
    expect(withMissing.counts.missing).toBe(1);
    const found = await api('PATCH', `/api/cases/${gone.caseId}/arrests/${gone.id}`, duty, {
      missingSince: null,
    });
    expect(found.statusCode, found.body).toBe(200);
    t.clock.advance(24 * HOUR);
    duty = await loginAs(t.app, 'duty_officer'); // the earlier session has expired meanwhile
    page = (await api('GET', `/api/events/${event.id}`, duty)).json() as EventPage;
    expect(page.counts).toMatchObject({ arrested: 22, released: 1, heldOverdue: 21 });

    // A detainee with neither name, description nor case is refused; the rest of the batch goes on.
    const mixed = await api('POST', `/api/events/${event.id}/detainees`, duty, {
      detainees: [
        { policeStation: 'Kayole Police Station', arrestedAt: at.toISOString() },
        { name: 'Detainee Test X', policeStation: 'Kayole Police Station', arrestedAt: at.toISOString() },
      ],
    });
    expect((mixed.json() as { results: { ok: boolean; error: string | null }[] }).results).toMatchObject([
      { ok: false, error: 'VALIDATION_FAILED' },
      { ok: true, error: null },
    ]);
  }, 180_000);
});
