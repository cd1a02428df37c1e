import { z } from 'zod';

export const ruleChannels = ['inapp', 'sms', 'email'] as const;
export type RuleChannel = (typeof ruleChannels)[number];

export const notificationRule = z.object({
  channel: z.enum(ruleChannels),
  /** Minutes after the notification is raised (0: at once). */
  delayMinutes: z.number().int().min(0).max(1440),
  /** Phone number for `sms`, address for `email`; none for `inapp`. */
  contact: z.string().trim().max(254).nullish(),
});
export type NotificationRuleInput = z.infer<typeof notificationRule>;

export const notificationRulesBody = z.object({ rules: z.array(notificationRule).max(10) });

export const notificationRuleView = z.object({
  channel: z.enum(ruleChannels),
  delayMinutes: z.number().int(),
  contact: z.string().nullable(),
});
export const notificationRulesView = z.object({
  rules: z.array(notificationRuleView),
  /** True when the user has no rules of their own and gets the default (in-app at once). */
  isDefault: z.boolean(),
});

export const userIdParams = z.object({ id: z.string().uuid() });

export const messageLogQuery = z.object({
  direction: z.enum(['in', 'out']).optional(),
  status: z.string().trim().max(20).optional(),
  channel: z.enum(['sms', 'email', 'inapp', 'outbox']).optional(),
  caseId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** One line of the message log: what, where and how it went — never who or what it said. */
export const messageLogLine = z.object({
  id: z.string().uuid(),
  channel: z.string(),
  direction: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
  userId: z.string().uuid().nullable(),
  fallbackOf: z.string().uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const messageLog = z.object({ messages: z.array(messageLogLine) });
