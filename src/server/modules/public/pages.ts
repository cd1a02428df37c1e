import type { Locale } from '../../../shared/locale.js';
import { violationTypes, type DatePrecision } from '../../../shared/vocabularies.js';
import { attr, markup, type SafeHtml } from './html.js';
import { t, type CopyKey } from './i18n.js';
import { countyNames, subCountiesOf, subCountyValue, wardValue } from './locations.js';
import type { FieldErrors, ReportField, ReportValues } from './report-form.js';

/**
 * The server-rendered public pages (DESIGN §4): no JavaScript, no third-party assets, one small inline
 * stylesheet, each page well under 30 KB on a cheap phone.
 */

/**
 * A neutral page to leave to: a weather search. A plain link — nothing is fetched from it (no prefetch,
 * no preconnect) until it is pressed; the app sends `Referrer-Policy: no-referrer`.
 */
export const QUICK_EXIT_URL = 'https://www.google.com/search?q=weather';

/**
 * The one script of the public pages (served from here, so the CSP's `script-src 'self'` holds): the
 * quick exit blanks the page and *replaces* the history entry, so Back does not return to it. Without
 * JavaScript the link still leaves, and the pages say how to clear the history.
 */
export const QUICK_EXIT_SCRIPT = `(function () {
  function leave(e) {
    var target = this.href;
    if (e) e.preventDefault();
    try {
      document.title = '';
      document.body.innerHTML = '';
      history.replaceState(null, '', '/');
    } catch (_) {}
    location.replace(target);
  }
  var links = document.querySelectorAll('a.exit');
  for (var i = 0; i < links.length; i++) links[i].addEventListener('click', leave);
  // Restored from the back-forward cache: leave again rather than show the page.
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && links[0]) leave.call(links[0]);
  });
})();
`;

const css = `body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:40em;padding:0 .75em 2em;color:#111;background:#fff}
.exit{display:block;background:#b00020;color:#fff;text-align:center;font-weight:700;font-size:1.15em;padding:.8em;margin:0 -.75em;text-decoration:none}
.top{display:flex;justify-content:space-between;gap:1em;align-items:baseline}
.note{font-size:.9em;background:#fff8e1;border-left:4px solid #e0a000;padding:.4em .6em}
label,legend{display:block;font-weight:600;margin-top:1em}
.opt{display:inline-block;font-weight:400;margin:.3em 1.5em 0 0}
input[type=text],input[type=tel],input[type=date],select,textarea{display:block;box-sizing:border-box;width:100%;font:inherit;padding:.45em;border:1px solid #555;border-radius:3px}
textarea{min-height:8em}
fieldset{border:1px solid #bbb;margin:1em 0;padding:.3em .75em .8em}
.hint{color:#444;font-size:.9em;margin:.2em 0}
.err{color:#b00020;font-weight:600;margin:.2em 0}
[aria-invalid=true]{border:2px solid #b00020}
.box{border:3px solid #b00020;padding:.3em .75em}
.ok{border-color:#1a5e20}
button{font:inherit;font-weight:700;padding:.7em 1.2em;margin-top:1em;border:0;border-radius:3px;background:#1a5e20;color:#fff}
button.alt{background:#eee;color:#111;border:1px solid #555;font-weight:400}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.ref{font-size:1.6em;font-weight:700;letter-spacing:.04em}`;

/** The status check's address in this language: /hali in Kiswahili, /status in English. */
const statusPath = (locale: Locale, withLang = true) =>
  locale === 'sw' ? '/hali' : withLang ? `/status?lang=${locale}` : '/status';

function layout(locale: Locale, title: string, path: string, body: SafeHtml): string {
  const other: Locale = locale === 'sw' ? 'en' : 'sw';
  return markup`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — Dharura</title>
<style>${css}</style>
<script src="/quick-exit.js" defer></script>
</head>
<body>
<a class="exit" href="${QUICK_EXIT_URL}" rel="noreferrer">${t('quickExit', locale)} ✕</a>
<p class="note">${t('safety', locale)}</p>
<div class="top"><strong>Dharura</strong><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${t('otherLanguage', locale)}</a></div>
${body}
</body>
</html>
`.value;
}

const errorText = (errors: FieldErrors, name: ReportField, locale: Locale) => {
  const key = errors[name];
  return key ? markup`<p class="err" id="e-${name}">${t(key, locale)}</p>` : '';
};
/** id, aria-invalid and aria-describedby for a field that may carry an error. */
const fieldAttrs = (errors: FieldErrors, name: ReportField) =>
  errors[name]
    ? markup` id="f-${name}" name="${name}" aria-invalid="true" aria-describedby="e-${name}"`
    : markup` id="f-${name}" name="${name}"`;

function textInput(
  p: { locale: Locale; values: ReportValues; errors: FieldErrors },
  name: 'place' | 'name' | 'phone' | 'contact' | 'victim',
  label: CopyKey,
  max: number,
  type = 'text',
) {
  return markup`<label for="f-${name}">${t(label, p.locale)}</label>${errorText(p.errors, name, p.locale)}
<input type="${type}"${fieldAttrs(p.errors, name)} value="${p.values[name]}" maxlength="${max}" autocomplete="off">`;
}

export interface ReportPageProps {
  locale: Locale;
  values: ReportValues;
  errors: FieldErrors;
  token: string;
  /** A message for the whole form (token refused, rate limit, the place step). */
  notice?: CopyKey | undefined;
  /** Offer the sub-county/ward list for the chosen county (second step). */
  showPlace: boolean;
}

const precisionKeys: Record<DatePrecision, CopyKey> = {
  exact: 'precisionExact',
  day: 'precisionDay',
  month: 'precisionMonth',
  year: 'precisionYear',
  estimate: 'precisionEstimate',
};

function wardSelect(p: ReportPageProps): SafeHtml {
  const { locale, values: v, errors } = p;
  const groups = p.showPlace && v.county ? subCountiesOf(v.county) : [];
  if (groups.length === 0) {
    return markup`<p class="hint">${t('choosePlaceHint', locale)}</p>${errorText(errors, 'ward', locale)}
<input type="hidden" name="ward" value="${v.ward}">`;
  }
  const option = (value: string, label: string) =>
    markup`<option value="${value}"${attr('selected', v.ward === value)}>${label}</option>`;
  return markup`<label for="f-ward">${t('ward', locale)}</label>${errorText(errors, 'ward', locale)}
<select${fieldAttrs(errors, 'ward')}><option value="">${t('notSure', locale)}</option>${groups.map(
    (g) =>
      markup`<optgroup label="${g.name}">${option(subCountyValue(g.code), `${g.name} — ${t('wardUnknown', locale)}`)}${g.wards.map(
        (w) => option(wardValue(w.code), w.name),
      )}</optgroup>`,
  )}</select>`;
}

export function reportPage(p: ReportPageProps): string {
  const { locale, values: v, errors } = p;
  const hasErrors = Object.keys(errors).length > 0;
  const radio = (value: 'yes' | 'no', label: CopyKey) =>
    markup`<label class="opt"><input type="radio" name="danger" value="${value}"${attr('checked', v.danger === value)}${attr('required', value === 'yes')}> ${t(label, locale)}</label>`;
  const describedBy = (name: ReportField) => (errors[name] ? markup` aria-describedby="e-${name}"` : '');

  const body = markup`<main>
<h1>${t('reportTitle', locale)}</h1>
<p>${t('reportIntro', locale)}</p>
<p class="note">${t('emergency', locale)}</p>
${hasErrors ? markup`<div class="box" role="alert"><p>${t('errorSummary', locale)}</p></div>` : ''}
${p.notice ? markup`<div class="box${p.notice === 'placeStep' ? ' ok' : ''}" role="status"><p>${t(p.notice, locale)}</p></div>` : ''}
<form method="post" action="/report" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="lang" value="${locale}">
<input type="hidden" name="token" value="${p.token}">
<div class="hp" aria-hidden="true"><label for="f-website">${t('honeypot', locale)}</label><input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off"></div>
<fieldset${describedBy('danger')}>
<legend>${t('dangerQuestion', locale)}</legend>${errorText(errors, 'danger', locale)}
${radio('yes', 'yes')}${radio('no', 'no')}
</fieldset>
<label for="f-narrative">${t('whatHappened', locale)}</label>
<p class="hint">${t('whatHappenedHint', locale)}</p>${errorText(errors, 'narrative', locale)}
<textarea${fieldAttrs(errors, 'narrative')} rows="7" maxlength="5000" required>${v.narrative}</textarea>
<label for="f-violation">${t('violation', locale)}</label>${errorText(errors, 'violation', locale)}
<select${fieldAttrs(errors, 'violation')}><option value="">${t('notSure', locale)}</option>${violationTypes.map(
    (vt) =>
      markup`<option value="${vt.code}"${attr('selected', v.violation === vt.code)}>${vt[locale]}</option>`,
  )}</select>
<fieldset>
<legend>${t('where', locale)}</legend>
<label for="f-county">${t('county', locale)}</label>${errorText(errors, 'county', locale)}
<select${fieldAttrs(errors, 'county')}><option value="">${t('chooseCounty', locale)}</option>${countyNames.map(
    (c) => markup`<option${attr('selected', v.county === c)}>${c}</option>`,
  )}</select>
<button type="submit" class="alt" name="next" value="place" formnovalidate>${t('choosePlace', locale)}</button>
${wardSelect(p)}
${textInput(p, 'place', 'place', 300)}
</fieldset>
<fieldset>
<legend>${t('when', locale)}</legend>
<label for="f-date">${t('date', locale)}</label>${errorText(errors, 'date', locale)}
<input type="date"${fieldAttrs(errors, 'date')} value="${v.date}" placeholder="25/03/2026">
<label for="f-precision">${t('precision', locale)}</label>${errorText(errors, 'precision', locale)}
<select${fieldAttrs(errors, 'precision')}><option value="">—</option>${Object.entries(precisionKeys).map(
    ([code, key]) =>
      markup`<option value="${code}"${attr('selected', v.precision === code)}>${t(key, locale)}</option>`,
  )}</select>
</fieldset>
<fieldset>
<legend>${t('aboutYou', locale)}</legend>${errorText(errors, 'anonymous', locale)}
<label class="opt"><input type="checkbox" name="anonymous" value="on"${attr('checked', v.anonymous)}${describedBy('anonymous')}> ${t('anonymous', locale)}</label>
<p class="hint">${t('anonymousHint', locale)}</p>
${textInput(p, 'name', 'name', 120)}
${textInput(p, 'phone', 'phone', 30, 'tel')}
${textInput(p, 'contact', 'contact', 300)}
</fieldset>
<fieldset>
<legend>${t('victim', locale)}</legend>
${textInput(p, 'victim', 'victimName', 120)}
</fieldset>
<button type="submit">${t('send', locale)}</button>
</form>
<p><a href="${statusPath(locale)}">${t('checkStatus', locale)}</a></p>
</main>`;
  return layout(locale, t('reportTitle', locale), '/report', body);
}

export function thanksPage(p: { locale: Locale; reference?: string; anonymous: boolean }): string {
  const { locale } = p;
  const title = p.reference ? t('thanksTitle', locale) : t('thanksQuiet', locale);
  const reference = p.reference
    ? markup`<p>${t('yourReference', locale)}</p>
<p class="ref">${p.reference}</p>
<p>${t('keepReference', locale)}</p>
<p>${t('referenceSecret', locale)}</p>
<p>${t(p.anonymous ? 'anonymousThanks' : 'contactThanks', locale)}</p>`
    : '';
  const body = markup`<main>
<h1>${title}</h1>
${reference}
<p class="note">${t('emergency', locale)}</p>
<p class="note">${t('clearHistory', locale)}</p>
<p><a href="${statusPath(locale)}">${t('checkStatus', locale)}</a></p>
<p><a href="/report?lang=${locale}">${t('anotherReport', locale)}</a></p>
</main>`;
  return layout(locale, title, '/report', body);
}

export function statusPage(p: {
  locale: Locale;
  reference: string;
  answer?: CopyKey;
  notice?: string;
}): string {
  const { locale } = p;
  const body = markup`<main>
<h1>${t('statusTitle', locale)}</h1>
${p.answer ? markup`<div class="box ok" role="status"><p>${t(p.answer, locale)}</p></div>` : ''}
${p.notice ? markup`<div class="box" role="alert"><p>${p.notice}</p></div>` : ''}
<form method="post" action="${statusPath(locale, false)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${locale}">
<label for="f-reference">${t('statusReference', locale)}</label>
<input type="text" id="f-reference" name="reference" value="${p.reference}" maxlength="40" autocomplete="off" autocapitalize="characters" required>
<button type="submit">${t('statusCheck', locale)}</button>
</form>
<p><a href="/report?lang=${locale}">${t('makeReport', locale)}</a></p>
</main>`;
  return layout(locale, t('statusTitle', locale), '/status', body);
}

/** A one-message page for refusals that have no form to return to (too large, wrong content type, …). */
export function messagePage(locale: Locale, message: string): string {
  const body = markup`<main>
<h1>${message}</h1>
<p class="note">${t('emergency', locale)}</p>
<p><a href="/report?lang=${locale}">${t('back', locale)}</a></p>
</main>`;
  return layout(locale, message, '/report', body);
}
