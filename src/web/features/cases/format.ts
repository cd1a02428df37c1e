import { useEffect, useState } from 'react';
import { termLabel, violationTypes } from '../../../shared/vocabularies.js';
import type { Locale } from '../../../shared/locale.js';
import { formatEat, formatRelative, intlLocale } from '../../i18n/formats.js';

export { intlLocale };

export function uiLocale(lng: string): Locale {
  return lng === 'sw' ? 'sw' : 'en';
}

/** "23 Nov 2026, 14:05" in Kenyan time (EAT, UTC+3), whatever the device is set to. */
export function formatDateTime(iso: string, lng: string, style: 'short' | 'medium' = 'medium'): string {
  return formatEat(new Date(iso), lng, style);
}

/** "12 min ago" / "dakika 12 zilizopita"; `justNow` under a minute. */
export function formatAge(iso: string, now: number, lng: string, justNow: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return justNow;
  if (abs < 3600) return formatRelative(Math.trunc(seconds / 60), 'minute', lng);
  if (abs < 86_400) return formatRelative(Math.trunc(seconds / 3600), 'hour', lng);
  return formatRelative(Math.trunc(seconds / 86_400), 'day', lng);
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time in words, at most two units: "2 h 5 min" / "saa 2 na dakika 5", "1 day 3 h" /
 * "siku 1 na saa 3". Under a minute is "under 1 min" / "chini ya dakika 1". `one` is true for a single
 * unit of one (Kiswahili agreement: "dakika 1 imebaki" but "dakika 4 zimebaki").
 */
export function formatDuration(ms: number, lng: string): { text: string; one: boolean } {
  const abs = Math.abs(ms);
  const sw = lng === 'sw';
  if (abs < MINUTE) return { text: sw ? 'chini ya dakika 1' : 'under 1 min', one: true };
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: [number, 'day' | 'hour' | 'minute'][] = [];
  if (days) parts.push([days, 'day'], [hours, 'hour']);
  else if (hours) parts.push([hours, 'hour'], [minutes, 'minute']);
  else parts.push([minutes, 'minute']);
  const shown = parts.filter(([n], i) => i === 0 || n > 0);
  const word = (n: number, unit: 'day' | 'hour' | 'minute') =>
    sw
      ? `${{ day: 'siku', hour: 'saa', minute: 'dakika' }[unit]} ${n}`
      : unit === 'day'
        ? `${n} ${n === 1 ? 'day' : 'days'}`
        : `${n} ${unit === 'hour' ? 'h' : 'min'}`;
  const words = shown.map(([n, unit]) => word(n, unit));
  return { text: words.join(sw ? ' na ' : ' '), one: shown.length === 1 && shown[0]![0] === 1 };
}

/**
 * How long until a deadline, or how long since it passed: "4 min left" / "dakika 4 zimebaki";
 * "overdue by 12 min" / "imechelewa kwa dakika 12".
 */
export function formatTimeLeft(dueAt: string | number, now: number, lng: string): string {
  const due = typeof dueAt === 'number' ? dueAt : new Date(dueAt).getTime();
  const ms = due - now;
  const sw = lng === 'sw';
  if (ms < 0) {
    if (-ms < MINUTE) return sw ? 'imechelewa' : 'overdue';
    const d = formatDuration(ms, lng);
    return sw ? `imechelewa kwa ${d.text}` : `overdue by ${d.text}`;
  }
  const d = formatDuration(ms, lng);
  if (!sw) return `${d.text} left`;
  return `${d.text} ${d.one ? 'imebaki' : 'zimebaki'}`;
}

/** A running countdown as a clock face: "05:12:03" (hours not capped at 24). */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}`;
}

/** The current time in EAT as a `datetime-local` value (a sensible default for "when"). */
export function eatLocalNow(now: number = Date.now()): string {
  return new Date(now + 3 * HOUR).toISOString().slice(0, 16);
}
