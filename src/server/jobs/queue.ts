import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/client.js';

/**
 * The durable job queue: pg-boss on the same database as everything else, so a job survives restarts,
 * runs at least once, can be scheduled for an exact time, and is safe with several app instances
 * (SKIP LOCKED). Handlers must be idempotent.
 */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  name: string;
  payload: P;
  handler: (data: z.infer<P>, job: { id: string }) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Run on this cron schedule (UTC), once across all instances. */
  cron?: string;
  /** Jobs fetched per poll; timers use a large batch so thousands due at once fire on time. */
  batchSize?: number;
  /** Run the jobs of a batch at the same time (I/O-bound work such as sending to a gateway). */
  parallel?: boolean;
}

export function defineJob<P extends z.ZodType>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface SendOptions {
  startAfter?: Date;
  /** At most one queued job with this key at a time (e.g. one escalation step per alert). */
  singletonKey?: string;
}

export interface JobQueue {
  start(): Promise<void>;
  stop(): Promise<void>;
  send(name: string, data: unknown, opts?: SendOptions): Promise<string | null>;
  /** Many jobs of one kind in one statement, with the same options as `send`. */
  sendMany?(name: string, jobs: { data: unknown; opts?: SendOptions }[]): Promise<void>;
  /** Jobs waiting or running, for readiness and metrics. */
  pending(name: string): Promise<number>;
}

/** Many jobs of one kind: in one statement where the queue can, else one `send` each. */
export async function sendAll(
  queue: JobQueue | undefined,
  name: string,
  jobs: { data: unknown; opts?: SendOptions }[],
): Promise<void> {
  if (!queue || jobs.length === 0) return;
  if (queue.sendMany) return queue.sendMany(name, jobs);
  for (const j of jobs) await queue.send(name, j.data, j.opts);
}

/** pg-boss talks to PGlite through this: parameterised statements go through query(), scripts through exec(). */
function pgliteExecutor(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length > 0) return database.query(text, values);
      // Multi-statement scripts (schema creation, locked maintenance) need the simple protocol.
      return database.exec(text);
    },
  };
}

export interface QueueOptions {
  database: Database;
  databaseUrl?: string | undefined;
  log: Logger;
  definitions: JobDefinition[];
  pollingIntervalSeconds?: number;
}

export function createJobQueue(opts: QueueOptions): JobQueue {
  const { database, log } = opts;
  const byName = new Map(opts.definitions.map((d) => [d.name, d]));
  const boss = new PgBoss({
    ...(database.kind === 'postgres' && opts.databaseUrl
      ? { connectionString: opts.databaseUrl, max: 4 }
      : { db: pgliteExecutor(database) }),
    schema: 'pgboss',
    // Completed jobs are kept for a week for diagnosis, then archived by pg-boss maintenance.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
  });
  boss.on('error', (err: Error) => log.error({ err: { message: err.message } }, 'job queue error'));
  let started = false;
  let coalesced: { rows: PgBoss.JobInsert[]; done?: Promise<void> } | null = null;

  return {
    async start() {
      await boss.start();
      started = true;
      for (const def of opts.definitions) {
        await boss.createQueue(def.name, {
          name: def.name,
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 5,
          retryBackoff: true,
        });
        await boss.work(
          def.name,
          { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5, batchSize: def.batchSize ?? 1 },
          async (jobs) => {
            // Each job of a batch succeeds or fails on its own: a failure is reported to pg-boss for
            // that job (which retries it), and the rest of the batch completes.
            const failures: unknown[] = [];
            const runOne = async (job: (typeof jobs)[number]) => {
              const parsed = def.payload.safeParse(job.data);
              if (!parsed.success) {
                // A malformed payload will never succeed: log and drop rather than retry forever.
                log.error({ job: def.name, jobId: job.id }, 'job payload invalid; dropped');
                return;
              }
              try {
                await def.handler(parsed.data, { id: job.id });
              } catch (err) {
                if (jobs.length === 1) throw err;
                failures.push(err);
                await boss.fail(def.name, job.id, { message: (err as Error).message });
              }
            };
            if (def.parallel) await Promise.all(jobs.map(runOne));
            else for (const job of jobs) await runOne(job);
            if (failures.length) log.warn({ job: def.name, failed: failures.length }, 'jobs in batch failed');
          },
        );
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 3000, wait: true });
    },
    async send(name, data, sendOpts = {}) {
      const def = byName.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      const payload = def.payload.parse(data);
      // Without running workers (tests, CLI) there is nowhere to send; callers that need durability keep
      // their own rows (clocks) and re-send on start.
      if (!started) return null;
      return boss.send(name, payload as object, {
        ...(sendOpts.startAfter ? { startAfter: sendOpts.startAfter } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
      });
    },
    async sendMany(name, jobs) {
      const def = byName.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      const rows = jobs.map(({ data, opts: o = {} }) => ({
        name,
        data: def.payload.parse(data) as object,
        ...(o.startAfter ? { startAfter: o.startAfter } : {}),
        ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
      }));
      if (!started || rows.length === 0) return;
      // Sends made in the same turn of the event loop (an intake batch queues its alerts' steps and its
      // clocks together) share one INSERT.
      if (!coalesced) {
        const group: { rows: PgBoss.JobInsert[]; done?: Promise<void> } = { rows: [] };
        group.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          coalesced = null;
          return boss.insert(group.rows);
        });
        coalesced = group;
      }
      coalesced.rows.push(...rows);
      return coalesced.done;
    },
    async pending(name) {
      return boss.getQueueSize(name);
    },
  };
}
