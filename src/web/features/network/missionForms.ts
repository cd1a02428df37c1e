import { z } from 'zod';
import { exposureKindCodes } from '../../../shared/network.js';
import { checkInInput, sosCancelInput, type CheckInInput } from '../../../shared/contracts/network.js';

const optionalText = (s: string) => s.trim() || undefined;

/** A console check-in: where the responder is (optional), whether the mission is done, what they saw. */
export const checkInForm = z
  .object({
    location: z.string().max(checkInInput.shape.location.unwrap().maxLength ?? 300),
    done: z.boolean(),
    exposures: z.array(z.enum(exposureKindCodes)),
  })
  .transform((v): CheckInInput => ({
    done: v.done,
    ...(optionalText(v.location) ? { location: v.location.trim() } : {}),
    ...(v.exposures.length ? { exposures: v.exposures } : {}),
  }));
export type CheckInFormValues = z.input<typeof checkInForm>;

/** Calling an SOS off: the cancel (or duress) PIN, 4 to 8 digits. */
export const sosCancelForm = z.object({
  pin: z
    .string()
    .trim()
    .refine((p) => sosCancelInput.shape.pin.safeParse(p).success, 'network.form.pinFormat'),
});
