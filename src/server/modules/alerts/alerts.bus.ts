import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import { alertEventTypes, type AlertEvent } from '../../../shared/contracts/alerts.js';
import { pgNotify, type Listening, type PgNotify } from './bus.repo.js';

export const ALERTS_CHANNEL = 'dharura_alerts';

/**
 * Fan-out of alert events to every app instance's live streams. Payloads are ids and event names only.
 *
 * - PostgreSQL: `pg_notify` in the writer's transaction (delivered on commit, dropped on rollback) and
 *   one dedicated `LISTEN` connection per instance, opened when the first stream subscribes.
 * - PGlite: single process by design, so an in-process emitter.
 */
export interface AlertBus {
  publish(event: AlertEvent, tx: Executor): Promise<void>;
  /** Events of rows written by `batch`: sent by its statement, delivered once it has committed. */
  publishWith(batch: InsertBatch, events: AlertEvent[]): void;
  /** Resolves once events will be delivered (the LISTEN is in place); returns the unsubscribe. */
  subscribe(listener: (event: AlertEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

function parseEvent(payload: string | undefined): AlertEvent | null {
  if (!payload) return null;
  try {
    const v = JSON.parse(payload) as Partial<AlertEvent>;
    if (
      typeof v.alertId === 'string' &&
      typeof v.at === 'string' &&
      (alertEventTypes as readonly string[]).includes(v.event as string)
    ) {
      return { alertId: v.alertId, event: v.event!, at: v.at };
    }
  } catch {
    // Someone else's NOTIFY on our channel; ignore it.
  }
  return null;
}

export function createLocalAlertBus(): AlertBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      // After the current tick: on the single-connection embedded database a reader waits for the
      // writer's transaction anyway, so a client that refetches on this event sees the change.
      setImmediate(() => emitter.emit('alert', event));
    },
    publishWith(batch, events) {
      if (events.length === 0) return;
      batch.onWritten(() => {
        for (const event of events) emitter.emit('alert', event);
      });
    },
    async subscribe(listener) {
      emitter.on('alert', listener);
      return () => emitter.off('alert', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export function createPgAlertBus(opts: { databaseUrl: string; log: Logger; notify?: PgNotify }): AlertBus {
  const { log } = opts;
  const statements = opts.notify ?? pgNotify;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: Listening | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const listening = () => emitter.listenerCount('alert') > 0;

  const lost = (c: Listening, err?: Error) => {
    if (client !== c) return;
    client = null;
    void c.end();
    if (closed || !listening()) return;
    log.warn({ err: err ? { message: err.message } : undefined }, 'alert stream listener lost; reconnecting');
    // Streams stay open; events in the gap are missed, so clients refetch on the next `ready`.
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void ensure().catch(() => undefined);
    }, 1000);
    retryTimer.unref();
  };

  async function connect(): Promise<void> {
    const c = await statements.listen({
      databaseUrl: opts.databaseUrl,
      channel: ALERTS_CHANNEL,
      onPayload: (payload) => {
        const event = parseEvent(payload);
        if (event) emitter.emit('alert', event);
      },
      onLost: lost,
    });
    if (closed) {
      await c.end();
      return;
    }
    client = c;
  }

  async function ensure(): Promise<void> {
    if (client || closed) return;
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async publish(event, tx) {
      await statements.notify(ALERTS_CHANNEL, JSON.stringify(event), tx);
    },
    publishWith(batch, events) {
      statements.notifyWith(
        batch,
        ALERTS_CHANNEL,
        events.map((e) => JSON.stringify(e)),
      );
    },
    async subscribe(listener) {
      emitter.on('alert', listener);
      try {
        await ensure();
      } catch (err) {
        emitter.off('alert', listener);
        throw err;
      }
      return () => {
        emitter.off('alert', listener);
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      emitter.removeAllListeners();
      await connecting?.catch(() => undefined);
      const c = client;
      client = null;
      if (c) await c.end();
    },
  };
}
