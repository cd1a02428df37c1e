import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { CasesRepo } from '../modules/cases/cases.repo.js';
import type { Escalations } from '../modules/cases/escalation.js';
import type { IntakeService } from '../modules/cases/intake.service.js';
import { createMessagesRepo } from '../modules/messages/messages.repo.js';
import { createMessagesService, type MessagesService } from '../modules/messages/messages.service.js';
import {
  createNotificationRulesService,
  type NotificationRulesService,
} from '../modules/messages/notification-rules.service.js';
import type { Audit } from '../security/audit.js';
import type { Vault } from '../security/vault.js';
import type { ChannelAdapter } from './adapter.js';
import { createSmtpEmail } from './email/smtp.js';
import { defaultHooks, type ChannelHooks } from './hooks.js';
import { createInAppAdapter } from './inapp.js';
import { createNotifier, type NotifierService } from './notifier.js';
import { createOutboxAdapter } from './outbox.js';
import { createAfricasTalkingSms } from './sms/africastalking.js';
import { createSmsInbound, type SmsInbound } from './sms/inbound.js';
import { createUssdService, type UssdService } from './ussd/ussd.service.js';

export interface MessagingDeps {
  db: Db;
  config: Config;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  log: Logger;
  /** The job queue, once built (it is made after the services). */
  queue: () => JobQueue | undefined;
  /** Replace adapters (tests). */
  adapters?: Partial<{ sms: ChannelAdapter; email: ChannelAdapter | null }>;
}

export interface Messaging {
  messages: MessagesService;
  notifier: NotifierService;
  rules: NotificationRulesService;
  /** Which adapter carries SMS: `sms` (Africa's Talking) or `outbox`. */
  smsAdapter: ChannelAdapter['channel'];
  emailEnabled: boolean;
}

export interface ChannelsDeps {
  messaging: Messaging;
  db: Db;
  vault: Vault;
  clock: Clock;
  log: Logger;
  intake: IntakeService;
  cases: CasesRepo;
  escalations: Escalations;
  /** Replace the default SOS, responder-reply and USSD-feedback behaviour (see hooks.ts). */
  hooks?: Partial<ChannelHooks>;
}

/** Everything channel-related the app holds: messaging plus the inbound SMS and USSD handlers. */
export interface Channels extends Messaging {
  sms: SmsInbound;
  ussd: UssdService;
}

/** The SMS adapter the configuration asks for. */
export function smsAdapterFrom(config: Config): ChannelAdapter {
  if (config.SMS_ADAPTER === 'africastalking') {
    return createAfricasTalkingSms({
      username: config.AT_USERNAME!,
      apiKey: config.AT_API_KEY!,
      senderId: config.AT_SENDER_ID,
      baseUrl: config.AT_BASE_URL,
      timeoutMs: config.AT_TIMEOUT_MS,
    });
  }
  return createOutboxAdapter();
}

/**
 * Outbound messaging: adapters, the message service and the notifier. Built before alerting (which
 * notifies through it); the inbound handlers come later, once intake exists (`createChannels`).
 */
export function createMessaging(deps: MessagingDeps): Messaging {
  const { db, config, vault, audit, clock, log } = deps;
  const repo = createMessagesRepo(db);
  const rules = createNotificationRulesService({ db, repo, vault, audit });
  const sms = deps.adapters?.sms ?? smsAdapterFrom(config);
  const email =
    deps.adapters?.email !== undefined
      ? deps.adapters.email
      : createSmtpEmail({ url: config.SMTP_URL, from: config.SMTP_FROM });
  const messages = createMessagesService({
    db,
    repo,
    rules,
    vault,
    clock,
    log,
    queue: deps.queue,
    adapters: { sms, email, inapp: createInAppAdapter() },
    retry: { maxAttempts: config.MESSAGE_MAX_ATTEMPTS, delaySeconds: config.MESSAGE_RETRY_DELAY_SECONDS },
  });
  return {
    messages,
    rules,
    notifier: createNotifier({ db, clock, messages, rules }),
    smsAdapter: sms.channel,
    emailEnabled: email !== null,
  };
}

/** Inbound SMS and USSD on top of messaging: keywords, intake, SOS, feedback. */
export function createChannels(deps: ChannelsDeps): Channels {
  const { db, vault, clock, log, messaging } = deps;
  const repo = createMessagesRepo(db);
  const hooks: ChannelHooks = { ...defaultHooks, ...deps.hooks };
  const hookContext = { intake: deps.intake, cases: deps.cases, escalations: deps.escalations, clock };
  return {
    ...messaging,
    sms: createSmsInbound({ db, repo, messages: messaging.messages, vault, clock, log, hooks, hookContext }),
    ussd: createUssdService({ db, vault, clock, log, hooks, hookContext }),
  };
}
