import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';

/** A `LISTEN` connection: ends without reporting itself lost. */
export interface Listening {
  end(): Promise<void>;
}

/**
 * PostgreSQL's NOTIFY/LISTEN, the statements behind the live alert stream on a server database:
 * `notify` in the writer's transaction (delivered on commit, dropped on rollback), `notifyWith` in a
 * batch's statement, and `listen` on one dedicated connection.
 */
export const pgNotify = {
  async notify(channel: string, payload: string, tx: Executor): Promise<void> {
    await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
  },

  /** One NOTIFY per payload, sent by `batch`'s statement (so only if it commits). */
  notifyWith(batch: InsertBatch, channel: string, payloads: string[]): void {
    if (payloads.length === 0) return;
    batch.effect(
      sql`select pg_notify(${channel}, e.value #>> '{}')
          from jsonb_array_elements(${JSON.stringify(payloads)}::jsonb) e`,
    );
  },

  /**
   * Open a connection that LISTENs on `channel`. `onLost` is called when it fails or ends (also when a
   * connect that never completed fails: the caller tells which connection it holds by identity).
   */
  async listen(opts: {
    databaseUrl: string;
    channel: string;
    onPayload: (payload: string | undefined) => void;
    onLost: (listening: Listening, err?: Error) => void;
  }): Promise<Listening> {
    const c = new pg.Client({ connectionString: opts.databaseUrl, connectionTimeoutMillis: 5000 });
    const listening: Listening = {
      async end() {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      },
    };
    c.on('notification', (msg) => {
      if (msg.channel === opts.channel) opts.onPayload(msg.payload);
    });
    c.on('error', (err) => opts.onLost(listening, err));
    c.on('end', () => opts.onLost(listening));
    await c.connect();
    await c.query(`LISTEN ${opts.channel}`);
    return listening;
  },
};
export type PgNotify = typeof pgNotify;
