import { useEffect, useState } from 'react';
import { termLabel, violationTypes } from '../../../shared/vocabularies.js';
import type { Locale } from '../../../shared/locale.js';

/** Times are shown in Kenya's time zone (EAT, UTC+3), whatever the device is set to. */
export const TIME_ZONE = 'Africa/Nairobi';

export function intlLocale(lng: string): string {
  return lng === 'sw' ? 'sw-KE' : 'en-KE';
}

export function uiLocale(lng: string): Locale {
  return lng === 'sw' ? 'sw' : 'en';
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "23 Nov 2026, 14:05" in EAT. */
export function formatDateTime(iso: string, lng: string, style: 'short' | 'medium' = 'medium'): string {
  const key = `${lng}:${style}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lng), {
      dateStyle: style,
      timeStyle: 'short',
      timeZone: TIME_ZONE,
    });
    dateTimeFormats.set(key, f);
  }
  return f.format(new Date(iso));
}

/** "12 min ago" / "dakika 12 zilizopita"; `justNow` under a minute. */
export function formatAge(iso: string, now: number, lng: string, justNow: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lng), { style: 'short', numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return justNow;
  if (abs < 3600) return rtf.format(Math.trunc(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.trunc(seconds / 3600), 'hour');
  return rtf.format(Math.trunc(seconds / 86_400), 'day');
}

/** The current time, updated every `everyMs`, so relative times ("5 min ago") stay right on screen. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function violationLabel(code: string, lng: string): string {
  return termLabel(violationTypes, code, uiLocale(lng));
}

/** A `datetime-local` value is a Nairobi wall-clock time (EAT is UTC+3 all year, no daylight saving). */
export function eatToIso(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return undefined;
  const d = new Date(`${local.slice(0, 16)}:00+03:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
