import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers.js';
import { issueMessage } from '../../shared/validation-messages.js';

/** VALIDATION_FAILED's field messages are in the request's language (issue #14). */
describe('error handler: localised field messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (lang: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': lang },
      payload,
    });

  it('words each field in Kiswahili for Accept-Language: sw, and in English otherwise', async () => {
    const sw = await login('sw', { email: 'ab' });
    expect(sw.statusCode).toBe(400);
    expect(sw.headers['content-language']).toBe('sw');
    expect(sw.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: expect.arrayContaining([
        { path: 'email', message: 'Andika herufi 3 au zaidi.' },
        { path: 'password', message: 'Hili ni lazima.' },
      ]),
    });
    const en = await login('en', { email: 'ab', password: 42 });
    expect(en.json().error.fields).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'Write at least 3 characters.' },
        { path: 'password', message: 'Check this value.' },
      ]),
    );
  });

  it('maps finished issues of every kind', () => {
    expect(issueMessage({ code: 'too_big', origin: 'string', maximum: 5 }, 'sw')).toBe(
      'Andika herufi zisizozidi 5.',
    );
    expect(issueMessage({ code: 'invalid_format', format: 'email' }, 'en')).toContain('name@example.org');
    expect(issueMessage({ code: 'too_small', origin: 'array', minimum: 2 }, 'sw')).toBe('Chagua angalau 2.');
    expect(issueMessage({ code: 'custom' }, 'sw')).toBe('Kagua thamani hii.');
  });
});
