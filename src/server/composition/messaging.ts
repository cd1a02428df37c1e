import type { Logger } from 'pino';
import { adaptersFrom } from '../channels/index.js';
import type { ChannelAdapter } from '../channels/adapter.js';
import type { NotifierService } from '../channels/notifier.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import { createMessagesRepo, type MessagesRepo } from '../modules/messages/messages.repo.js';
import { createMessagesService, type MessagesService } from '../modules/messages/messages.service.js';
import { createNotificationRulesRepo } from '../modules/messages/notification-rules.repo.js';
import {
  createNotificationRulesService,
  type NotificationRulesService,
} from '../modules/messages/notification-rules.service.js';
import { createNotifier, type PushPort } from '../modules/messages/notifier.js';
import { createPhonesRepo } from '../modules/users/phones.repo.js';
import { createVerifiedPhoneReader } from '../modules/users/staff-phone.js';
import type { UsersRepo } from '../modules/users/users.repo.js';
import type { Audit } from '../security/audit.js';
import type { Vault } from '../security/vault.js';

export interface MessagingDeps {
  db: Db;
  config: Config;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  log: Logger;
  users: Pick<UsersRepo, 'findById'>;
  /** Where `message.send` jobs go; none in a process that runs no jobs. */
  queue: Pick<JobQueue, 'send'> | undefined;
  /** Web Push, built after alerting (its Acknowledge button acknowledges alerts). */
  push?: () => PushPort | undefined;
  /** Replace adapters (tests). */
  adapters?: Partial<{ sms: ChannelAdapter; email: ChannelAdapter | null }>;
}

/** Outbound messaging: the message service over the channel adapters, notification rules, the notifier. */
export interface Messaging {
  messages: MessagesService;
  rules: NotificationRulesService;
  notifier: NotifierService;
  /** The message rows (inbound SMS are recorded there too). */
  repo: MessagesRepo;
}

/** The messages module wired to the configured adapters. Built before alerting (which notifies). */
export function createMessaging(deps: MessagingDeps): Messaging {
  const { db, config, vault, audit, clock, log, users } = deps;
  const repo = createMessagesRepo(db);
  const rules = createNotificationRulesService({
    db,
    repo: createNotificationRulesRepo(db),
    users,
    vault,
    audit,
    // SMS-first: a user without rules of their own is texted at their verified phone after a short delay.
    verifiedPhone: createVerifiedPhoneReader({ phones: createPhonesRepo(db), vault }),
  });
  const messages = createMessagesService({
    db,
    repo,
    rules,
    vault,
    clock,
    log,
    queue: deps.queue,
    adapters: adaptersFrom(config, deps.adapters),
    retry: { maxAttempts: config.MESSAGE_MAX_ATTEMPTS, delaySeconds: config.MESSAGE_RETRY_DELAY_SECONDS },
  });
  return {
    messages,
    rules,
    repo,
    notifier: createNotifier({ users, clock, messages, rules, ...(deps.push ? { push: deps.push } : {}) }),
  };
}
