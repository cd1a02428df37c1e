import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import { escapeHtml, markup } from './html.js';
import { normaliseReference } from './public.routes.js';
import { expectSelfContained, formHeaders, PAGE_BUDGET, valid } from './public.test-kit.js';

describe('public form rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => t.close());

  it('answers a flood with a localised 429 page that keeps the report and saves nothing', async () => {
    const form = new URLSearchParams({
      lang: 'sw',
      token: 'x',
      website: '',
      ...valid,
      danger: '',
    }).toString();
    const send = () => t.app.inject({ method: 'POST', url: '/report', headers: formHeaders, payload: form });
    expect((await send()).statusCode).toBe(400);
    expect((await send()).statusCode).toBe(400);
    const limited = await send();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(limited.headers['cache-control']).toBe('no-store');
    expect(limited.headers['retry-after']).toBeTruthy();
    expect(limited.body).toContain('<html lang="sw">');
    expect(limited.body).toContain('Ripoti yako bado haijatumwa.');
    expect(limited.body).toContain(escapeHtml(valid.narrative!));
    expectSelfContained(limited.body);
    expect(Buffer.byteLength(limited.body)).toBeLessThanOrEqual(PAGE_BUDGET);
    const n = await t.database.query<{ n: number }>('select count(*)::int as n from cases');
    expect(n.rows[0]!.n).toBe(0);
  });

  it('limits the status check too', async () => {
    const check = () =>
      t.app.inject({
        method: 'POST',
        url: '/status',
        headers: formHeaders,
        payload: 'lang=en&reference=UA-2026-00001',
      });
    expect((await check()).statusCode).toBe(200);
    expect((await check()).statusCode).toBe(200);
    const limited = await check();
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many requests.');
    expect(limited.body).toContain('value="UA-2026-00001"');
    expect(limited.body).not.toContain('could not find');
  });
});

describe('public page helpers', () => {
  it('escapes every interpolation unless it is already html', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(markup`<p title="${'"x" & \'y\''}">${inner}${['<', markup`<br>`]}${null}${false}</p>`.value).toBe(
      '<p title="&quot;x&quot; &amp; &#39;y&#39;"><b>&lt;i&gt;</b>&lt;<br></p>',
    );
  });

  it('reads references the way people type them', () => {
    expect(normaliseReference('ua-2026-00123')).toBe('UA-2026-00123');
    expect(normaliseReference(' UA 2026 123 ')).toBe('UA-2026-00123');
    expect(normaliseReference('2026-00123')).toBe('UA-2026-00123');
    expect(normaliseReference('UA-2026')).toBeNull();
    expect(normaliseReference("'; drop table cases; --")).toBeNull();
  });
});
