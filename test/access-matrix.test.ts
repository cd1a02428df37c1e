import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, rolesAllow, type Role } from '../src/shared/permissions.js';
import { buildTestApp, loginAs, type Session, type TestApp } from './helpers.js';
import { declaredRoutes } from './access-matrix.js';

const UUID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** Fill path parameters with well-formed values so requests reach the permission check and beyond. */
function concrete(url: string): string {
  return url
    .replace(/:action\b/, 'acknowledge')
    .replace(/:id\b/g, '0123456789abcdef')
    .replace(/:[a-zA-Z]+Id\b/g, UUID);
}

describe('access matrix: every route × every role', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  beforeAll(async () => {
    t = await buildTestApp();
    for (const role of roles) sessions.set(role, await loginAs(t.app, role));
  });
  afterAll(() => t.close());

  const registered = () =>
    t.app.routeTable
      .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))
      .map((r) => ({ key: `${r.method} ${r.url}`, ...r }));

  it('registers exactly the declared routes with the declared permissions', () => {
    const actual: Record<string, string> = Object.fromEntries(registered().map((r) => [r.key, r.permission]));
    // The console is served by a static catch-all once built (`GET /*`), by a plain `GET /` before.
    const staticRoute = actual['GET /*'] ?? actual['GET /'];
    expect(staticRoute).toBe('public');
    delete actual['GET /*'];
    delete actual['GET /'];
    const { ['GET /*']: declaredStatic, ...declared } = declaredRoutes;
    expect(declaredStatic).toBe('public');
    expect(actual).toEqual(declared);
  });

  it('lets each role through exactly where its permissions allow, and anonymous callers only to public routes', async () => {
    const checked: string[] = [];
    for (const r of registered()) {
      if (r.url === '/*') continue;
      // Ids are placeholders; the :id of session routes is a 16-hex id, of the rest a UUID.
      const url =
        r.url.includes('/sessions/') || r.url.includes('/webauthn/')
          ? concrete(r.url)
          : concrete(r.url).replace('0123456789abcdef', UUID);
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const anon = await t.app.inject({ method: r.method as 'GET', url, ...(payload ? { payload } : {}) });
      if (r.permission === 'public') expect(anon.statusCode, `${r.key} anonymous`).not.toBe(401);
      else expect(anon.statusCode, `${r.key} anonymous`).toBe(401);
      for (const role of roles) {
        if (r.url === '/api/auth/logout') continue; // would end the session this loop reuses
        const s = sessions.get(role)!;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          headers: s.headers,
          ...(payload ? { payload } : {}),
        });
        const allowed = rolesAllow([role], r.permission);
        if (allowed) expect(res.statusCode, `${r.key} as ${role}`).not.toBe(403);
        else expect(res.statusCode, `${r.key} as ${role}`).toBe(403);
        expect(res.statusCode, `${r.key} as ${role}`).toBeLessThan(500);
        checked.push(`${r.key} ${role}`);
      }
    }
    expect(checked.length).toBeGreaterThan(400);
  }, 120_000);

  it('hides a restricted case from a non-member on every case route (404, not 403)', async () => {
    const lead = sessions.get('duty_officer')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: lead.headers,
      payload: {
        channel: 'hotline',
        narrative: 'restricted: witness against an officer',
        sensitivity: 'restricted',
        reporter: { anonymous: true, locale: 'en' },
      },
    });
    const { id } = created.json() as { id: string };
    const outsider = await loginAs(t.app, ['duty_officer', 'approver', 'legal', 'leadership']);
    for (const key of Object.keys(declaredRoutes).filter((k) => k.includes('/api/cases/:id'))) {
      const [method, pattern] = key.split(' ') as [string, string];
      const url = pattern
        .replace(':id', id)
        .replace(/:action\b/, 'acknowledge')
        .replace(/:[a-zA-Z]+Id\b/g, UUID);
      const payload = method === 'GET' ? undefined : { reason: 'x', userId: outsider.userId };
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: outsider.headers,
        ...(payload ? { payload } : {}),
      });
      expect([400, 404], `${key} as non-member`).toContain(res.statusCode);
      if (res.statusCode === 400) {
        // Validation can refuse a placeholder body before the case is looked up; existence still does not leak.
        expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      }
    }
    expect((await t.app.inject({ url: `/api/cases/${id}`, headers: lead.headers })).statusCode).toBe(200);
  });
});

/**
 * Field level: for each role and sensitivity, what of a case, a person and an alert comes back — not
 * only "not 403". Every user here is outside the cases' teams except the dispatched responder.
 *
 * case:   forbidden (403) · full (case page with narrative, place, timeline, people) · line (a redacted
 *         queue line: no ward, types or lead; the case page is a 404) · none (not in the queue, 404) ·
 *         mission (the victim, the place and the mission fields, nothing more)
 * person: 403 (may not reveal) · 404 (that person does not exist for the caller) · name (revealed)
 * alert:  403 · ref+county · ref (paged, not on the team) · hidden (reason and priority, nothing that
 *         points at the case)
 */
type CaseOutcome = 'forbidden' | 'full' | 'line' | 'none' | 'mission';
type PersonOutcome = 403 | 404 | 'name';
type AlertOutcome = 403 | 'ref+county' | 'ref' | 'hidden';
type Outcome = [caseView: CaseOutcome, victim: PersonOutcome, reporter: PersonOutcome, alert: AlertOutcome];
type Level = 'normal' | 'sensitive' | 'restricted';
type Who = Role | 'dispatched_responder';

const F: Outcome = ['forbidden', 403, 403, 'hidden'];
const expected: Record<Who, Record<Level, Outcome>> = {
  admin: { normal: F, sensitive: F, restricted: F },
  dpo: { normal: F, sensitive: F, restricted: F },
  analyst: { normal: F, sensitive: F, restricted: F },
  partner: {
    normal: ['forbidden', 403, 403, 403],
    sensitive: ['forbidden', 403, 403, 403],
    restricted: ['forbidden', 403, 403, 403],
  },
  duty_officer: {
    normal: ['full', 'name', 'name', 'ref+county'],
    sensitive: ['line', 404, 404, 'ref+county'],
    restricted: ['none', 404, 404, 'hidden'],
  },
  legal: {
    normal: ['full', 'name', 'name', 'ref+county'],
    sensitive: ['line', 404, 404, 'ref+county'],
    restricted: ['none', 404, 404, 'hidden'],
  },
  research: {
    normal: ['full', 'name', 'name', 'ref+county'],
    sensitive: ['line', 404, 404, 'ref+county'],
    restricted: ['none', 404, 404, 'hidden'],
  },
  // Decide and act on the case without knowing who the people are.
  approver: {
    normal: ['full', 403, 403, 'ref+county'],
    sensitive: ['line', 403, 403, 'ref+county'],
    restricted: ['none', 403, 403, 'hidden'],
  },
  leadership: {
    normal: ['full', 403, 403, 'ref+county'],
    sensitive: ['line', 403, 403, 'ref+county'],
    restricted: ['none', 403, 403, 'hidden'],
  },
  communications: {
    normal: ['full', 403, 403, 'ref+county'],
    sensitive: ['line', 403, 403, 'ref+county'],
    restricted: ['none', 403, 403, 'hidden'],
  },
  finance: {
    normal: ['full', 403, 403, 'ref+county'],
    sensitive: ['line', 403, 403, 'ref+county'],
    restricted: ['none', 403, 403, 'hidden'],
  },
  // Not sent to these cases: they do not exist.
  responder: {
    normal: ['none', 404, 404, 403],
    sensitive: ['none', 404, 404, 403],
    restricted: ['none', 404, 404, 403],
  },
  // Sent to them: the victim, the place and the mission — never the reporter, the narrative or the team.
  dispatched_responder: {
    normal: ['mission', 'name', 404, 403],
    sensitive: ['mission', 'name', 404, 403],
    restricted: ['mission', 'name', 404, 403],
  },
};

const missionFields = [
  'access',
  'county',
  'id',
  'inDangerNow',
  'people',
  'place',
  'reference',
  'sensitivity',
  'status',
  'subCounty',
  'ward',
];

describe('access matrix: field-level results per role and sensitivity', () => {
  let t: TestApp;
  const who = new Map<Who, Session>();
  const levels: Level[] = ['normal', 'sensitive', 'restricted'];
  const cases = new Map<
    Level,
    { id: string; reference: string; victimId: string; reporterId: string; alertId: string }
  >();
  let lead: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    for (const role of roles) who.set(role, await loginAs(t.app, role));
    const dispatched = await loginAs(t.app, 'responder');
    who.set('dispatched_responder', dispatched);
    lead = await loginAs(t.app, 'duty_officer');
    for (const sensitivity of levels) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: lead.headers,
        payload: {
          channel: 'hotline',
          narrative: `NARRATIVE-${sensitivity}: taken from the stage by plain-clothes officers`,
          violationTypes: ['arbitrary_detention'],
          county: 'Nairobi',
          ward: 'Kware',
          place: `PLACE-${sensitivity}`,
          inDangerNow: true,
          sensitivity,
          reporter: { anonymous: false, name: `Reporter ${sensitivity}`, phone: '0722000201', locale: 'en' },
          victim: { name: `Victim ${sensitivity}`, phone: '0722000202' },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { id, reference } = res.json() as { id: string; reference: string };
      const detail = (await t.app.inject({ url: `/api/cases/${id}`, headers: lead.headers })).json() as {
        people: { id: string; role: string }[];
      };
      await t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/members`,
        headers: lead.headers,
        payload: { userId: dispatched.userId },
      });
      // The lead takes it: the case now has a lead a redacted line hides.
      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/transitions/acknowledge`,
        headers: lead.headers,
        payload: {},
      });
      expect(ack.statusCode, ack.body).toBe(200);
      const alert = await t.database.query<{ id: string }>('select id from alerts where case_id = $1', [id]);
      cases.set(sensitivity, {
        id,
        reference,
        victimId: detail.people.find((p) => p.role === 'victim')!.id,
        reporterId: detail.people.find((p) => p.role === 'reporter')!.id,
        alertId: alert.rows[0]!.id,
      });
    }
  });
  afterAll(() => t.close());

  async function caseOutcome(s: Session, level: Level): Promise<CaseOutcome> {
    const c = cases.get(level)!;
    const detail = await t.app.inject({ url: `/api/cases/${c.id}`, headers: s.headers });
    const queue = await t.app.inject({ url: '/api/cases?limit=500', headers: s.headers });
    if (detail.statusCode === 403) {
      expect(queue.statusCode).toBe(403);
      return 'forbidden';
    }
    const line = (queue.json() as { cases: Record<string, unknown>[] }).cases.find((l) => l.id === c.id);
    if (detail.statusCode === 200) {
      const body = detail.json() as Record<string, unknown> & { people: { role: string; name: string }[] };
      if (body.access === 'mission') {
        expect(Object.keys(body).sort()).toEqual(missionFields);
        expect(body.place).toBe(`PLACE-${level}`);
        expect(body.people.map((p) => p.role)).toEqual(['victim']);
        expect(JSON.stringify(body)).not.toContain('NARRATIVE');
        return 'mission';
      }
      expect(body.narrative).toBe(`NARRATIVE-${level}: taken from the stage by plain-clothes officers`);
      expect(body.place).toBe(`PLACE-${level}`);
      expect(body.ward).toBe('Kware');
      expect((body.timeline as unknown[]).length).toBeGreaterThan(0);
      expect(body.people.map((p) => p.role).sort()).toEqual(['reporter', 'victim']);
      // Identities stay masked on the case page, whoever reads it.
      expect(body.people.every((p) => p.name === '•••')).toBe(true);
      expect(line).toMatchObject({ redacted: false, ward: 'Kware', violationTypes: ['arbitrary_detention'] });
      return 'full';
    }
    expect(detail.statusCode).toBe(404);
    if (!line) return 'none';
    expect(line).toMatchObject({ redacted: true, ward: null, violationTypes: [], leadUserId: null });
    expect(line.county).toBe('Nairobi');
    return 'line';
  }

  async function personOutcome(
    s: Session,
    level: Level,
    role: 'victim' | 'reporter',
  ): Promise<PersonOutcome> {
    const c = cases.get(level)!;
    const personId = role === 'victim' ? c.victimId : c.reporterId;
    const res = await t.app.inject({ url: `/api/cases/${c.id}/people/${personId}`, headers: s.headers });
    if (res.statusCode === 403 || res.statusCode === 404) return res.statusCode;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: personId,
      role,
      name: `${role === 'victim' ? 'Victim' : 'Reporter'} ${level}`,
      phone: role === 'victim' ? '+254722000202' : '+254722000201',
    });
    return 'name';
  }

  async function alertOutcome(s: Session, level: Level): Promise<AlertOutcome> {
    const c = cases.get(level)!;
    const res = await t.app.inject({ url: `/api/alerts/${c.alertId}`, headers: s.headers });
    if (res.statusCode === 403) return 403;
    expect(res.statusCode).toBe(200);
    const a = res.json() as { caseId: string | null; caseReference: string | null; county: string | null };
    const list = (
      await t.app.inject({ url: '/api/alerts?status=all&limit=500', headers: s.headers })
    ).json() as {
      alerts: (typeof a)[] & { id: string }[];
    };
    // The list says exactly what the detail says.
    expect(list.alerts.find((x) => (x as unknown as { id: string }).id === c.alertId)).toMatchObject(a);
    if (a.caseReference === null) {
      expect(a).toMatchObject({ caseId: null, county: null });
      return 'hidden';
    }
    expect(a.caseReference).toBe(c.reference);
    expect(a.caseId).toBe(c.id);
    return a.county === 'Nairobi' ? 'ref+county' : 'ref';
  }

  for (const [name, row] of Object.entries(expected) as [Who, Record<Level, Outcome>][]) {
    it(`${name}: case, victim, reporter and alert fields per sensitivity`, async () => {
      const s = who.get(name)!;
      for (const level of levels) {
        const actual: Outcome = [
          await caseOutcome(s, level),
          await personOutcome(s, level, 'victim'),
          await personOutcome(s, level, 'reporter'),
          await alertOutcome(s, level),
        ];
        expect(actual, `${name} × ${level}`).toEqual(row[level]);
      }
    });
  }

  it('covers every role', () => {
    expect(Object.keys(expected).sort()).toEqual([...roles, 'dispatched_responder'].sort());
  });

  it('gives the dispatched responder nothing beyond the mission on the response routes', async () => {
    const s = who.get('dispatched_responder')!;
    const c = cases.get('normal')!;
    for (const path of ['actions', 'arrests', 'feedback', 'consents', 'response-summary']) {
      const res = await t.app.inject({ url: `/api/cases/${c.id}/${path}`, headers: s.headers });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('filters the queue on hidden fields only among lines the caller sees in full', async () => {
    const s = who.get('duty_officer')!;
    const ids = async (query: string) =>
      (
        (await t.app.inject({ url: `/api/cases?limit=500&${query}`, headers: s.headers })).json() as {
          cases: { id: string }[];
        }
      ).cases.map((l) => l.id);
    const sensitive = cases.get('sensitive')!.id;
    const normal = cases.get('normal')!.id;
    // The redacted line is in the unfiltered queue…
    expect(await ids('')).toContain(sensitive);
    // …but a filter on its hidden violation type or lead does not confirm them.
    expect(await ids('violationType=arbitrary_detention')).toEqual(expect.arrayContaining([normal]));
    expect(await ids('violationType=arbitrary_detention')).not.toContain(sensitive);
    expect(await ids(`assignee=${lead.userId}`)).toContain(normal);
    expect(await ids(`assignee=${lead.userId}`)).not.toContain(sensitive);
    // Filters on what a redacted line shows (county, priority, status) still find it.
    expect(await ids('county=Nairobi')).toContain(sensitive);
    // Nor do likely duplicates: same ward, same day, similar words — but only among cases read in full.
    const dups = (
      (await t.app.inject({ url: `/api/cases/${normal}/duplicates`, headers: s.headers })).json() as {
        duplicates: { id: string }[];
      }
    ).duplicates.map((d) => d.id);
    expect(dups).not.toContain(sensitive);
    expect(dups).not.toContain(cases.get('restricted')!.id);
  });
});
