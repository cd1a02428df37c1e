import { describe, expect, it } from 'vitest';
import { JOB_CLOCK_DUE, JOB_MESSAGE_SEND, catalogueJob, jobCatalogue, send, sendMany } from './catalogue.js';
import type { JobQueue } from './queue.js';

const clockId = '00000000-0000-4000-8000-000000000001';

function recorder(withSendMany: boolean) {
  const sent: { name: string; data: unknown }[] = [];
  const batches: { name: string; n: number }[] = [];
  const queue: Pick<JobQueue, 'send' | 'sendMany'> = {
    async send(name, data) {
      sent.push({ name, data });
      return 'job';
    },
    ...(withSendMany
      ? {
          async sendMany(name: string, jobs: unknown[]) {
            batches.push({ name, n: jobs.length });
          },
        }
      : {}),
  };
  return { queue, sent, batches };
}

describe('job catalogue', () => {
  it('gives every job a payload schema that accepts its own payload and refuses a wrong one', () => {
    expect(jobCatalogue[JOB_CLOCK_DUE].safeParse({ clockId, fence: 2 }).success).toBe(true);
    expect(jobCatalogue[JOB_CLOCK_DUE].safeParse({ clockId: 'nope', fence: 2 }).success).toBe(false);
    expect(jobCatalogue[JOB_MESSAGE_SEND].safeParse({}).success).toBe(false);
  });

  it('sends through the queue, and sends nothing without one', async () => {
    const { queue, sent } = recorder(false);
    expect(await send(queue, JOB_MESSAGE_SEND, { messageId: clockId })).toBe('job');
    expect(await send(undefined, JOB_MESSAGE_SEND, { messageId: clockId })).toBeNull();
    expect(sent).toEqual([{ name: JOB_MESSAGE_SEND, data: { messageId: clockId } }]);
  });

  it('sends many in one call where the queue can, else one by one', async () => {
    const jobs = [1, 2, 3].map((fence) => ({ data: { clockId, fence } }));
    const batched = recorder(true);
    await sendMany(batched.queue, JOB_CLOCK_DUE, jobs);
    expect(batched.batches).toEqual([{ name: JOB_CLOCK_DUE, n: 3 }]);
    expect(batched.sent).toEqual([]);
    const single = recorder(false);
    await sendMany(single.queue, JOB_CLOCK_DUE, jobs);
    expect(single.sent.map((s) => s.data)).toEqual(jobs.map((j) => j.data));
  });

  it('builds a handler definition whose payload is the catalogue schema', () => {
    const def = catalogueJob(JOB_CLOCK_DUE, { batchSize: 50, handler: async () => undefined });
    expect(def.name).toBe(JOB_CLOCK_DUE);
    expect(def.payload).toBe(jobCatalogue[JOB_CLOCK_DUE]);
    expect(def.batchSize).toBe(50);
  });
});
