import { PgBoss, fromPglite, type JobInsert } from 'pg-boss';
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
  /**
   * A whole batch in one go (one transaction, set-based statements) instead of `handler` per job. If it
   * throws, the batch is run again job by job through `handler`, so one bad job fails alone.
   */
  handleBatch?: (items: z.infer<P>[]) => Promise<void>;
}

export function defineJob<P extends z.ZodType>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface SendOptions {
  startAfter?: Date;
  /** At most one queued job with this key at a time (e.g. one escalation step per alert). */
  singletonKey?: string;
  /** Higher runs first when jobs of one kind wait in a backlog (e.g. a P1 alert's step before a P3's). */
  priority?: number;
}

export interface JobQueue {
  /**
   * Add the handlers of jobs (each module's `*.jobs.ts`), after the services they call were built and
   * before `start`.
   */
  register(definitions: JobDefinition[]): void;
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

export interface QueueOptions {
  database: Database;
  databaseUrl?: string | undefined;
  log: Logger;
  /** Payload schemas by job name: a send is checked against these before any handler is registered. */
  catalogue?: Record<string, z.ZodType>;
  /** Handlers known at construction; more come through `register`. */
  definitions?: JobDefinition[];
  pollingIntervalSeconds?: number;
}

export function createJobQueue(opts: QueueOptions): JobQueue {
  const { database, log } = opts;
  const definitions: JobDefinition[] = [];
  const byName = new Map<string, JobDefinition>();
  const register = (list: JobDefinition[]) => {
    if (started) throw new Error('job queue: handlers are registered before start');
    for (const def of list) {
      if (byName.has(def.name)) throw new Error(`job ${def.name} registered twice`);
      byName.set(def.name, def);
      definitions.push(def);
    }
  };
  /** The payload schema of a job: its handler's, else the catalogue's. */
  const payloadOf = (name: string) => {
    const schema = byName.get(name)?.payload ?? opts.catalogue?.[name];
    if (!schema) throw new Error(`unknown job ${name}`);
    return schema;
  };
  // PostgreSQL: pg-boss's own small pool, with a LISTEN connection so a new job wakes its worker at
  // once. PGlite: pg-boss's PGlite adapter over the same embedded instance (LISTEN/NOTIFY in-process).
  const connection =
    database.kind === 'postgres' && opts.databaseUrl
      ? { connectionString: opts.databaseUrl, max: 4 }
      : database.pglite
        ? { db: fromPglite(database.pglite), backend: 'pglite' as const }
        : null;
  if (!connection) throw new Error('job queue: PostgreSQL needs its connection string');
  const boss = new PgBoss({ ...connection, schema: 'pgboss', useListenNotify: true });
  boss.on('error', (err: Error) => log.error({ err: { message: err.message } }, 'job queue error'));
  let started = false;
  register(opts.definitions ?? []);
  const coalesced = new Map<string, { rows: JobInsert[]; done: Promise<void> }>();

  return {
    register,
    async start() {
      await boss.start();
      started = true;
      for (const def of definitions) {
        await boss.createQueue(def.name, {
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 5,
          retryBackoff: true,
          // Completed jobs are kept for a week for diagnosis, then deleted by pg-boss maintenance.
          deleteAfterSeconds: 7 * 24 * 3600,
          // A new job NOTIFYs, so an idle worker starts it at once instead of at its next poll.
          notify: true,
        });
        const batchSize = def.batchSize ?? 1;
        await boss.work(
          def.name,
          {
            pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5,
            // While NOTIFY works, polling is only the floor for jobs that become due (startAfter).
            notifyPollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5,
            batchSize,
            // A full batch means a backlog: fetch again at once until it is drained.
            ...(batchSize > 1 ? { burstWhenBatchFull: true } : {}),
          },
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
            if (def.handleBatch && jobs.length > 1) {
              const valid = jobs.filter((job) => def.payload.safeParse(job.data).success);
              try {
                await def.handleBatch(valid.map((job) => def.payload.parse(job.data)));
                return;
              } catch (err) {
                log.warn(
                  { job: def.name, jobs: jobs.length, err: { message: (err as Error).message } },
                  'batch failed; running its jobs one by one',
                );
              }
            }
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
      await boss.stop({ graceful: true, timeout: 3000 });
    },
    async send(name, data, sendOpts = {}) {
      const payload = payloadOf(name).parse(data);
      // Without running workers (tests, CLI) there is nowhere to send; callers that need durability keep
      // their own rows (clocks) and re-send on start.
      if (!started) return null;
      return boss.send(name, payload as object, {
        ...(sendOpts.startAfter ? { startAfter: sendOpts.startAfter } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
        ...(sendOpts.priority ? { priority: sendOpts.priority } : {}),
      });
    },
    async sendMany(name, jobs) {
      const payload = payloadOf(name);
      const rows: JobInsert[] = jobs.map(({ data, opts: o = {} }) => ({
        data: payload.parse(data) as object,
        ...(o.startAfter ? { startAfter: o.startAfter } : {}),
        ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
        ...(o.priority ? { priority: o.priority } : {}),
      }));
      if (!started || rows.length === 0) return;
      // Sends of one kind made in the same turn of the event loop (an intake batch queues its alerts'
      // steps together) share one INSERT.
      let group = coalesced.get(name);
      if (!group) {
        const rowsOfTurn: JobInsert[] = [];
        const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          coalesced.delete(name);
          await boss.insert(name, rowsOfTurn);
        });
        group = { rows: rowsOfTurn, done };
        coalesced.set(name, group);
      }
      group.rows.push(...rows);
      return group.done;
    },
    async pending(name) {
      // Counted, not read from pg-boss's stats cache (refreshed once a minute).
      const r = await database.query<{ n: number }>(
        "select count(*)::int as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active')",
        [name],
      );
      return r.rows[0]?.n ?? 0;
    },
  };
}
