import { z } from 'zod';

/** One field the server refused: its path in the request body and a message in the caller's language. */
export const fieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssue>;

/** Every refusal's body: a stable code (see docs and src/server/errors.ts), a localised message. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(fieldIssue).optional(),
    /**
     * A CONFLICT on a versioned edit (an action): the resource as it is now, so the console can show
     * the caller's version beside it and let them choose (never a silent overwrite).
     */
    current: z.unknown().optional(),
  }),
});
export type ErrorBodyView = z.infer<typeof errorBody>;
