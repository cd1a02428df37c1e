import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import {
  buildTestApp,
  createTestDatabase,
  type TestApp,
  type TestDatabase,
} from '../../../../test/helpers.js';
import type { DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { ConfigError, loadConfig } from '../../config.js';

/**
 * With a read replica configured, the dashboards (and the tracker and reports, wired the same way) read
 * through it. The "replica" here is a second database holding different cases from the primary, so the
 * figures tell which one answered. Sign-in, sessions and intake stay on the primary.
 */
let t: TestApp;
let f: Factories;
let replica: TestDatabase;

beforeAll(async () => {
  replica = await createTestDatabase();
  t = await buildTestApp({ readDb: replica });
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = factories(t.app);
  // The primary: one Nairobi case in October, taken in through the API.
  const c = await f.buildCase({ county: 'Nairobi' });
  await t.database.query(`update cases set received_at = '2026-10-05T09:00:00Z' where id = $1`, [c.id]);
  // The replica: two Mombasa cases in October that the primary does not have (foreign keys skipped: the
  // data key lives on the primary only).
  await replica.database.exec(`
    set session_replication_role = replica;
    insert into cases (reference, status, priority, sensitivity, data_key_id, channel, violation_types, county,
      narrative_enc, reporter_locale, received_at)
    select 'UA-2026-9000' || g, 'active', 'P1', 'normal', gen_random_uuid(), 'web', array['femicide'], 'Mombasa',
      'sealed', 'en', timestamptz '2026-10-10T09:00:00Z' + g * interval '1 day'
    from generate_series(1, 2) g;
    reset session_replication_role;`);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await replica?.drop();
});

describe('read replica', () => {
  it('answers the dashboards from the replica, not the primary', async () => {
    const s = await f.session('analyst');
    const res = await t.app.inject({
      url: '/api/dashboards/summary?from=2026-10-01&to=2026-10-31',
      headers: s.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as DashboardSummary;
    expect(body.totalCases).toBe(2);
    expect(body.byCounty).toEqual([{ county: 'Mombasa', count: 2 }]);
    // The primary still has its own case (and the replica none of it).
    const primary = await t.database.query<{ n: number }>(`select count(*)::int n from cases`);
    expect(primary.rows[0]!.n).toBe(1);
  });

  it('takes DATABASE_READ_URL only beside DATABASE_URL, and only as a postgres URL', () => {
    const base = { DATA_DIR: '/tmp/dharura-config-test' };
    expect(() => loadConfig({ ...base, DATABASE_READ_URL: 'postgres://r@127.0.0.1/db' })).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ ...base, DATABASE_URL: 'postgres://p@127.0.0.1/db', DATABASE_READ_URL: 'mysql://x' }),
    ).toThrow(/DATABASE_READ_URL/);
    const ok = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://p@127.0.0.1/db',
      DATABASE_READ_URL: 'postgres://r@127.0.0.1:5433/db',
    });
    expect(ok.DATABASE_READ_URL).toBe('postgres://r@127.0.0.1:5433/db');
  });
});
