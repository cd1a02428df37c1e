import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatNumber, intlLocale, numberFormat, relativeTimeFormat } from './formats.js';
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
});
