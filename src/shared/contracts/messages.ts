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
export type NotificationRuleView = z.infer<typeof notificationRuleView>;
export const notificationRulesView = z.object({
  rules: z.array(notificationRuleView),
  /** True when the user has no rules of their own and gets the default (in-app at once). */
  isDefault: z.boolean(),
});

export type NotificationRulesView = z.infer<typeof notificationRulesView>;

export const userIdParams = z.object({ id: z.string().uuid() });

/** The channels a message goes by (`outbox`: a case's outbound SMS queue). */
export const messageChannels = ['sms', 'email', 'inapp', 'outbox'] as const;
export type MessageChannel = (typeof messageChannels)[number];
export const messageDirections = ['in', 'out'] as const;
/** Every status a message can be in. */
export const messageStatuses = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'cancelled',
  'received',
  'processed',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const messageLogQuery = z.object({
  direction: z.enum(messageDirections).optional(),
  status: z.string().trim().max(20).optional(),
  channel: z.enum(messageChannels).optional(),
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
  /** The case's reference (UA-2026-00123), null without a case or for a restricted one. */
  caseReference: z.string().nullable(),
  userId: z.string().uuid().nullable(),
  fallbackOf: z.string().uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type MessageLogLine = z.infer<typeof messageLogLine>;
export const messageLog = z.object({ messages: z.array(messageLogLine) });
