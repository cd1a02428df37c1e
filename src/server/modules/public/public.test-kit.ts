import { expect } from 'vitest';
import type { TestApp } from '../../../../test/helpers.js';
import { QUICK_EXIT_URL } from './pages.js';

/** Shared set-up of the public page tests: a valid form, page checks and a form filled in like a person. */

export const PAGE_BUDGET = 30 * 1024;

export type Form = Record<string, string>;
export const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

export function tokenOf(body: string): string {
  const m = /name="token" value="([^"]+)"/.exec(body);
  if (!m) throw new Error('no form token in page');
  return m[1]!;
}

/** Every absolute URL in a page must be the quick exit; nothing is loaded from elsewhere. */
export function expectSelfContained(body: string) {
  // One script, our own: the quick exit's history replacement.
  expect(body.match(/<script[^>]*>/gi)).toEqual(['<script src="/quick-exit.js" defer>']);
  expect(body).not.toMatch(/<link[^>]+(?:prefetch|preconnect|preload|prerender)/i);
  expect(body).not.toMatch(/<link[^>]+stylesheet/i);
  const urls = body.match(/(?:https?:)?\/\/[^\s"'<>)]+/gi) ?? [];
  expect(urls.map((u) => u.replace(/&amp;/g, '&'))).toEqual([QUICK_EXIT_URL]);
}

export const valid: Form = {
  danger: 'yes',
  narrative: 'Two men were taken from the Kware stage by people in plain clothes at dawn.',
  violation: 'enforced_disappearance',
  county: 'Nairobi',
  ward: '',
  place: 'Behind the Kware matatu stage',
  date: '',
  precision: '',
  name: '',
  phone: '',
  contact: '',
  victim: 'Juma Test',
};

/** The helpers every public page test uses, on the app `app()` returns (built in the test's beforeAll). */
export function publicPages(app: () => TestApp) {
  const sizes = new Map<string, number>();
  const countCases = async () =>
    (await app().database.query<{ n: number }>('select count(*)::int as n from cases')).rows[0]!.n;
  const weigh = (name: string, body: string) => {
    const bytes = Buffer.byteLength(body);
    sizes.set(name, Math.max(bytes, sizes.get(name) ?? 0));
    expect(bytes, name).toBeLessThanOrEqual(PAGE_BUDGET);
  };
  async function freshToken(lang = 'en') {
    const res = await app().app.inject({ url: `/report?lang=${lang}` });
    return tokenOf(res.body);
  }
  const post = (form: Form, url = '/report') =>
    app().app.inject({
      method: 'POST',
      url,
      headers: formHeaders,
      payload: new URLSearchParams(form).toString(),
    });
  /** A form filled in like a person would: the token was issued a while ago. */
  async function submit(form: Form, lang = 'en') {
    const token = await freshToken(lang);
    app().clock.advance(5_000);
    return post({ lang, token, website: '', ...form });
  }
  /** With PUBLIC_PAGE_SIZES set, print the largest size seen of each page (one JSON line per file). */
  const reportSizes = () => {
    if (process.env.PUBLIC_PAGE_SIZES) process.stdout.write(`${JSON.stringify(Object.fromEntries(sizes))}\n`);
  };
  return { countCases, weigh, freshToken, post, submit, reportSizes };
}
