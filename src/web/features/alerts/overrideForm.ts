import { z } from 'zod';
import { eatToIso } from '../cases/format.js';

/** A cover as typed: who, and from / until in EAT (`datetime-local` values). */
const values = z.object({ userId: z.string(), from: z.string(), to: z.string() });
export type OverrideFormValues = z.input<typeof values>;

/**
 * Someone, from, until, in that order; the end after the start. The messages are i18n keys. The output
 * is one of the rotation's `overrides` (UTC instants), as PUT /api/rotations/:id takes them.
 */
export const overrideForm = values
  .superRefine((v, ctx) => {
    const from = eatToIso(v.from);
    const to = eatToIso(v.to);
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!v.userId) problem('userId', 'form.required');
    else if (!from) problem('from', 'form.required');
    else if (!to) problem('to', 'form.required');
    else if (Date.parse(to) <= Date.parse(from)) problem('to', 'oncall.endAfterStart');
  })
  .transform((v) => ({ userId: v.userId, from: eatToIso(v.from)!, to: eatToIso(v.to)! }));
