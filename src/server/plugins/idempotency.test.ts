import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../test/helpers.js';
import { isIdempotencyKey, uuidv7 } from '../../shared/idempotency.js';
import { createIdempotencyRepo } from './idempotency.repo.js';

const report = {
  channel: 'hotline',
  narrative: 'Canary-IDEM-7781: a defender was taken from Kayole market by men in plain clothes.',
  county: 'Nairobi',
  subCounty: 'Embakasi Central',
  ward: 'Kayole Central',
  inDangerNow: true,
  violationTypes: ['arbitrary_detention', 'attack_on_defender'],
  reporter: { anonymous: false, name: 'Sister Test', phone: '0712 345 111', locale: 'en' },
  victim: { name: 'Defender Test', sex: 'male', ageGroup: 'adult' },
};

/** A retried write (the field outbox after a lost answer) is done once and answered as the first time. */
describe('Idempotency-Key on staff writes', () => {
  let t: TestApp;
  let duty: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
  }, 60_000);
  afterAll(() => t?.close());

  const cases = async () =>
    Number((await t.database.query<{ n: string }>('select count(*) as n from cases')).rows[0]!.n);
  const post = (key: string | undefined, body: Record<string, unknown> = report) =>
    t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...duty.headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });

  it('makes UUID v7 keys, time-ordered, and knows one when it sees one', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(isIdempotencyKey(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
    expect(isIdempotencyKey('not-a-key')).toBe(false);
  });

  it('answers a replay with the first answer and creates one case, whatever the number of retries', async () => {
    const before = await cases();
    const key = uuidv7();
    const first = await post(key);
    expect(first.statusCode, first.body).toBe(201);
    // The answer was lost on the way back: the phone sends the same write again, twice.
    const second = await post(key);
    const third = await post(key);
    for (const replay of [second, third]) {
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(first.json());
    }
    expect(await cases()).toBe(before + 1);
  });

  it('keeps the first answer encrypted: the stored row carries no case detail in clear', async () => {
    const key = uuidv7();
    const res = await post(key);
    const { reference } = res.json() as { reference: string };
    const row = (
      await t.database.query<Record<string, unknown>>('select * from idempotency_keys where key = $1', [key])
    ).rows[0]!;
    expect(row.status_code).toBe(201);
    const text = JSON.stringify(row);
    expect(text).not.toContain(reference);
    expect(text).not.toContain('Canary-IDEM-7781');
  });

  it('refuses the same key with another request, and changes nothing', async () => {
    const key = uuidv7();
    expect((await post(key)).statusCode).toBe(201);
    const before = await cases();
    const other = await post(key, { ...report, ward: 'Kayole North' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await cases()).toBe(before);
  });

  it('lets a refused request be corrected and sent again with the same key', async () => {
    const key = uuidv7();
    const bad = await post(key, { ...report, channel: 'carrier-pigeon' });
    expect(bad.statusCode).toBe(400);
    const good = await post(key);
    expect(good.statusCode, good.body).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does the work once when two copies of a write arrive together', async () => {
    const before = await cases();
    const key = uuidv7();
    const answers = await Promise.all([post(key), post(key), post(key)]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
    expect(await cases()).toBe(before + 1);
    const after = await post(key);
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a key that is not a UUID, in the caller’s language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...duty.headers, 'idempotency-key': '42', 'accept-language': 'sw' },
      payload: report,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('forgets keys after a day, and the keys that opened their answers', async () => {
    const repo = createIdempotencyRepo(t.app.ctx.database.db);
    const key = uuidv7();
    await post(key);
    const before = await repo.count(duty.userId);
    expect(before).toBeGreaterThan(0);
    const purged = await repo.purgeBefore(new Date(Date.now() + 60_000));
    expect(purged).toBeGreaterThanOrEqual(before);
    expect(await repo.count(duty.userId)).toBe(0);
    const keys = await t.database.query(
      "select count(*)::int as n from data_keys where scope = 'idempotency'",
    );
    expect(keys.rows[0]!.n).toBe(0);
  });
});
