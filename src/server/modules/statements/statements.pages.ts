import type { Locale } from '../../../shared/locale.js';
import { escapeHtml, markup, SafeHtml } from '../public/html.js';
import type { StatementRow } from './statements.repo.js';

/**
 * The public side of statements: the list, one statement, a withdrawn statement's tombstone (server
 * rendered, no script, small), and the Atom feed (RFC 4287). Only published/withdrawn rows reach here.
 */
const copy = {
  title: { en: 'Public statements', sw: 'Taarifa kwa umma' },
  otherLanguage: { en: 'Kiswahili', sw: 'English' },
  published: { en: 'Published', sw: 'Imechapishwa' },
  withdrawnOn: { en: 'This statement was withdrawn on', sw: 'Taarifa hii iliondolewa tarehe' },
  withdrawnNote: {
    en: 'Its content has been removed.',
    sw: 'Maudhui yake yameondolewa.',
  },
  none: { en: 'No statements have been published yet.', sw: 'Bado hakuna taarifa zilizochapishwa.' },
  back: { en: 'All statements', sw: 'Taarifa zote' },
  feed: { en: 'Atom feed', sw: 'Mlisho wa Atom' },
  notFound: { en: 'No such statement.', sw: 'Hakuna taarifa kama hiyo.' },
  withdrawn: { en: 'withdrawn', sw: 'imeondolewa' },
} as const;
export type StatementCopyKey = keyof typeof copy;
export const st = (key: StatementCopyKey, locale: Locale): string => copy[key][locale];

const css = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:42rem;padding:.75rem;color:#1a1a1a}
a{color:#0b5cad}h1{font-size:1.35rem}.top{display:flex;justify-content:space-between}.note{color:#444}
ul{padding-left:1.1rem}li{margin:.4rem 0}.tomb{border:1px solid #999;padding:.5rem;background:#f4f4f4}`;

const day = (d: Date | null, locale: Locale) =>
  d
    ? d.toLocaleDateString(locale === 'sw' ? 'sw-KE' : 'en-KE', {
        dateStyle: 'long',
        timeZone: 'Africa/Nairobi',
      })
    : '';
const titleOf = (s: StatementRow, locale: Locale) => (locale === 'sw' ? s.titleSw : s.titleEn);
const bodyOf = (s: StatementRow, locale: Locale) => (locale === 'sw' ? s.bodySw : s.bodyEn);

/** Paragraphs from blank-line separated text; every character escaped. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => markup`<p>${p}</p>`);

function layout(locale: Locale, title: string, path: string, body: SafeHtml): string {
  const other: Locale = locale === 'sw' ? 'en' : 'sw';
  return markup`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — Dharura</title>
<link rel="alternate" type="application/atom+xml" href="/statements.atom" title="${st('feed', locale)}">
<style>${css}</style>
</head>
<body>
<div class="top"><a href="/statements?lang=${locale}">${st('back', locale)}</a><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${st('otherLanguage', locale)}</a></div>
${body}
</body>
</html>
`.value;
}

export function listPage(rows: StatementRow[], locale: Locale): string {
  const items = rows.map(
    (s) =>
      markup`<li><a href="/statements/${s.slug}?lang=${locale}">${titleOf(s, locale)}</a> <span class="note">${day(s.publishedAt, locale)}${s.status === 'withdrawn' ? ` (${st('withdrawn', locale)})` : ''}</span></li>`,
  );
  const body = markup`<h1>${st('title', locale)}</h1>
${rows.length ? markup`<ul>${items}</ul>` : markup`<p>${st('none', locale)}</p>`}
<p><a href="/statements.atom">${st('feed', locale)}</a></p>`;
  return layout(locale, st('title', locale), '/statements', body);
}

export function statementPage(s: StatementRow, locale: Locale): string {
  const path = `/statements/${s.slug}`;
  if (s.status === 'withdrawn') {
    const body = markup`<h1>${titleOf(s, locale)}</h1>
<p class="tomb">${st('withdrawnOn', locale)} <time datetime="${s.withdrawnAt?.toISOString() ?? ''}">${day(s.withdrawnAt, locale)}</time>. ${st('withdrawnNote', locale)}</p>`;
    return layout(locale, titleOf(s, locale), path, body);
  }
  const body = markup`<article><h1>${titleOf(s, locale)}</h1>
<p class="note">${st('published', locale)} <time datetime="${s.publishedAt?.toISOString() ?? ''}">${day(s.publishedAt, locale)}</time></p>
${paragraphs(bodyOf(s, locale))}</article>`;
  return layout(locale, titleOf(s, locale), path, body);
}

export function notFoundPage(locale: Locale): string {
  return layout(locale, st('notFound', locale), '/statements', markup`<p>${st('notFound', locale)}</p>`);
}

/** XML text escaping (element content and attribute values). */
const x = (s: string) => escapeHtml(s).replace(/&#39;/g, '&apos;').replace(/&#96;/g, '`');

/**
 * The Atom feed (RFC 4287): both languages in each entry (English title, Kiswahili in the content after
 * the English); a withdrawn statement stays as an entry without content, its summary saying so.
 */
export function atomFeed(rows: StatementRow[], base: string, now: Date): string {
  const updatedOf = (s: StatementRow) => (s.withdrawnAt ?? s.publishedAt ?? s.updatedAt).toISOString();
  const updated = rows.length ? rows.map(updatedOf).sort().at(-1)! : now.toISOString();
  const entries = rows.map((s) => {
    const link = `${base}/statements/${s.slug}`;
    const content =
      s.status === 'withdrawn'
        ? `<summary type="text">${x(`${st('withdrawnOn', 'en')} ${s.withdrawnAt!.toISOString().slice(0, 10)}. / ${st('withdrawnOn', 'sw')} ${s.withdrawnAt!.toISOString().slice(0, 10)}.`)}</summary>`
        : `<content type="text">${x(`${s.bodyEn}\n\n— Kiswahili —\n\n${s.titleSw}\n\n${s.bodySw}`)}</content>`;
    return `<entry>
<id>urn:uuid:${s.id}</id>
<title type="text">${x(s.titleEn)}</title>
<updated>${updatedOf(s)}</updated>
<published>${s.publishedAt!.toISOString()}</published>
<link rel="alternate" type="text/html" href="${x(link)}"/>
${content}
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${x(`${base}/statements`)}</id>
<title type="text">Dharura — ${x(st('title', 'en'))} / ${x(st('title', 'sw'))}</title>
<updated>${updated}</updated>
<author><name>Dharura</name></author>
<link rel="self" type="application/atom+xml" href="${x(`${base}/statements.atom`)}"/>
<link rel="alternate" type="text/html" href="${x(`${base}/statements`)}"/>
${entries.join('\n')}
</feed>
`;
}
