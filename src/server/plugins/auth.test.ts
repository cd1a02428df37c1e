import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { roles, rolesAllow, type Role } from '../../shared/permissions.js';
import { buildTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.js';
import { authPlugin } from './auth.js';
import type { AuthService } from '../modules/auth/auth.service.js';

describe('deny by default', () => {
  it('refuses to register a route that declares no permission', async () => {
    const app = Fastify();
    await app.register(cookie);
    await app.register(authPlugin, {
      auth: { resolve: async () => null } as unknown as AuthService,
      cookieSecure: false,
    });
    const registering = (async () => {
      await app.register(async (child) => {
        child.get('/api/oops', async () => 'x');
      });
      await app.ready();
    })();
    await expect(registering).rejects.toThrow(/does not declare a permission/);
  });

  describe('every registered route × every role', () => {
    let t: TestApp;
    const sessions = new Map<Role, Session>();
    beforeAll(async () => {
      t = await buildTestApp();
      for (const role of roles) sessions.set(role, await loginAs(t.app, role));
    });
    afterAll(() => t.close());

    it('has a permission on every route and enforces it for anonymous callers and each role', async () => {
      const table = t.app.routeTable.filter(
        (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'),
      );
      expect(table.length).toBeGreaterThan(5);
      for (const route of table) {
        if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
        const url = route.url.replace(/:id\b/g, '0123456789abcdef');
        const anon = await t.app.inject({
          method: route.method as 'GET',
          url,
          payload: route.method === 'GET' ? undefined : {},
        });
        if (route.permission === 'public') expect(anon.statusCode, `${route.method} ${url}`).not.toBe(401);
        else expect(anon.statusCode, `${route.method} ${url} anonymous`).toBe(401);
        for (const role of roles) {
          if (route.url === '/api/auth/logout') continue; // would end the session the loop reuses
          const s = sessions.get(role)!;
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: s.headers,
            payload: route.method === 'GET' ? undefined : {},
          });
          const allowed = rolesAllow([role], route.permission);
          if (allowed) expect(res.statusCode, `${route.method} ${url} as ${role}`).not.toBe(403);
          else expect(res.statusCode, `${route.method} ${url} as ${role}`).toBe(403);
        }
      }
    });
  });
});
