import type { Locale } from '../../../shared/locale.js';
import { violationTypes, type ViolationType } from '../../../shared/vocabularies.js';
import { markup, SafeHtml } from '../public/html.js';
import { countyMap, type MapShade } from './county-map.js';
import { showPublished, type Published } from './suppression.js';
import { dictionary, tt } from './tracker.copy.js';
import type { TrackerPublication, TrackerTable } from './tracker.service.js';

const css = `body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:.75rem;color:#1a1a1a}
a{color:#0b5cad}h1{font-size:1.35rem}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.2rem .35rem;text-align:right}th[scope=row]{text-align:left}
.scroll{overflow-x:auto}.top{display:flex;justify-content:space-between}.note{color:#444}
.map svg{max-width:100%;height:auto}.map path{stroke:#fff;stroke-width:.5}
.c-none{fill:#eee}.c-small{fill:#fde0c5}.c-hidden{fill:#bbb}.c-low{fill:#f8a46b}.c-mid{fill:#e4572e}.c-high{fill:#8c1c13}
.legend span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .25rem 0 .75rem;border:1px solid #999}
.legend .c-none{background:#eee}.legend .c-small{background:#fde0c5}.legend .c-hidden{background:#bbb}
.legend .c-low{background:#f8a46b}.legend .c-mid{background:#e4572e}.legend .c-high{background:#8c1c13}
form{margin:.5rem 0}select,button{font:inherit;padding:.3rem;max-width:100%}`;

function layout(locale: Locale, title: string, path: string, body: SafeHtml): string {
  const other: Locale = locale === 'sw' ? 'en' : 'sw';
  return markup`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — Dharura</title>
<link rel="alternate" type="text/csv" href="/tracker.csv">
<style>${css}</style>
</head>
<body>
<div class="top"><strong>Dharura</strong><a href="${path}${path.includes('?') ? '&' : '?'}lang=${other}" lang="${other}" hreflang="${other}">${tt('otherLanguage', locale)}</a></div>
${body}
</body>
</html>
`.value;
}

const typeLabel = (code: ViolationType, locale: Locale) =>
  violationTypes.find((v) => v.code === code)![locale];

function shadeOf(p: Published): string {
  if (p.kind === 'small') return 'small';
  if (p.kind === 'hidden') return 'hidden';
  return p.value === 0 ? 'none' : p.value < 10 ? 'low' : p.value < 25 ? 'mid' : 'high';
}

const cell = (p: Published) => markup`<td>${showPublished(p)}</td>`;

function table(pub: TrackerPublication, t: TrackerTable, locale: Locale): SafeHtml {
  return markup`<div class="scroll"><table><caption>${tt('tableCaption', locale)} — ${typeLabel(t.violationType, locale)}</caption>
<thead><tr><th scope="col">${tt('county', locale)}</th>${pub.months.map((m) => markup`<th scope="col">${m}</th>`)}<th scope="col">${tt('total', locale)}</th></tr></thead>
<tbody>${pub.counties.map(
    (c, i) =>
      markup`<tr><th scope="row">${c.name}</th>${t.cells[i]!.map(cell)}${cell(t.countyTotals[i]!)}</tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">${tt('total', locale)}</th>${t.monthTotals.map(cell)}${cell(t.total)}</tr></tfoot></table></div>`;
}

/** The tracker page: a violation picker (a plain GET form), the county map, the table, downloads. */
export function trackerPage(pub: TrackerPublication, type: ViolationType, locale: Locale): string {
  const t = pub.tables.find((x) => x.violationType === type)!;
  const shades = new Map<number, MapShade>(
    pub.counties.map((c, i) => [
      c.code,
      { shade: shadeOf(t.countyTotals[i]!), title: `${c.name}: ${showPublished(t.countyTotals[i]!)}` },
    ]),
  );
  const body = markup`<h1>${tt('title', locale)}</h1>
<p>${tt('intro', locale)} (${pub.months[0]} – ${pub.months[pub.months.length - 1]})</p>
<p class="note">${tt('privacy', locale)}</p>
<form method="get" action="/tracker"><input type="hidden" name="lang" value="${locale}">
<label for="type">${tt('violation', locale)}</label>
<select id="type" name="type">${violationTypes.map(
    (v) =>
      markup`<option value="${v.code}"${new SafeHtml(v.code === type ? ' selected' : '')}>${v[locale]}</option>`,
  )}</select> <button type="submit">${tt('show', locale)}</button></form>
<h2>${typeLabel(type, locale)}</h2>
${
  t.withheld
    ? markup`<p>${tt('withheld', locale)}</p>`
    : markup`${countyMap(shades, `${tt('mapCaption', locale)} — ${typeLabel(type, locale)}`)}
<p class="legend">${tt('legend', locale)}:<span class="c-none"></span>${tt('legendNone', locale)}<span class="c-small"></span>${tt('legendSmall', locale)}<span class="c-hidden"></span>${tt('legendHidden', locale)}<span class="c-low"></span>5–9<span class="c-mid"></span>10–24<span class="c-high"></span>25+</p>
${table(pub, t, locale)}`
}
<h2>${tt('downloads', locale)}</h2>
<ul><li><a href="/tracker.csv">${tt('csv', locale)}</a></li><li><a href="/tracker.json">${tt('json', locale)}</a></li><li><a href="/tracker/dictionary?lang=${locale}">${tt('dictionary', locale)}</a></li></ul>`;
  return layout(locale, tt('title', locale), `/tracker?type=${type}`, body);
}

export function dictionaryPage(locale: Locale): string {
  const body = markup`<h1>${tt('dictionaryTitle', locale)}</h1>
<table><thead><tr><th scope="col">${tt('field', locale)}</th><th scope="col">${tt('meaning', locale)}</th></tr></thead>
<tbody>${dictionary.map((d) => markup`<tr><th scope="row"><code>${d.field}</code></th><td style="text-align:left">${d[locale]}</td></tr>`)}</tbody></table>
<p class="note">${tt('privacy', locale)}</p>
<p><a href="/tracker?lang=${locale}">${tt('back', locale)}</a></p>`;
  return layout(locale, tt('dictionaryTitle', locale), '/tracker/dictionary', body);
}

/** CSV (RFC 4180): one row per type × county × month, plus the county, month and grand totals. */
export function trackerCsv(pub: TrackerPublication): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['violation_type,county_code,county,month,count,withheld'];
  for (const t of pub.tables) {
    const w = String(t.withheld);
    pub.counties.forEach((c, i) => {
      pub.months.forEach((m, j) =>
        lines.push([t.violationType, c.code, q(c.name), m, showPublished(t.cells[i]![j]!), w].join(',')),
      );
      lines.push(
        [t.violationType, c.code, q(c.name), 'total', showPublished(t.countyTotals[i]!), w].join(','),
      );
    });
    pub.months.forEach((m, j) =>
      lines.push([t.violationType, '', 'Total', m, showPublished(t.monthTotals[j]!), w].join(',')),
    );
    lines.push([t.violationType, '', 'Total', 'total', showPublished(t.total), w].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** JSON: the same numbers as the CSV, as strings where suppressed ("<5", "x"). */
export function trackerJson(pub: TrackerPublication) {
  const v = (p: Published) => (p.kind === 'count' ? p.value : showPublished(p));
  return {
    months: pub.months,
    heldBackFrom: pub.heldBackFrom,
    counties: pub.counties,
    dictionary: '/tracker/dictionary',
    tables: pub.tables.map((t) => ({
      violationType: t.violationType,
      withheld: t.withheld,
      cells: t.cells.map((row) => row.map(v)),
      countyTotals: t.countyTotals.map(v),
      monthTotals: t.monthTotals.map(v),
      total: v(t.total),
    })),
  };
}
