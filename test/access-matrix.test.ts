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
  });

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
