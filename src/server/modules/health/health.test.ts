import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, dbKind, type TestApp } from '../../../../test/helpers.js';

describe('health, OpenAPI and errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz with the database kind', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dbKind });
  });

  it('publishes OpenAPI generated from the route schemas and a docs page', async () => {
    const spec = (await t.app.inject('/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/healthz']),
    );
    const docs = await t.app.inject('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sends security headers and a request id on every response', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers unknown API paths with a localised NOT_FOUND body and no internals', async () => {
    const en = await t.app.inject('/api/nothing-here');
    expect(en.statusCode).toBe(404);
    expect(en.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
    const sw = await t.app.inject({
      url: '/api/nothing-here',
      headers: { 'accept-language': 'sw-KE,sw;q=0.9,en;q=0.5' },
    });
    expect(sw.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Haikupatikana.' } });
  });

  it('turns a malformed body into VALIDATION_FAILED with fields, in Kiswahili when asked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'sw' },
      payload: { email: 42 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as {
      error: { code: string; message: string; fields: unknown[]; requestId: string };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/si sahihi/);
    expect(body.error.fields.length).toBeGreaterThan(0);
    expect(body.error.requestId).toBeTruthy();
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses invalid JSON without a 5xx', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
