import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat,
  formatEat,
  formatNumber,
  formatRelative,
  intlLocale,
  numberFormat,
  relativeTimeFormat,
} from './formats.js';
import { formatAge, formatDateTime } from '../features/cases/format.js';

describe('Intl formatters', () => {
  it('are made once per language and options, and reused', () => {
    const options = { dateStyle: 'medium', timeStyle: 'short' } as const;
    expect(dateTimeFormat('en', options)).toBe(dateTimeFormat('en', { ...options }));
    expect(dateTimeFormat('sw', options)).not.toBe(dateTimeFormat('en', options));
    expect(numberFormat('sw')).toBe(numberFormat('sw'));
    expect(numberFormat('en', { style: 'currency', currency: 'KES' })).not.toBe(numberFormat('en'));
    expect(relativeTimeFormat('en')).toBe(relativeTimeFormat('en'));
  });

  it('format in Kenyan English or Kiswahili', () => {
    expect(intlLocale('sw')).toBe('sw-KE');
    expect(intlLocale('en')).toBe('en-KE');
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'sw')).toBe(new Intl.NumberFormat('sw-KE').format(12345));
  });

  it('give the same dates and ages as before they were kept', () => {
    const iso = '2026-11-23T11:05:00Z';
    expect(formatDateTime(iso, 'en')).toBe(
      new Intl.DateTimeFormat('en-KE', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Africa/Nairobi',
      }).format(new Date(iso)),
    );
    expect(formatDateTime(iso, 'en')).toMatch(/14:05/);
    const now = Date.parse(iso) + 5 * 60_000;
    expect(formatAge(iso, now, 'en', 'just now')).toBe(
      new Intl.RelativeTimeFormat('en-KE', { style: 'short', numeric: 'auto' }).format(-5, 'minute'),
    );
    expect(formatAge(iso, Date.parse(iso) + 10_000, 'en', 'just now')).toBe('just now');
  });

  it('write numbers, Kenyan times and ages exactly as Intl does, without building a formatter', () => {
    // A fixed pseudo-random walk: the same cases on every run.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const lng of ['en', 'sw'] as const) {
      const locale = intlLocale(lng);
      const intlNumber = new Intl.NumberFormat(locale);
      for (const n of [0, 7, -7, 999, 1000, -1000, 12_345, 1_234_567, Number.MAX_SAFE_INTEGER])
        expect(formatNumber(n, lng)).toBe(intlNumber.format(n));
      expect(formatNumber(-1234.5678, lng)).toBe(intlNumber.format(-1234.5678));

      for (const style of ['short', 'medium'] as const) {
        const intlDate = new Intl.DateTimeFormat(locale, {
          dateStyle: style,
          timeStyle: 'short',
          timeZone: 'Africa/Nairobi',
        });
        // Every month, midnight and noon either side of the UTC date line, and 500 random moments.
        const moments = [
          ...Array.from({ length: 12 }, (_, m) => Date.UTC(2026, m, 1, 21, 5)),
          Date.UTC(2026, 11, 31, 21, 0),
          Date.UTC(2026, 11, 31, 20, 59),
          Date.UTC(2027, 1, 28, 9, 0),
          ...Array.from(
            { length: 500 },
            () => Date.UTC(2000, 0, 1) + Math.floor(next() * 40 * 365 * 86_400_000),
          ),
        ];
        for (const at of moments) expect(formatEat(new Date(at), lng, style)).toBe(intlDate.format(at));
      }

      const intlAge = new Intl.RelativeTimeFormat(locale, { style: 'short', numeric: 'auto' });
      for (const unit of ['minute', 'hour', 'day'] as const)
        for (const n of [-2000, -59, -23, -3, -2, -1, 0, 1, 2, 3, 23, 59, 2000])
          expect(formatRelative(n, unit, lng)).toBe(intlAge.format(n, unit));
    }
  });
});
