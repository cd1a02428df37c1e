import { z } from 'zod';
import { violationTypeCodes } from '../vocabularies.js';

/**
 * A period report (DESIGN §2.6): a month (`2026-10`) or a quarter (`2026-Q4`), in English or Kiswahili,
 * with the dashboards' filters. Whole months and quarters in East Africa Time.
 */
export const periodReportQuery = z.object({
  period: z
    .string()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/,
      'Use a month (2026-10) or a quarter (2026-Q4) / Tumia mwezi (2026-10) au robo mwaka (2026-Q4)',
    ),
  lang: z.enum(['en', 'sw']).default('en'),
  county: z.string().trim().min(1).max(60).optional(),
  violationType: z.enum(violationTypeCodes).optional(),
  eventId: z.string().uuid().optional(),
});
export type PeriodReportQuery = z.infer<typeof periodReportQuery>;
