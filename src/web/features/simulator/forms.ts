import { z } from 'zod';
import { simulatorSmsBody, simulatorUssdBody } from '../../../shared/contracts/simulator.js';

/*
 * The simulator's forms as Zod schemas (their messages are i18n keys). The server checks numbers
 * properly; the phone check only keeps half-typed numbers from being asked about.
 */

export const phoneForm = z.object({
  phone: z
    .string()
    .trim()
    .refine((p) => p.replace(/\D/g, '').length >= 9, 'simulator.phoneInvalid'),
});

/** An inbound SMS: the text, trimmed (the phone is the one in use). */
export const smsForm = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'simulator.smsRequired')
    .max(simulatorSmsBody.shape.text.maxLength ?? 5000),
});

/** One answer on a USSD screen (may be empty: some screens take just "send"). */
export const ussdAnswerForm = z.object({
  answer: z
    .string()
    .trim()
    .max(simulatorUssdBody.shape.text.unwrap().maxLength ?? 2000),
});
