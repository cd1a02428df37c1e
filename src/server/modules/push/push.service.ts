import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushPayload, PushStatusView, PushSubscriptionBody } from '../../../shared/contracts/push.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { JOB_PUSH_SEND, send as sendJob } from '../../jobs/catalogue.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type { SettingsRepo } from '../settings/settings.repo.js';
import type { PushRepo, PushSubscriptionRow } from './push.repo.js';

export interface PushDeps {
  db: Executor;
  repo: PushRepo;
  settings: Pick<SettingsRepo, 'get' | 'put'>;
  vault: Vault;
  clock: Clock;
  queue: Pick<JobQueue, 'send' | 'sendMany'> | undefined;
  /** `mailto:` or `https:` contact the push services may use (RFC 8292). */
  subject: string;
  /** An HTTPS agent for the push services (one that also trusts `PUSH_CA_FILE`), else Node's default. */
  agent?: Agent;
  /** Acknowledge an alert as this user, `via: 'push'` (the alerts module). */
  acknowledge(alertId: string, userId: string): Promise<{ number: number | null }>;
}

export interface PushNotifyInput {
  userId: string;
  alertId: string | null;
  priority: PushPayload['priority'];
  body: string;
  lang: 'en' | 'sw';
  idempotencyKey: string;
}

const VAPID_KEY = 'push.vapid';
const ACK_TOKEN_HOURS = 12;
const sealed = aadOf('push_subscriptions');
const ackLabel = { en: 'Acknowledge', sw: 'Pokea' } as const;

interface StoredVapid {
  publicKey: string;
  privateKeyEnc: string;
  dataKeyId: string;
}

/**
 * Web Push (DESIGN §9): VAPID keys made on first use (the private key sealed in the settings), browsers'
 * subscriptions sealed per row, and a durable job per page that sends an end-to-end encrypted payload to
 * each of the user's browsers. Push goes alongside the notification rules, never instead of them: a push
 * that fails changes nothing else.
 */
export function createPushService(deps: PushDeps) {
  const { db, repo, settings, vault, clock, queue } = deps;
  let vapid: { publicKey: string; privateKey: string } | null = null;

  async function keys() {
    if (vapid) return vapid;
    let stored = (await settings.get(VAPID_KEY)) as StoredVapid | undefined;
    if (!stored) {
      const made = webpush.generateVAPIDKeys();
      const dataKeyId = await vault.createDataKey('push');
      const privateKeyEnc = await vault.encrypt(
        dataKeyId,
        made.privateKey,
        aad('org_settings', 'vapid_private_key', VAPID_KEY),
      );
      // Two instances starting at once: the first write wins, both read it back.
      const existing = (await settings.get(VAPID_KEY)) as StoredVapid | undefined;
      if (!existing)
        await settings.put(VAPID_KEY, { publicKey: made.publicKey, privateKeyEnc, dataKeyId }, null);
      stored = ((await settings.get(VAPID_KEY)) as StoredVapid | undefined)!;
    }
    const privateKey = await vault.decrypt(
      stored.dataKeyId,
      stored.privateKeyEnc,
      aad('org_settings', 'vapid_private_key', VAPID_KEY),
    );
    vapid = { publicKey: stored.publicKey, privateKey };
    return vapid;
  }

  function checkEndpoint(endpoint: string) {
    if (new URL(endpoint).protocol !== 'https:') throw new AppError('PUSH_ENDPOINT_INVALID');
  }

  async function open(row: PushSubscriptionRow) {
    if (!row.dataKeyId) return null;
    const endpoint = await vault.decrypt(row.dataKeyId, row.endpointEnc, sealed('endpoint', row.id));
    const k = JSON.parse(await vault.decrypt(row.dataKeyId, row.keysEnc, sealed('keys', row.id))) as {
      p256dh: string;
      auth: string;
    };
    return { endpoint, keys: k };
  }

  return {
    async status(userId: string): Promise<PushStatusView> {
      const rows = await repo.forUser(userId);
      return {
        publicKey: (await keys()).publicKey,
        devices: rows.map((r) => ({
          label: r.label,
          createdAt: r.createdAt.toISOString(),
          lastSentAt: r.lastSentAt?.toISOString() ?? null,
        })),
      };
    },

    async subscribe(userId: string, body: PushSubscriptionBody): Promise<void> {
      checkEndpoint(body.endpoint);
      const bidx = vault.blindIndex('push-endpoint', body.endpoint);
      const label = body.label ?? null;
      const existing = await repo.byEndpoint(bidx);
      if (existing) return repo.reassign(existing.id, userId, label);
      const id = crypto.randomUUID();
      const dataKeyId = await vault.createDataKey('push');
      await repo.insert({
        id,
        userId,
        endpointBidx: bidx,
        dataKeyId,
        endpointEnc: await vault.encrypt(dataKeyId, body.endpoint, sealed('endpoint', id)),
        keysEnc: await vault.encrypt(dataKeyId, JSON.stringify(body.keys), sealed('keys', id)),
        label,
      });
    },

    async unsubscribe(userId: string, endpoint: string): Promise<number> {
      return repo.removeForUser(userId, vault.blindIndex('push-endpoint', endpoint));
    },

    /** Queue a push to every browser of the user; one job per page (the key makes a duplicate a no-op). */
    async notify(input: PushNotifyInput): Promise<void> {
      if (!(await repo.hasAny(input.userId))) return;
      await sendJob(
        queue,
        JOB_PUSH_SEND,
        {
          userId: input.userId,
          alertId: input.alertId,
          priority: input.priority,
          body: input.body,
          lang: input.lang,
        },
        { singletonKey: `push:${input.idempotencyKey}`, priority: input.priority === 'P1' ? 10 : 0 },
      );
    },

    /** The job: send to each browser; a gone subscription (404/410) is removed, others are counted. */
    async send(job: Omit<PushNotifyInput, 'idempotencyKey'>): Promise<{ sent: number; removed: number }> {
      const rows = await repo.forUser(job.userId);
      if (rows.length === 0) return { sent: 0, removed: 0 };
      const now = clock.now();
      let ackToken: string | null = null;
      if (job.alertId) {
        ackToken = randomToken(24);
        await repo.insertAckToken({
          tokenHash: sha256Hex(ackToken),
          alertId: job.alertId,
          userId: job.userId,
          expiresAt: new Date(now.getTime() + ACK_TOKEN_HOURS * 3600_000),
        });
      }
      const payload: PushPayload = {
        title: job.priority ? `Dharura ${job.priority}` : 'Dharura',
        body: job.body,
        priority: job.priority,
        alertId: job.alertId,
        ackToken,
        url: '/alerts',
        lang: job.lang,
        ackLabel: ackLabel[job.lang],
      };
      const v = await keys();
      let sent = 0;
      let removed = 0;
      for (const row of rows) {
        const sub = await open(row);
        if (!sub) continue;
        try {
          await webpush.sendNotification(sub, JSON.stringify(payload), {
            vapidDetails: { subject: deps.subject, publicKey: v.publicKey, privateKey: v.privateKey },
            TTL: 4 * 3600,
            urgency: job.priority === 'P1' || job.priority === 'P2' ? 'high' : 'normal',
            timeout: 10_000,
            ...(deps.agent ? { agent: deps.agent } : {}),
          });
          await repo.markSent(row.id, now);
          sent += 1;
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) {
            await repo.remove(row.id);
            removed += 1;
          } else {
            await repo.markFailed(row.id);
          }
        }
      }
      return { sent, removed };
    },

    /** The notification's "Acknowledge" button: the token is the credential (single use, 12 hours). */
    async acknowledge(token: string): Promise<{ acknowledged: boolean; number: number | null }> {
      const row = await repo.useAckToken(sha256Hex(token), clock.now());
      if (!row) throw new AppError('PUSH_TOKEN_INVALID');
      const { number } = await deps.acknowledge(row.alertId, row.userId);
      return { acknowledged: true, number };
    },

    purge: () => repo.purgeAckTokens(clock.now(), db),
  };
}
export type PushService = ReturnType<typeof createPushService>;
