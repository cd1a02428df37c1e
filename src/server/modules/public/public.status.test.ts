import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import { expectSelfContained, publicPages, valid } from './public.test-kit.js';

describe('public report form and status check', () => {
  let t: TestApp;
  const { weigh, post, submit, reportSizes } = publicPages(() => t);
  beforeAll(async () => {
    t = await buildTestApp({ config: { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(async () => {
    await t.close();
    reportSizes();
  });

  it('answers a status check with one coarse line, and the same shape for an unknown reference', async () => {
    const form = await t.app.inject({ url: '/status?lang=sw' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('Angalia hali ya ripoti');
    expectSelfContained(form.body);
    weigh('GET /status (sw)', form.body);

    const created = await submit({ ...valid, narrative: 'A secret detail: the safe house is at Plot 7.' });
    const full = /class="ref">(UA-\d{4}-\d{5}-[A-Z2-9]{4})</.exec(created.body)![1]!;
    const reference = full.slice(0, 13);
    const check = (ref: string, lang = 'en') => post({ lang, reference: ref }, '/status');

    const received = await check(full.toLowerCase().replace(/-/g, ' '));
    expect(received.statusCode).toBe(200);
    expect(received.headers['cache-control']).toBe('no-store');
    expect(received.body).toContain('Received — we are looking at it.');
    for (const secret of ['Plot 7', 'Nairobi', 'Juma', 'Kware', 'enforced'])
      expect(received.body).not.toContain(secret);
    expectSelfContained(received.body);
    weigh('POST /status (en)', received.body);

    await t.database.query(`update cases set status = 'active' where reference = $1`, [reference]);
    expect((await check(full, 'sw')).body).toContain('Hatua zinachukuliwa.');
    await t.database.query(`update cases set status = 'declined' where reference = $1`, [reference]);
    expect((await check(full)).body).toContain('Closed.');

    const unknown = await check('UA-1999-99999-K7PX');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('We could not find this reference.');
    const malformed = await check('<b>nope</b>');
    expect(malformed.statusCode).toBe(200);
    expect(malformed.body).toContain('We could not find this reference.');
    expect(malformed.body).not.toContain('<b>nope');
    // Same page apart from the answer line and the echoed reference.
    const notFound =
      'We could not find this reference. Please check it, with the code at its end, and try again.';
    const shape = (body: string, ref: string, answer: string) =>
      body.replace(ref, 'REF').replace(answer, 'ANSWER');
    expect(shape(unknown.body, 'UA-1999-99999-K7PX', notFound)).toBe(
      shape((await check(full)).body, full, 'Closed.'),
    );
  });

  it('needs the secret suffix: a bare or wrong one, or a case without a secret, answers like an unknown reference', async () => {
    const created = await submit({ ...valid, narrative: 'Police took my brother from the market at noon.' });
    const full = /class="ref">(UA-\d{4}-\d{5}-[A-Z2-9]{4})</.exec(created.body)![1]!;
    const reference = full.slice(0, 13);
    expect(created.body).toContain('The last four characters are your private code');
    const check = (ref: string) => post({ lang: 'en', reference: ref }, '/status');
    const notFound = 'We could not find this reference.';
    const answerOf = (body: string) => /<div class="box ok" role="status"><p>([^<]*)</.exec(body)?.[1];
    expect(answerOf((await check(full)).body)).toBe('Received — we are looking at it.');
    const wrongSecret = `${reference}-${full.endsWith('2222') ? '3333' : '2222'}`;
    const bodies = {
      bare: (await check(reference)).body,
      wrong: (await check(wrongSecret)).body,
      unknown: (await check('UA-1999-99999-K7PX')).body,
    };
    for (const [name, body] of Object.entries(bodies)) expect(answerOf(body), name).toContain(notFound);
    expect(bodies.bare.replace(reference, 'REF')).toBe(bodies.unknown.replace('UA-1999-99999-K7PX', 'REF'));
    expect(bodies.wrong.replace(wrongSecret, 'REF')).toBe(
      bodies.unknown.replace('UA-1999-99999-K7PX', 'REF'),
    );
    // The secret is stored only as a blind index, never in clear.
    const row = (
      await t.database.query<{ status_check: string | null }>(
        'select status_check from cases where reference = $1',
        [reference],
      )
    ).rows[0]!;
    expect(row.status_check).toMatch(/^[0-9a-f]{64}$|^[A-Za-z0-9_-]{20,}$/);
    expect(row.status_check).not.toContain(full.slice(14));
    // A case made before secrets existed is simply not findable publicly.
    await t.database.query('update cases set status_check = null where reference = $1', [reference]);
    expect(answerOf((await check(full)).body)).toContain(notFound);
  });

  it('serves the status check in Kiswahili at /hali, linked from the Kiswahili pages', async () => {
    const page = await t.app.inject({ url: '/hali' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-language']).toBe('sw');
    expect(page.body).toContain('Angalia hali ya ripoti');
    expect(page.body).toContain('action="/hali"');
    const answer = await t.app.inject({
      method: 'POST',
      url: '/hali',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'reference=UA-2026-99999-ABCD',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-language']).toBe('sw');
    expect((await t.app.inject({ url: '/ripoti' })).body).toContain('href="/hali"');
  });
});
