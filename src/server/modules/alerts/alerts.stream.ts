import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AlertBus } from './alerts.bus.js';

const HEARTBEAT_MS = 15_000;

export interface AlertStreamDeps {
  bus: Pick<AlertBus, 'subscribe'>;
  /** Read-only: the stream never keeps a session alive. */
  sessionAlive(sessionId: string): Promise<boolean>;
}

/**
 * The live alert stream (Server-Sent Events): `event: ready` on every (re)connect, then `event: alert`
 * with {alertId, event, at} for each alert event the bus delivers, and a heartbeat that also ends the
 * stream once its session has ended. `closeAll` ends every open stream (before the server closes, so
 * shutdown does not wait on them).
 */
export function createAlertStreams(deps: AlertStreamDeps) {
  const { bus, sessionAlive } = deps;
  /** Open live streams. */
  const streams = new Set<() => void>();

  async function open(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
      throw new AppError('EVENT_STREAM_ONLY');
    }
    const sessionId = request.auth!.sessionId;
    const res = reply.raw;
    const queue: string[] = [];
    let closed = false;
    const write = (chunk: string) => {
      if (!closed) res.write(chunk);
    };
    // Events arriving while the LISTEN is being set up are held until the headers are out.
    let ready = false;
    const unsubscribe = await bus.subscribe((e) => {
      const chunk = `event: alert\ndata: ${JSON.stringify(e)}\n\n`;
      if (ready) write(chunk);
      else queue.push(chunk);
    });
    reply.hijack();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Clients refetch GET /api/alerts on `ready` (first connect and every reconnect).
    res.write(`retry: 3000\n\nevent: ready\ndata: {}\n\n`);
    ready = true;
    for (const chunk of queue.splice(0)) write(chunk);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(close);
      res.end();
    };
    const heartbeat = setInterval(() => {
      write(': heartbeat\n\n');
      // The stream does not keep a session alive: once it ends or is revoked, the stream ends too.
      void sessionAlive(sessionId)
        .then((alive) => {
          if (!alive) close();
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    streams.add(close);
    // The response's close: the client went away (the request's own close fires once it is read).
    res.on('close', close);
    res.on('error', close);
  }

  return {
    open,
    closeAll(): void {
      for (const close of [...streams]) close();
    },
  };
}
