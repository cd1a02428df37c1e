import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { permissions, rolesAllow, type Permission } from '../../shared/permissions.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../lib/crypto.js';
import { REAUTH_WINDOW_MINUTES, type Authenticated, type SessionResolver } from '../security/session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: the capability a caller needs. */
    permission?: Permission;
    /**
     * Sensitive routes (user and role changes, exports, key operations): the session must have
     * re-entered password + second factor recently (`true` = REAUTH_WINDOW_MINUTES, or a number of minutes).
     */
    reauth?: boolean | number;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/**
 * Routes added by third-party plugins (static files, API docs) cannot carry our config, so they are
 * declared here, in one place, by URL prefix.
 */
const pluginRoutePermissions: { prefix: string; permission: Permission }[] = [
  { prefix: '/api/docs', permission: 'public' },
  { prefix: '/assets/', permission: 'public' },
];
/** The SPA's static catch-all served by @fastify/static. */
const staticCatchAll = new Set(['/*', '/']);

export class RouteWithoutPermissionError extends Error {
  override name = 'RouteWithoutPermissionError';
}

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this host and path '/', but browsers only accept it with Secure.
  return secure ? '__Host-dharura_sid' : 'dharura_sid';
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Throw REAUTH_REQUIRED unless the signed-in user re-authenticated (POST /api/auth/reauth) within the
 * last `minutes`. Routes normally ask for this with `config: { reauth: true }`; handlers that decide
 * case by case (e.g. only for some exports) call it directly.
 */
export function requireRecentAuth(request: FastifyRequest, minutes: number = REAUTH_WINDOW_MINUTES): void {
  const auth = request.auth;
  if (!auth) throw new AppError('AUTH_REQUIRED');
  const at = auth.reauthenticatedAt;
  if (!at || auth.resolvedAt.getTime() - at.getTime() > minutes * 60_000)
    throw new AppError('REAUTH_REQUIRED');
}

export interface AuthPluginOptions {
  auth: SessionResolver;
  cookieSecure: boolean;
}

/** Registered routes and the permission each declared — the access-matrix test enumerates this. */
export interface RouteRecord {
  method: string;
  url: string;
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteRecord[];
  }
}

export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, opts) => {
    const cookieName = sessionCookieName(opts.cookieSecure);
    app.decorate('routeTable', [] as RouteRecord[]);
    app.decorateRequest('auth', null);

    app.addHook('onRoute', (route: RouteOptions) => {
      let permission = route.config?.permission;
      if (!permission) {
        const declared = pluginRoutePermissions.find((p) => route.url.startsWith(p.prefix));
        if (declared) permission = declared.permission;
        else if (
          staticCatchAll.has(route.url) &&
          [route.method].flat().every((m) => m === 'GET' || m === 'HEAD')
        ) {
          permission = 'public';
        }
      }
      if (!permission || !(permissions as readonly string[]).includes(permission)) {
        throw new RouteWithoutPermissionError(
          `route ${String(route.method)} ${route.url} does not declare a permission (config.permission)`,
        );
      }
      route.config = { ...(route.config ?? {}), permission };
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) app.routeTable.push({ method, url: route.url, permission });
    });

    // Runs before the body is even validated: an unauthorised caller learns nothing about the schema.
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const token = request.cookies[cookieName];
      if (token) request.auth = await opts.auth.resolve(token);
      const permission = request.routeOptions.config.permission;
      // Not-found and other framework routes have no options; they never reach a handler with data.
      if (!permission) {
        if (request.routeOptions.url === undefined) return;
        throw new AppError('FORBIDDEN');
      }
      if (permission === 'public') return;
      if (!request.auth) throw new AppError('AUTH_REQUIRED');
      if (stateChanging.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !safeEqual(header, request.auth.csrfToken)) {
          throw new AppError('CSRF_FAILED');
        }
      }
      if (!rolesAllow(request.auth.user.roles, permission)) throw new AppError('FORBIDDEN');
      const reauth = request.routeOptions.config.reauth;
      if (reauth) requireRecentAuth(request, reauth === true ? REAUTH_WINDOW_MINUTES : reauth);
    });
  },
  { name: 'dharura-auth' },
);
