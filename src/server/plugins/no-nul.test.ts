import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from './error-handler.js';
import { findNul, refuseNul } from './no-nul.js';

describe('findNul', () => {
  it('finds U+0000 in strings, nested values and keys, and nothing elsewhere', () => {
    expect(findNul('a\u0000b')).toBe('');
    expect(findNul({ id: 'ATXid_1', text: 'hello' })).toBeNull();
    expect(findNul({ a: { b: ['x', 'y\u0000'] } })).toBe('a.b.1');
    expect(findNul({ ['k\u0000']: 'v' })).toBe('k\u0000');
    expect(findNul([1, true, null, undefined, 'ok'])).toBeNull();
    expect(findNul(Buffer.from([0, 0]))).toBeNull();
  });

  it('walks deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(findNul(deep)).not.toBeNull();
  });
});

describe('refuseNul', () => {
  it('answers 400 for a NUL in a form body or the query string, before any handler runs', async () => {
    const app = Fastify();
    registerErrorHandler(app, 'en');
    await app.register(formbody);
    app.addHook('preValidation', refuseNul);
    let handled = 0;
    app.post('/api/channels/at/sms/:secret', async () => {
      handled += 1;
      return 'ok';
    });
    const post = (payload: string, url = '/api/channels/at/sms/s') =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });

    const nul = await post('from=%2B254712345678&id=%00&text=hi');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('VALIDATION_FAILED');
    expect(nul.json().error.fields[0].path).toBe('id');
    expect((await post('id=x', '/api/channels/at/sms/s?lang=%00')).statusCode).toBe(400);
    expect(handled).toBe(0);
    expect((await post('from=%2B254712345678&id=ATXid_1&text=hi')).statusCode).toBe(200);
    expect(handled).toBe(1);
    await app.close();
  });
});
