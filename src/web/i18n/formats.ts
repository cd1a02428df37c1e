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

/*
 * The console's everyday formats, written out without Intl. The first Intl formatter a page builds
 * (of any kind) loads the browser's locale data: 30–45 ms on this project's test machine, four times
 * that on a cheap phone, in the middle of drawing the first screen. The queue and the case page show
 * only these: whole numbers, Kenyan time (EAT, UTC+3 all year, no daylight saving) and ages in
 * minutes, hours and days. Each one gives exactly what Intl gives for en-KE and sw-KE (formats.test.ts
 * compares them); anything else goes to Intl as before.
 */

/** 1,234,567: both languages group by three with a comma. */
function groupDigits(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** 1,234 / 1,234 in the console's language. */
export function formatNumber(n: number, lng: string): string {
  return Number.isSafeInteger(n) ? groupDigits(n) : numberFormat(lng).format(n);
}

const MONTHS: Record<'en' | 'sw', readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
  sw: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ago', 'Sep', 'Okt', 'Nov', 'Des'],
};
const EAT_OFFSET_MS = 3 * 3600_000;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment in Kenyan time: "23 Nov 2026, 14:05" (medium; Kiswahili "23 Des 2026, 14:05") or
 * "23/11/2026, 14:05" (short).
 */
export function formatEat(at: Date, lng: string, style: 'short' | 'medium'): string {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid time value'); // as Intl does
  const eat = new Date(t + EAT_OFFSET_MS);
  const day = eat.getUTCDate();
  const month = eat.getUTCMonth();
  const time = `${two(eat.getUTCHours())}:${two(eat.getUTCMinutes())}`;
  const date =
    style === 'short'
      ? `${two(day)}/${two(month + 1)}/${eat.getUTCFullYear()}`
      : `${day} ${MONTHS[lng === 'sw' ? 'sw' : 'en'][month]} ${eat.getUTCFullYear()}`;
  return `${date}, ${time}`;
}

type AgeUnit = 'minute' | 'hour' | 'day';

/**
 * "5 min ago", "in 2 hr", "yesterday" / "dakika 5 zilizopita", "baada ya saa 2", "jana": Intl's short
 * relative time with `numeric: 'auto'`, for a whole, non-zero number of minutes, hours or days.
 */
export function formatRelative(n: number, unit: AgeUnit, lng: string): string {
  if (n === 0 || !Number.isSafeInteger(n)) return relativeTimeFormat(lng).format(n, unit);
  const count = groupDigits(Math.abs(n));
  if (lng === 'sw') {
    const named =
      unit === 'day' ? { '-2': 'juzi', '-1': 'jana', '1': 'kesho', '2': 'kesho kutwa' }[n] : undefined;
    if (named) return named;
    const word = { minute: 'dakika', hour: 'saa', day: 'siku' }[unit];
    if (n > 0) return `baada ya ${word} ${count}`;
    return `${word} ${count} ${n === -1 ? 'iliyopita' : 'zilizopita'}`;
  }
  if (unit === 'day' && (n === 1 || n === -1)) return n < 0 ? 'yesterday' : 'tomorrow';
  const word = { minute: 'min', hour: 'hr', day: 'days' }[unit];
  return n > 0 ? `in ${count} ${word}` : `${count} ${word} ago`;
}
