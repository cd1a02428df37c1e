import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isIdempotencyKey } from '../../shared/idempotency.js';
import type { Db } from '../db/client.js';
import { setBatchScopeSource, type BatchScope } from '../db/bulk.js';
import { installTransactionHook } from '../db/transaction-hook.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { aad } from '../security/aad.js';
import type { Vault } from '../security/vault.js';
import { createIdempotencyRepo } from './idempotency.repo.js';

/** Keys (and the answers they keep) live this long: long enough for a phone to come back online. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 1000;
const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Pending {
  userId: string;
  key: string;
  method: string;
  route: string;
  requestHash: string;
  /** Written inside the request's first transaction (or the one statement that made its change). */
  claimed: boolean;
  batchScope?: BatchScope;
}
const scope = new AsyncLocalStorage<{ pending: Pending }>();
const pendingOf = new WeakMap<FastifyRequest, Pending>();

function requestHash(request: FastifyRequest): string {
  // A binary body (an evidence chunk, up to 4 MB) is hashed as bytes, not as a JSON array of numbers.
  if (Buffer.isBuffer(request.body))
    return createHash('sha256')
      .update(JSON.stringify([request.method, request.routeOptions.url, request.params ?? {}, 'bytes']))
      .update(request.body)
      .digest('hex');
  return createHash('sha256')
    .update(
      JSON.stringify([request.method, request.routeOptions.url, request.params ?? {}, request.body ?? null]),
    )
    .digest('hex');
}

/**
 * `Idempotency-Key` on staff writes (DESIGN §9): the first request with a key does its work and its key
 * is written in the same transaction as the change (db/transaction-hook.ts); its answer is kept,
 * encrypted. A replay with the same key gets that first answer (`Idempotent-Replayed: true`) and
 * changes nothing; the same key with another request is refused; a replay while the first is still
 * running is told to wait. Requests without the header behave as before.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; vault: Vault; clock: Clock }) => {
    const repo = createIdempotencyRepo(opts.db);
    let lastPurge = 0;

    installTransactionHook(opts.db, async (tx) => {
      const pending = scope.getStore()?.pending;
      if (!pending || pending.claimed) return;
      if (!(await repo.claim(pending, tx))) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      pending.claimed = true;
    });

    // A one-statement batch (intake writes a case that way, with no transaction block) carries the key.
    setBatchScopeSource(() => {
      const pending = scope.getStore()?.pending;
      if (!pending || pending.claimed) return undefined;
      pending.batchScope ??= {
        addTo(batch) {
          if (pending.claimed) return;
          repo.claimIn(batch, pending);
          batch.onWritten(() => {
            pending.claimed = true;
          });
        },
      };
      return pending.batchScope;
    });

    // After the auth plugin's onRequest (the user is known): a malformed key is refused before any work.
    app.addHook('onRequest', async (request) => {
      const header = request.headers['idempotency-key'];
      if (header === undefined || !writes.has(request.method) || !request.auth) return;
      if (typeof header !== 'string' || !isIdempotencyKey(header))
        throw new AppError('IDEMPOTENCY_KEY_INVALID');
    });

    // After the body is parsed: a replay is answered from the kept answer; a first request is marked.
    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !writes.has(request.method) || !request.auth) return;
      const userId = request.auth.user.id;
      const hash = requestHash(request);
      const seen = await repo.find(userId, key);
      if (seen) {
        if (seen.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        if (seen.statusCode === null || !seen.dataKeyId || !seen.responseEnc) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS');
        }
        const body = await opts.vault.decrypt(
          seen.dataKeyId,
          seen.responseEnc,
          aad('idempotency_keys', 'response', key),
        );
        return reply
          .code(seen.statusCode)
          .header('idempotent-replayed', 'true')
          .type('application/json; charset=utf-8')
          .send(body);
      }
      pendingOf.set(request, {
        userId,
        key,
        method: request.method,
        route: request.routeOptions.url ?? '',
        requestHash: hash,
        claimed: false,
      });
    });

    // Callback style, last before the handler: the handler and every transaction it opens run inside
    // this request's scope, where the transaction hook finds the key to write.
    app.addHook('preHandler', (request, _reply, done) => {
      const pending = pendingOf.get(request);
      if (!pending) return done();
      scope.run({ pending }, done);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const pending = pendingOf.get(request);
      if (!pending || reply.getHeader('idempotent-replayed')) return payload;
      const statusCode = reply.statusCode;
      // A refusal before any change: nothing was done, so a retry may do it.
      if (!pending.claimed && statusCode >= 400) return payload;
      // Only JSON answers are kept (a file or a stream is fetched again, not replayed from here).
      if (typeof payload !== 'string') return payload;
      const body = payload;
      await scope.exit(async () => {
        if (!pending.claimed && !(await repo.claim(pending))) return;
        pending.claimed = true;
        const dataKeyId = await opts.vault.createDataKey('idempotency');
        const responseEnc = await opts.vault.encrypt(
          dataKeyId,
          body,
          aad('idempotency_keys', 'response', pending.key),
        );
        await repo.saveAnswer(pending.userId, pending.key, { statusCode, dataKeyId, responseEnc });
        const now = opts.clock.now().getTime();
        if (now - lastPurge > PURGE_EVERY_MS) {
          lastPurge = now;
          await repo.purgeBefore(new Date(now - IDEMPOTENCY_TTL_MS));
        }
      });
      return payload;
    });
  },
  { name: 'dharura-idempotency', dependencies: ['dharura-auth'] },
);
