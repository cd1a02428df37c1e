import { z } from 'zod';
import {
  consoleConsentMethods,
  dataCategories,
  erasureReasons,
} from '../../../shared/contracts/dataprotection.js';
import { retentionStatuses } from '../../../shared/contracts/dataprotection.js';

/** The consent form's values; "shared with" is one line of comma-separated names. */
export const consentForm = z.object({
  personId: z.string().min(1),
  purpose: z.string().trim().min(3).max(300),
  dataCategories: z.array(z.enum(dataCategories)).min(1),
  sharedWith: z.string().max(2000),
  method: z.enum(consoleConsentMethods),
});
export type ConsentFormValues = z.output<typeof consentForm>;

/** "Tumaini Safe House, LSK ," → ['Tumaini Safe House', 'LSK']: trimmed, no empties, no repeats. */
export function splitSharedWith(line: string): string[] {
  const out: string[] = [];
  for (const part of line.split(/[,;\n]/)) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (name && !out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name.slice(0, 120));
  }
  return out.slice(0, 20);
}

/** The breach form: the discovery time is a local (East Africa Time) `datetime-local` value. */
export const breachForm = z.object({
  summary: z.string().trim().min(3).max(2000),
  dataCategories: z.array(z.enum(dataCategories)).min(1),
  affectedCount: z.union([z.literal(''), z.coerce.number().int().min(0).max(100_000_000)]),
  discoveredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  measures: z.string().trim().max(2000),
});
export type BreachFormValues = z.output<typeof breachForm>;

/** A `datetime-local` value read as East Africa Time (UTC+3, no daylight saving) → ISO instant. */
export function eatToIso(local: string): string {
  return new Date(`${local}:00+03:00`).toISOString();
}

/** An instant → the `datetime-local` value of that time in East Africa Time. */
export function isoToEat(at: Date): string {
  return new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 16);
}

export interface Countdown {
  hours: number;
  minutes: number;
  overdue: boolean;
  /** For the colour: more than 48 h left, at most 48 h, at most 12 h, past. */
  level: 'ok' | 'soon' | 'urgent' | 'overdue';
}

/** Time left to the notification deadline (or past it), in whole hours and minutes. */
export function countdown(notifyBy: string, now: number): Countdown {
  const ms = new Date(notifyBy).getTime() - now;
  const abs = Math.abs(ms);
  const totalMinutes = Math.floor(abs / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const overdue = ms < 0;
  const left = ms / 3_600_000;
  const level = overdue ? 'overdue' : left <= 12 ? 'urgent' : left <= 48 ? 'soon' : 'ok';
  return { hours, minutes, overdue, level };
}

export const erasureForm = z.object({ reason: z.enum(erasureReasons) });

/** The retention form: one number of days per end status, and why it changed. */
export const retentionForm = z.object({
  days: z.object(
    Object.fromEntries(
      retentionStatuses.map((s) => [
        s,
        z.coerce
          .number()
          .int()
          .min(1)
          .max(50 * 366),
      ]),
    ) as Record<(typeof retentionStatuses)[number], z.ZodCoercedNumber>,
  ),
  reason: z.string().trim().min(3).max(500),
});
