/**
 * Intl formatters, made once per language and kept. Building one (`new Intl.DateTimeFormat`, or
 * `toLocaleString` with a locale, which builds one on every call) loads the locale's data and costs
 * far more than formatting with it; a queue of fifty rows asked for hundreds per render. Every date,
 * number and "5 min ago" in the console goes through here.
 */

/** The console's language as an Intl locale: Kenyan English or Kenyan Kiswahili. */
export function intlLocale(lng: string): string {
  return lng === 'sw' ? 'sw-KE' : 'en-KE';
}

const kept = new Map<string, unknown>();

function once<T>(key: string, make: () => T): T {
  let f = kept.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    kept.set(key, f);
  }
  return f;
}

export function dateTimeFormat(lng: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`d:${lng}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocale(lng), options));
}

export function numberFormat(lng: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return once(`n:${lng}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(intlLocale(lng), options));
}

export function relativeTimeFormat(lng: string): Intl.RelativeTimeFormat {
  return once(
    `r:${lng}`,
    () => new Intl.RelativeTimeFormat(intlLocale(lng), { style: 'short', numeric: 'auto' }),
  );
}

/** 1,234 / 1,234 in the console's language. */
export function formatNumber(n: number, lng: string): string {
  return numberFormat(lng).format(n);
}
