import { z } from 'zod';
import type { Locale } from '../../../shared/locale.js';
import { datePrecisions, violationTypeCodes, type DatePrecision } from '../../../shared/vocabularies.js';
import { normalisePhone } from '../../lib/phone.js';
import type { IntakeInput } from '../../../shared/contracts/cases.js';
import type { CopyKey } from './i18n.js';
import { isCounty, resolvePlace } from './locations.js';

/** The fields of the public report form, as typed (kept verbatim so a re-rendered form loses nothing). */
export interface ReportValues {
  danger: string;
  narrative: string;
  violation: string;
  county: string;
  ward: string;
  place: string;
  date: string;
  precision: string;
  anonymous: boolean;
  name: string;
  phone: string;
  contact: string;
  victim: string;
}
export type ReportField = keyof ReportValues;
export type FieldErrors = Partial<Record<ReportField, CopyKey>>;

const textFields = [
  'danger',
  'narrative',
  'violation',
  'county',
  'ward',
  'place',
  'date',
  'precision',
  'name',
  'phone',
  'contact',
  'victim',
] as const satisfies readonly Exclude<ReportField, 'anonymous'>[];

export const emptyReport: ReportValues = {
  danger: '',
  narrative: '',
  violation: '',
  county: '',
  ward: '',
  place: '',
  date: '',
  precision: '',
  anonymous: true,
  name: '',
  phone: '',
  contact: '',
  victim: '',
};

/** A form-encoded body field: the first value if repeated, '' if absent, capped to keep pages bounded. */
export function field(body: unknown, name: string, max = 10_000): string {
  if (!body || typeof body !== 'object') return '';
  const raw = (body as Record<string, unknown>)[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** What was posted. An unticked checkbox sends nothing, so a posted form without `anonymous` is not anonymous. */
export function readReport(body: unknown): ReportValues {
  const values = { ...emptyReport, anonymous: field(body, 'anonymous') !== '' };
  for (const name of textFields) values[name] = field(body, name);
  return values;
}

const text = (max: number, tooLong: CopyKey = 'tooLong') => z.string().trim().max(max, tooLong);
const choice = <T extends readonly [string, ...string[]]>(options: T) =>
  z.union([z.literal(''), z.enum(options)], { error: 'invalidChoice' satisfies CopyKey });

const reportSchema = z.object({
  danger: z.enum(['yes', 'no'], { error: 'dangerRequired' satisfies CopyKey }),
  narrative: z
    .string()
    .trim()
    .min(3, 'narrativeRequired' satisfies CopyKey)
    .max(5000, 'narrativeTooLong' satisfies CopyKey),
  violation: choice(violationTypeCodes),
  county: text(60),
  ward: text(20),
  place: text(300),
  date: text(20),
  precision: choice(datePrecisions),
  anonymous: z.boolean(),
  name: text(120),
  phone: text(30),
  contact: text(300),
  victim: text(120),
});

/** `2026-03-25` (a date input) or `25/03/2026` (typed where date inputs are not supported). */
function parseDate(s: string): { y: number; m: number; d: number } | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let parts: [number, number, number] | null = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  if (!parts) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1])];
  }
  if (!parts) return null;
  const [y, mo, d] = parts;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  return { y, m: mo, d };
}

/** Kenya keeps East Africa Time (UTC+3) all year; a reported day starts at midnight there. */
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

export type ParsedReport = { ok: true; input: IntakeInput } | { ok: false; errors: FieldErrors };

/** Validate the form and turn it into the one intake shape; errors are copy keys per field. */
export function parseReport(values: ReportValues, locale: Locale, now: Date): ParsedReport {
  const errors: FieldErrors = {};
  const parsed = reportSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as ReportField;
      errors[name] ??= issue.message as CopyKey;
    }
  }
  // The checks across fields run on what was typed too, so every problem shows at once.
  const v = { ...values };
  for (const name of textFields) v[name] = v[name].trim();

  let place: { subCounty: string; ward?: string } | null = null;
  if (v.county && !isCounty(v.county)) errors.county ??= 'invalidChoice';
  else if (v.ward) {
    if (!v.county) errors.ward ??= 'countyFirst';
    else if (!(place = resolvePlace(v.county, v.ward))) errors.ward ??= 'wardNotInCounty';
  }

  let incidentAt: Date | undefined;
  if (v.date) {
    const d = parseDate(v.date);
    if (!d) errors.date ??= 'dateInvalid';
    else {
      incidentAt = new Date(Date.UTC(d.y, d.m - 1, d.d) - EAT_OFFSET_MS);
      if (incidentAt.getTime() > now.getTime()) errors.date ??= 'dateFuture';
    }
  }

  let phone: string | null = null;
  if (v.anonymous && (v.name || v.phone || v.contact)) errors.anonymous = 'anonymousConflict';
  else if (v.phone && !(phone = normalisePhone(v.phone))) errors.phone ??= 'phoneInvalid';

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const data = parsed.data;
  const precision: DatePrecision | undefined = incidentAt ? data.precision || 'day' : undefined;
  return {
    ok: true,
    input: {
      channel: 'web',
      narrative: data.narrative,
      violationTypes: data.violation ? [data.violation] : [],
      inDangerNow: data.danger === 'yes',
      ...(data.county ? { county: data.county } : {}),
      ...(place ? { subCounty: place.subCounty, ...(place.ward ? { ward: place.ward } : {}) } : {}),
      ...(data.place ? { place: data.place } : {}),
      ...(incidentAt ? { incidentAt, incidentPrecision: precision } : {}),
      reporter: {
        anonymous: data.anonymous,
        locale,
        ...(data.name ? { name: data.name } : {}),
        ...(phone ? { phone } : {}),
        ...(data.contact ? { safeContact: data.contact } : {}),
      },
      ...(data.victim ? { victim: { name: data.victim } } : {}),
    },
  };
}
