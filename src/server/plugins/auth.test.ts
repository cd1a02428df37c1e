import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
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
});
