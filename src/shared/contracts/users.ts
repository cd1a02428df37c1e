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

/** An administrator's view of one account: the basics plus sign-in state. */
export const adminUserView = userView.extend({
  lastSignInAt: z.string().nullable(),
  phoneVerified: z.boolean(),
  mfaEnrolled: z.boolean(),
});
export type AdminUserView = z.infer<typeof adminUserView>;

export const rolesBody = z.object({ roles: z.array(z.enum(roles)).min(1).max(roles.length) });

/** Invite someone by email: they choose their own password and second factor on the invite page. */
export const inviteBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  locale: z.enum(['en', 'sw']).default('en'),
});
export type InviteInput = z.input<typeof inviteBody>;

export const inviteView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** Only the answer to the invitation carries the link's token, once. */
export const inviteCreated = inviteView.extend({ token: z.string(), path: z.string() });

/** What the invite page shows before the invitee sets a password. */
export const invitePreview = z.object({
  email: z.string(),
  displayName: z.string(),
  expiresAt: z.string(),
});
export const inviteToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
export const acceptInviteBody = z.object({
  password: z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength),
});

/** The two-person rule for a lost second factor: one administrator asks, another approves. */
export const mfaResetRequestView = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  status: z.enum(['pending', 'approved', 'refused', 'used']),
  requestedBy: z.string().uuid(),
  requestedAt: z.string(),
  decidedBy: z.string().uuid().nullable(),
  decidedAt: z.string().nullable(),
});
export const decisionBody = z.object({ approve: z.boolean() });

/** A staff member's own phone, verified by a code sent to it by SMS. */
export const phoneBody = z.object({ phone: z.string().trim().min(7).max(20) });
export const phoneCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const phoneView = z.object({
  /** The last digits only, e.g. "•••• 678". */
  masked: z.string().nullable(),
  verified: z.boolean(),
  codeSent: z.boolean(),
});

/** First run: the organisation's name and the first administrator, guarded by the code the server printed. */
export const setupStatus = z.object({ needed: z.boolean() });
export const setupBody = z.object({
  code: z.string().trim().min(8).max(64),
  organisationName: z.string().trim().min(2).max(120),
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength),
  locale: z.enum(['en', 'sw']).default('en'),
});
export type SetupInput = z.input<typeof setupBody>;
