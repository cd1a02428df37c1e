import { z } from 'zod';
import { roles } from '../permissions.js';
import { passwordPolicy } from './auth.js';

export const newUserBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  locale: z.enum(['en', 'sw']).default('en'),
});
export type NewUserInput = z.input<typeof newUserBody>;

export const userView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  locale: z.enum(['en', 'sw']),
  disabled: z.boolean(),
  createdAt: z.string(),
});
