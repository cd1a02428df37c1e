import { z } from 'zod';
import { dispatchInput, type DispatchInput } from '../../../shared/contracts/network.js';

export const checkInChoices = [15, 30, 60, 120, 240] as const;
export const replyChoices = [5, 10, 15, 30] as const;
/** At most this many responders are asked at once (the contract's batch size). */
export const MAX_ASKED = 20;

/** The dispatch form's fields as typed: the selects and the number field hold text. */
const values = z.object({
  missionType: dispatchInput.shape.missionType,
  needed: z.string(),
  /** The chosen candidates, nearest first. */
  responderIds: z.array(z.string()),
  checkInMinutes: z.string(),
  replyMinutes: z.string(),
});
export type DispatchFormValues = z.input<typeof values>;

export const dispatchDefaults: DispatchFormValues = {
  missionType: 'escort',
  needed: '1',
  responderIds: [],
  checkInMinutes: '30',
  replyMinutes: '10',
};

/**
 * Someone must be asked, and no more must be needed than are asked; the messages are i18n keys. The
 * output is the body of POST /api/cases/:id/dispatches.
 */
export const dispatchForm = values
  .superRefine((v, ctx) => {
    const n = Number(v.needed);
    if (v.responderIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['responderIds'], message: 'network.dispatch.chooseSomeone' });
    if (v.needed.trim() === '' || !Number.isInteger(n) || n < 1 || n > 10)
      ctx.addIssue({ code: 'custom', path: ['needed'], message: 'network.dispatch.neededRange' });
    else if (v.responderIds.length > 0 && n > v.responderIds.length)
      ctx.addIssue({ code: 'custom', path: ['needed'], message: 'network.dispatch.neededMoreThanAsked' });
  })
  .transform((v): DispatchInput => ({
    missionType: v.missionType,
    needed: Number(v.needed),
    batchSize: Math.min(MAX_ASKED, v.responderIds.length),
    responderIds: v.responderIds.slice(0, MAX_ASKED),
    checkInMinutes: Number(v.checkInMinutes),
    replyMinutes: Number(v.replyMinutes),
  }));
