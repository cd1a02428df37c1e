import { z } from 'zod';
import { roles } from '../../../shared/permissions.js';

export const loginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    locale: z.enum(['en', 'sw']),
  }),
  csrfToken: z.string(),
});

export const preferencesBody = z.object({ locale: z.enum(['en', 'sw']) });

export const sessionList = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});
