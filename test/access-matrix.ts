import type { Permission } from '../src/shared/permissions.js';

/**
 * The declared access matrix: every route the app registers and the permission it must carry. The
 * access-matrix test fails when the app has a route that is not here, or one here that the app lacks,
 * or one whose permission differs — so adding a route means deciding, here, who may call it.
 * Which roles hold each permission is `grants` in src/shared/permissions.ts.
 */
export const declaredRoutes: Record<string, Permission> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'GET /*': 'public',
  // Public channels: no sign-in; protected by their own tokens, honeypot and rate limits.
  'GET /report': 'public',
  'GET /ripoti': 'public',
  'POST /report': 'public',
  'GET /status': 'public',
  'POST /status': 'public',
  // Sign-in: the second-factor steps are protected by the short-lived challenge token.
  'POST /api/auth/login': 'public',
  'POST /api/auth/mfa/enroll/start': 'public',
  'POST /api/auth/mfa/enroll/confirm': 'public',
  'POST /api/auth/mfa/verify': 'public',
  'POST /api/auth/mfa/webauthn/options': 'public',
  'POST /api/auth/mfa/webauthn/verify': 'public',
  'POST /api/auth/reauth': 'authenticated',
  'POST /api/auth/logout': 'authenticated',
  'GET /api/auth/me': 'authenticated',
  'PATCH /api/me/preferences': 'authenticated',
  'GET /api/me/sessions': 'authenticated',
  'DELETE /api/me/sessions/:id': 'authenticated',
  'GET /api/me/mfa': 'authenticated',
  'POST /api/me/mfa/recovery-codes': 'authenticated',
  'GET /api/me/webauthn': 'authenticated',
  'POST /api/me/webauthn/register/options': 'authenticated',
  'POST /api/me/webauthn/register/verify': 'authenticated',
  'DELETE /api/me/webauthn/:id': 'authenticated',
  'GET /api/vocabularies': 'authenticated',
  // Administration.
  'GET /api/users': 'users:read',
  'POST /api/users': 'users:manage',
  'GET /api/users/:id/sessions': 'users:manage',
  'DELETE /api/users/:id/sessions': 'users:manage',
  'GET /api/settings/sla': 'console:use',
  'PUT /api/settings/sla': 'settings:manage',
  // Cases (the workflow service additionally checks each step's own permission and the team).
  'GET /api/cases': 'cases:read',
  'POST /api/cases': 'cases:create',
  'GET /api/cases/:id': 'cases:read',
  'POST /api/cases/:id/transitions/:action': 'cases:read',
  'GET /api/cases/:id/people/:personId': 'cases:reveal',
  'POST /api/cases/:id/members': 'cases:manage_team',
  // Data protection.
  'POST /api/cases/:id/consents': 'cases:act',
  'GET /api/cases/:id/consents': 'cases:read',
  'POST /api/cases/:id/consents/:consentId/withdraw': 'cases:act',
  'GET /api/persons/:id/export': 'dataprotection:manage',
  'GET /api/breaches': 'breaches:manage',
  'POST /api/breaches': 'breaches:manage',
  'POST /api/breaches/:id/notified': 'breaches:manage',
};
