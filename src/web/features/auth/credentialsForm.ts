import { z } from 'zod';
import { loginBody } from '../../../shared/contracts/auth.js';

/**
 * The password step's values: the contract's loginBody, each field asked for in the console's words.
 * A module of its own so the sign-in page loads it (and Zod) after it has rendered, not before.
 */
export const credentialsForm = loginBody.extend({
  email: z.string().trim().min(1, 'login.emailRequired').max(254),
  password: z.string().min(1, 'login.passwordRequired').max(200),
});
export type CredentialsValues = z.output<typeof credentialsForm>;
