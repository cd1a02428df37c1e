import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import { ChannelError, safeErrorCode, type ChannelAdapter } from '../../channels/adapter.js';
import { JOB_MESSAGE_SEND, send } from '../../jobs/catalogue.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Clock } from '../../lib/clock.js';
import { aadOf } from '../../security/aad.js';
import { ShreddedError, type Vault } from '../../security/vault.js';
import type { MessageRow, MessagesRepo } from './messages.repo.js';
import type { RuleChannel } from '../../../shared/contracts/messages.js';
import type { NotificationRulesService } from './notification-rules.service.js';

export interface EnqueueInput {
  /** The channel the recipient gets it on; SMS goes through the configured SMS adapter. */
  channel: RuleChannel;
  /** E.164 phone, email address, or (in-app) the user id. */
  to: string;
  body: string;
  /** A second enqueue with the same key returns the first message and sends nothing. */
  idempotencyKey: string;
  userId?: string | null;
  caseId?: string | null;
  /** Send at this time instead of now (a later notification rule). */
  startAfter?: Date;
  fallbackOf?: string;
}

export interface MessagesDeps {
  db: Db;
  repo: MessagesRepo;
  rules: NotificationRulesService;
  vault: Vault;
  clock: Clock;
  log: Logger;
  /** Where `message.send` jobs go (none in a process that runs no jobs). */
  queue: Pick<JobQueue, 'send'> | undefined;
  adapters: { sms: ChannelAdapter; email: ChannelAdapter | null; inapp: ChannelAdapter };
  retry: { maxAttempts: number; delaySeconds: number };
}

class AlreadyExists extends Error {}

/** A worker that has not finished a send in this long is presumed dead; its message is taken over. */
const SENDING_STALE_MS = 2 * 60_000;

/** Map a delivery report's status to ours; null: no change (the gateway is still working on it). */
export function deliveryStatus(raw: string): 'delivered' | 'failed' | null {
  const s = raw.trim().toLowerCase();
  if (s === 'success') return 'delivered';
  if (s === 'failed' || s === 'rejected') return 'failed';
  return null;
}

/**
 * Every message in and out. Outbound: a row first (address and body encrypted, idempotency key unique),
 * then a `message.send` job, so a crash between the two loses nothing (the minute sweep re-queues rows
 * whose job went missing). The job claims the row, hands it to the adapter, and on a transient failure
 * throws so pg-boss retries with exponential backoff; after the last attempt (or a permanent failure)
 * the message is `failed` and, for a user, the next channel of their notification rules takes over.
 *
 * Keys: a message about a case is encrypted under the case's data key, so crypto-shredding the case
 * shreds its SMS thread too (an SMS report's text *is* its narrative). Anything else gets a data key of
 * its own, so no message outlives its purpose just because it shared a key with something kept longer.
 */
export function createMessagesService(deps: MessagesDeps) {
  const { db, repo, rules, vault, clock, log, queue, adapters, retry } = deps;
  const aad = aadOf('messages');

  function adapterFor(row: Pick<MessageRow, 'channel'>): ChannelAdapter | null {
    switch (row.channel) {
      case 'sms':
      case 'outbox':
        return adapters.sms;
      case 'email':
        return adapters.email;
      case 'inapp':
        return adapters.inapp;
      default:
        return null;
    }
  }
  /** The row's channel is the adapter that carries it: SMS in development is recorded as `outbox`. */
  const rowChannel = (channel: RuleChannel): string => (channel === 'sms' ? adapters.sms.channel : channel);
  const ruleChannel = (row: Pick<MessageRow, 'channel'>): RuleChannel =>
    row.channel === 'outbox' ? 'sms' : (row.channel as RuleChannel);

  const bidxOf = (channel: RuleChannel, to: string) =>
    channel === 'sms'
      ? vault.blindIndex('phone', to)
      : channel === 'email'
        ? vault.blindIndex('email', to)
        : null;

  async function keyFor(caseId: string | null | undefined, tx: Executor): Promise<string> {
    if (caseId) {
      const k = await repo.caseDataKey(caseId, tx);
      if (k) return k;
    }
    return vault.createDataKey('message', tx);
  }

  async function schedule(id: string, dueAt: Date): Promise<void> {
    if (!queue) return;
    try {
      const future = dueAt.getTime() > clock.now().getTime();
      await send(queue, JOB_MESSAGE_SEND, { messageId: id }, future ? { startAfter: dueAt } : {});
    } catch (err) {
      // The row is the durable truth: the minute sweep queues it again.
      log.warn({ err: { message: (err as Error).message }, messageId: id }, 'message job not queued');
    }
  }

  async function enqueue(input: EnqueueInput): Promise<{ id: string; created: boolean }> {
    const existing = await repo.findByKey(input.idempotencyKey);
    if (existing) return { id: existing.id, created: false };
    const id = randomUUID();
    const now = clock.now();
    const dueAt = input.startAfter && input.startAfter > now ? input.startAfter : now;
    try {
      await db.transaction(async (tx) => {
        const dataKeyId = await keyFor(input.caseId, tx);
        const inserted = await repo.insertOnce(
          {
            id,
            direction: 'out',
            channel: rowChannel(input.channel),
            idempotencyKey: input.idempotencyKey,
            userId: input.userId ?? null,
            caseId: input.caseId ?? null,
            addressEnc: await vault.encrypt(dataKeyId, input.to, aad('address', id), tx),
            addressBidx: bidxOf(input.channel, input.to),
            bodyEnc: await vault.encrypt(dataKeyId, input.body, aad('body', id), tx),
            dataKeyId,
            status: dueAt > now ? 'scheduled' : 'queued',
            fallbackOf: input.fallbackOf ?? null,
            createdAt: now,
            updatedAt: dueAt,
          },
          tx,
        );
        // Lost a race with the same key: roll back (and the data key with it).
        if (!inserted) throw new AlreadyExists();
      });
    } catch (err) {
      if (!(err instanceof AlreadyExists)) throw err;
      const row = await repo.findByKey(input.idempotencyKey);
      return { id: row!.id, created: false };
    }
    await schedule(id, dueAt);
    return { id, created: true };
  }

  async function open(row: MessageRow): Promise<{ to: string; body: string }> {
    if (!row.dataKeyId || !row.addressEnc || !row.bodyEnc) throw new ShreddedError('message has no content');
    return {
      to: await vault.decrypt(row.dataKeyId, row.addressEnc, aad('address', row.id)),
      body: await vault.decrypt(row.dataKeyId, row.bodyEnc, aad('body', row.id)),
    };
  }

  /** The channels already tried for this notification (this message and the ones it stands in for). */
  async function triedChannels(row: MessageRow): Promise<Set<RuleChannel>> {
    const tried = new Set<RuleChannel>([ruleChannel(row)]);
    let prev = row.fallbackOf;
    for (let i = 0; prev && i < 10; i++) {
      const p = await repo.findById(prev);
      if (!p) break;
      tried.add(ruleChannel(p));
      prev = p.fallbackOf;
    }
    return tried;
  }

  /**
   * After a final failure: the next channel in the user's rules that this notification has not tried,
   * else in-app (which cannot fail). A phone-only recipient has nowhere else to go: the failure stands.
   */
  async function fallBack(row: MessageRow, body: string): Promise<string | null> {
    if (!row.userId || row.direction !== 'out' || !row.idempotencyKey) return null;
    const tried = await triedChannels(row);
    const effective = await rules.effective(row.userId);
    const failedAt = effective.findIndex((r) => r.channel === ruleChannel(row));
    const ordered =
      failedAt >= 0 ? [...effective.slice(failedAt + 1), ...effective.slice(0, failedAt)] : effective;
    const next =
      ordered.find((r) => !tried.has(r.channel) && (r.channel === 'inapp' || r.contact)) ??
      (tried.has('inapp') ? null : { channel: 'inapp' as const, contact: null });
    if (!next) return null;
    const { id } = await enqueue({
      channel: next.channel,
      to: next.channel === 'inapp' ? row.userId : next.contact!,
      body,
      idempotencyKey: `${row.idempotencyKey}>fallback`,
      userId: row.userId,
      caseId: row.caseId,
      fallbackOf: row.id,
    });
    log.info({ messageId: row.id, fallbackId: id, channel: next.channel }, 'message failed over');
    return id;
  }

  return {
    enqueue,
    retryPolicy: { limit: retry.maxAttempts, delaySeconds: retry.delaySeconds },

    /**
     * The `message.send` job. Idempotent: a message that is not due, already sent, or being sent by
     * another worker is left alone. Throws on a transient failure so the queue retries with backoff.
     */
    async deliver(messageId: string): Promise<void> {
      const now = clock.now();
      const row = await repo.claim(messageId, now, new Date(now.getTime() - SENDING_STALE_MS));
      if (!row) return;
      let content: { to: string; body: string };
      try {
        content = await open(row);
      } catch (err) {
        if (!(err instanceof ShreddedError)) throw err;
        // The case was crypto-shredded: there is nothing left to send, and nothing to fall back with.
        await repo.update(row.id, { status: 'failed', lastError: 'shredded', updatedAt: clock.now() });
        return;
      }
      const adapter = adapterFor(row);
      try {
        if (!adapter) throw new ChannelError(`${row.channel}:disabled`, true);
        const result = await adapter.send({ id: row.id, to: content.to, body: content.body });
        const at = clock.now();
        await repo.transition(row.id, ['sending'], {
          status: result.status,
          gatewayId: result.gatewayId ?? null,
          lastError: null,
          updatedAt: at,
          ...(result.status === 'delivered' ? { deliveredAt: at } : {}),
        });
      } catch (err) {
        const e = err instanceof ChannelError ? err : new ChannelError('internal');
        const lastError = safeErrorCode(e.code);
        const final = e.permanent || row.attempts >= retry.maxAttempts;
        await repo.transition(row.id, ['sending'], {
          status: final ? 'failed' : 'queued',
          lastError,
          updatedAt: clock.now(),
        });
        log.warn(
          { messageId: row.id, channel: row.channel, attempt: row.attempts, error: lastError, final },
          'message not sent',
        );
        if (!final)
          throw new Error(`message ${row.id} attempt ${row.attempts} failed: ${lastError}`, { cause: err });
        await fallBack(row, content.body);
      }
    },

    /** Queue again every message whose job went missing (a crash, a process without workers). */
    async sweep(): Promise<number> {
      const now = clock.now().getTime();
      // Longer than the longest backoff, so a message waiting for its retry is not taken early.
      const backoffMs = retry.delaySeconds * 2 ** retry.maxAttempts * 1000;
      const ids = await repo.stale(
        new Date(now - Math.max(2 * 60_000, backoffMs)),
        new Date(now - SENDING_STALE_MS),
        500,
      );
      for (const id of ids) await schedule(id, new Date(now));
      return ids.length;
    },

    /** Cancel notifications still waiting for their time (e.g. the alert was acknowledged). */
    async cancelScheduled(messageIds: string[]): Promise<number> {
      let n = 0;
      for (const id of messageIds) {
        const r = await repo.transition(id, ['scheduled'], { status: 'cancelled', updatedAt: clock.now() });
        if (r) n += 1;
      }
      return n;
    },

    /**
     * A delivery report from the gateway. Unknown ids are ignored; only `sent` moves on, so a repeated
     * report is a no-op. A failed delivery to a user fails over like a failed send.
     */
    async deliveryReport(report: { gatewayId: string; status: string; failureReason?: string | undefined }) {
      const row = await repo.findOutboundByGatewayId(report.gatewayId);
      const to = deliveryStatus(report.status);
      if (!row || !to) return false;
      const at = clock.now();
      const updated = await repo.transition(row.id, ['sent'], {
        status: to,
        updatedAt: at,
        ...(to === 'delivered'
          ? { deliveredAt: at, lastError: null }
          : { lastError: safeErrorCode(`dlr:${report.failureReason || report.status}`) }),
      });
      if (!updated) return false;
      if (to === 'failed' && updated.userId) {
        try {
          await fallBack(updated, (await open(updated)).body);
        } catch (err) {
          if (!(err instanceof ShreddedError)) throw err;
        }
      }
      return true;
    },

    /** Decrypted messages sent to one phone, newest first (the phone simulator's inbox). */
    async sentToPhone(phone: string, limit = 50) {
      const rows = await repo.sentTo(vault.blindIndex('phone', phone), limit);
      const out = [];
      for (const r of rows) {
        const body =
          r.dataKeyId && r.bodyEnc
            ? await vault.decryptOptional(r.dataKeyId, r.bodyEnc, aad('body', r.id))
            : null;
        out.push({ row: r, body });
      }
      return out;
    },

    list: repo.list,
    /** The message log: the lines and the reference of each one's case. */
    async log(q: Parameters<typeof repo.list>[0]) {
      const rows = await repo.list(q);
      const refs = await repo.caseReferences(
        rows.map((r) => r.caseId).filter((x): x is string => Boolean(x)),
      );
      return rows.map((m) => ({ row: m, caseReference: m.caseId ? (refs.get(m.caseId) ?? null) : null }));
    },
    sealFor: { aad, keyFor },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
