import { roles } from '../../shared/permissions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers.js';
import { seedDemoCases } from './cases.js';
import { seedDemoNetwork } from './network.js';
import { seedDemoReferrals } from './referrals.js';
import { seedDemo } from './seed.js';

describe('demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('seeds one account per role and fictional cases in every state', async () => {
    const accounts = await seedDemo(t.app.ctx.services);
    expect(new Set(accounts.map((a) => a.role)).size).toBe(roles.length);
    expect(accounts.every((a) => a.displayName.includes('(demo)'))).toBe(true);
    await seedDemoCases(t.app.ctx.services);
    const statuses = (
      await t.database.query<{ status: string }>('select distinct status from cases')
    ).rows.map((r) => r.status);
    expect(statuses.sort()).toEqual(
      [
        'active',
        'assessed',
        'awaiting_decision',
        'closed',
        'declined',
        'duplicate',
        'follow_up',
        'not_urgent',
        'received',
        'screening',
        'withdrawn',
      ].sort(),
    );
    const p1 = await t.database.query(
      "select 1 from cases where priority = 'P1' and 'femicide' = any(violation_types)",
    );
    expect(p1.rows.length).toBeGreaterThan(0);
    const arrest = await t.database.query(
      'select 1 from arrests a join case_clocks k on k.case_id = a.case_id where k.met_at is null',
    );
    expect(arrest.rows.length).toBeGreaterThan(0);
    const closedWithReview = await t.database.query(
      "select 1 from cases c join after_action_reviews r on r.case_id = c.id join victim_feedback f on f.case_id = c.id where c.status = 'closed'",
    );
    expect(closedWithReview.rows.length).toBe(1);

    const responders = await seedDemoNetwork(t.app.ctx.services);
    expect(responders.length).toBeGreaterThanOrEqual(6);
    const mission = await t.database.query<{ status: string; last_check_in_at: Date | null }>(
      "select m.status, m.last_check_in_at from missions m join cases c on c.id = m.case_id where c.ward = 'Kware'",
    );
    expect(mission.rows).toEqual([expect.objectContaining({ status: 'active' })]);
    expect(mission.rows[0]!.last_check_in_at).not.toBeNull();
    const linked = await t.database.query('select 1 from responders where user_id is not null');
    expect(linked.rows.length).toBe(1);

    // Referrals: the demo partner's safe house has referrals waiting; another provider has its own.
    expect(await seedDemoReferrals(t.app.ctx.services)).toBe(5);
    const waiting = await t.database.query(
      "select 1 from referrals r join referral_provider_members m on m.provider_id = r.provider_id where r.status = 'sent'",
    );
    expect(waiting.rows.length).toBe(4);
  }, 180_000); // the demo seeds every module: slow on a loaded machine
});
