import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { CasesRepo } from '../modules/cases/cases.repo.js';
import type { IntakeService } from '../modules/cases/intake.service.js';
import type { MessagesRepo } from '../modules/messages/messages.repo.js';
import type { MessagesService } from '../modules/messages/messages.service.js';
import type { Vault } from '../security/vault.js';
import type { UssdMenuLists } from '../../shared/ussd-menu.js';
import type { ChannelAdapter } from './adapter.js';
import { createSmtpEmail } from './email/smtp.js';
import { completeHooks, type ChannelHooks } from './hooks.js';
import { createInAppAdapter } from './inapp.js';
import { createOutboxAdapter } from './outbox.js';
import { createAfricasTalkingSms } from './sms/africastalking.js';
import { createConversation, type Conversation, type ConversationDeps } from './sms/conversation.js';
import { createSmsInbound, type SmsInbound } from './sms/inbound.js';
import { createUssdSessionsRepo } from './ussd/ussd.repo.js';
import { createUssdService, type UssdService } from './ussd/ussd.service.js';

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

export interface Adapters {
  sms: ChannelAdapter;
  /** Null when no SMTP server is configured. */
  email: ChannelAdapter | null;
  inapp: ChannelAdapter;
}

/** The outbound adapters the configuration asks for; `replace` swaps any of them (tests). */
export function adaptersFrom(
  config: Config,
  replace?: Partial<{ sms: ChannelAdapter; email: ChannelAdapter | null }>,
): Adapters {
  return {
    sms: replace?.sms ?? smsAdapterFrom(config),
    email:
      replace?.email !== undefined
        ? replace.email
        : createSmtpEmail({ url: config.SMTP_URL, from: config.SMTP_FROM }),
    inapp: createInAppAdapter(),
  };
}

export interface InboundDeps {
  db: Db;
  vault: Vault;
  clock: Clock;
  log: Logger;
  /** Outbound messages (replies) and the message rows inbound SMS are recorded in. */
  messages: MessagesService;
  messagesRepo: MessagesRepo;
  intake: IntakeService;
  cases: CasesRepo;
  /** SOS, CANCEL and responders' replies (the network module); USSD feedback has a default. */
  hooks: Partial<ChannelHooks>;
  /** The organisation's USSD menu lists (the rules module's `ussd_menu`). */
  ussdMenu?: () => Promise<UssdMenuLists>;
  /** Conversations with reporters: the audit, the case team's notifier, need-to-know and the window. */
  conversation: Pick<ConversationDeps, 'audit' | 'notifier' | 'windowHours' | 'loadForActor'>;
}

/** The inbound channels: SMS keywords and reports, and USSD sessions. */
export interface Inbound {
  sms: SmsInbound;
  ussd: UssdService;
  conversation: Conversation;
}

/** Inbound SMS and USSD on top of the messages module: keywords, intake, SOS, feedback. */
export function createInbound(deps: InboundDeps): Inbound {
  const { db, vault, clock, log, messages } = deps;
  const hooks = completeHooks(deps.hooks);
  const hookContext = { intake: deps.intake, cases: deps.cases, clock };
  const conversation = createConversation({
    db,
    cases: deps.cases,
    vault,
    clock,
    messages,
    ...deps.conversation,
  });
  return {
    conversation,
    sms: createSmsInbound({
      db,
      repo: deps.messagesRepo,
      messages,
      vault,
      clock,
      log,
      hooks,
      hookContext,
      conversation,
    }),
    ussd: createUssdService({
      ...(deps.ussdMenu ? { menu: deps.ussdMenu } : {}),
      sessions: createUssdSessionsRepo(db),
      vault,
      clock,
      log,
      hooks,
      hookContext,
      conversation,
    }),
  };
}
