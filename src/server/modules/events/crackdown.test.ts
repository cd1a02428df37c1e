import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type SignedIn, type TestDatabase } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import { bootManualClockApp, type Recording } from '../alerts/alerts.test-kit.js';
import { formHeaders, tokenOf } from '../public/public.test-kit.js';
import { crackdownScript, PHONES, phoneOf, UNPLACED_PHONES } from './crackdown.fixture.js';

/**
 * Issue #15's acceptance test in one piece (DESIGN §2.7): a crackdown replayed through the real Africa's
 * Talking callback and the public web form — 300 SMS callbacks from 40 phones (first reports, new reports,
 * follow-ups, gateway retries of the same message id) and 20 web reports, 8 of them duplicates of an SMS
 * report — then the duty officer's night through the HTTP routes. Pages go to a recording notifier;
 * the job runner is the test (alert and clock sweeps on a manual clock).
 */
const SECRET = 'at-callback-secret-for-the-crackdown';
/**
 * The stated bound: the on-call person is paged at most once per group per policy round, plus once for a
 * place's first report (before a second one makes its group) and once per report with no place: ≤ 20
 * (measured 17 on-call pages: 12 groups, 7 of them by place, and 4 reports with no place).
 */
const ON_CALL_PAGE_BOUND = 20;
const HOUR = 3_600_000;

interface Bulk {
  total: number;
  succeeded: number;
  failed: number;
  results: { caseId: string; ok: boolean; error: string | null }[];
}
interface AlertRowLite {
  id: string;
  case_id: string | null;
  group_id: string | null;
  status: string;
  reason: string;
  detail: { area?: { kind?: string; station?: string; ward: string } };
}

describe('acceptance (issue #15): a crackdown is one event', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let rec: Recording;
  const clock = new ManualClock(Date.parse('2026-03-01T19:00:00Z'));
  let duty: SignedIn;
  let onCall: { id: string };

  beforeAll(async () => {
    ({ db, app, rec, duty, onCall } = await bootManualClockApp(clock, {
      AT_CALLBACK_SECRET: SECRET,
      PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '1000',
    }));
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const q = <T>(text: string, params: unknown[] = []) =>
    db.database.query<T>(text, params).then((r) => r.rows);
  const api = async (method: 'GET' | 'POST', url: string, payload?: object, who: SignedIn = duty) => {
    const res = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as unknown;
  };
  const bulk = async (body: object) => {
    const r = (await api('POST', '/api/cases/bulk', body)) as Bulk;
    const failed = r.results.filter((x) => !x.ok);
    if (failed.length) {
      const ids = failed.map((x) => x.caseId);
      const rows = await q<object>(
        'select channel, sensitivity, status, violation_types from cases where id = any($1)',
        [ids],
      );
      throw new Error(`bulk failed: ${JSON.stringify(failed.slice(0, 3))} ${JSON.stringify(rows)}`);
    }
    return r;
  };
  const sms = async (from: string, text: string, id: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ from, to: '22384', text, id, linkId: `l-${id}` }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  let wardCode: string | undefined;
  const webReport = async (narrative: string, phone: string | null) => {
    if (!wardCode) {
      // The form's second step lists the county's wards; the reporter picks Kayole North.
      const step = await app.inject({
        method: 'POST',
        url: '/report',
        headers: formHeaders,
        payload: new URLSearchParams({ next: 'place', county: 'Nairobi' }).toString(),
      });
      wardCode = /<option value="(w[^"]+)"[^>]*>Kayole North</.exec(step.body)?.[1];
      expect(wardCode).toBeDefined();
    }
    const form = await app.inject({ url: '/ripoti?lang=sw' });
    clock.advance(4_000); // a person takes a few seconds to fill it in
    const res = await app.inject({
      method: 'POST',
      url: '/report',
      headers: formHeaders,
      payload: new URLSearchParams({
        token: tokenOf(form.body),
        danger: 'yes',
        narrative,
        violation: 'arbitrary_detention',
        county: 'Nairobi',
        ward: wardCode!,
        place: 'Kayole police station',
        ...(phone ? { name: 'Mama Test', phone } : { anonymous: 'on' }),
      }).toString(),
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBeLessThan(400);
  };
  const alertRows = () =>
    q<AlertRowLite>('select id, case_id, group_id, status, reason, detail from alerts order by created_at');
  const sweepAlerts = () => app.ctx.services.alerts.sweep();

  it(`replays 300 SMS from 40 phones and 20 web reports: one event in 2 bulk actions, 24 arrests with clocks, duplicates merged; on-call paged ≤ ${ON_CALL_PAGE_BOUND} times, every report acknowledged through its group`, async () => {
    const started = performance.now();
    const script = crackdownScript();
    expect(script.filter((s) => s.kind !== 'web')).toHaveLength(300);
    const webDuplicatePhones: string[] = [];
    let n = 0;
    for (const step of script) {
      if (step.kind === 'web') {
        await webReport(step.text, step.phone);
        if (step.phone) webDuplicatePhones.push(step.phone);
      } else await sms(step.phone!, step.text, step.id);
      clock.advance(2_000);
      // The job runner: due alert steps fire about every half minute.
      if (++n % 15 === 0) await sweepAlerts();
    }
    await sweepAlerts();
    const replayMs = performance.now() - started;

    // Cases: one per first report (40), one per MPYA/NEW report (20), one per web report (20). Follow-ups
    // joined their open case; retried callbacks changed nothing.
    const followUps = script.filter((s) => s.kind === 'follow_up').length;
    const retries = script.filter((s) => s.kind === 'retry').length;
    const cases = await q<{ id: string; channel: string }>('select id, channel from cases');
    expect(cases).toHaveLength(80);
    const inbound = await q<{ n: number }>("select count(*)::int as n from messages where direction = 'in'");
    expect(inbound[0]!.n).toBe(300 - retries);
    const joined = await q<{ n: number }>(
      "select count(*)::int as n from case_events where type = 'reporter.message'",
    );
    expect(joined[0]!.n).toBe(followUps);
    // A phone that sent only follow-ups after her first report keeps one reference.
    const lone = await q<{ n: number }>(
      'select count(*)::int as n from cases where reporter_phone_bidx = $1',
      [app.ctx.vault.blindIndex('phone', phoneOf(PHONES - 1))],
    );
    expect(lone[0]!.n).toBe(1);

    // During the surge, reports paged through their place's group; only place-less SMS paged alone, and
    // each place's first report until its second made the group (then it joined it).
    const surge = await alertRows();
    const surgeGroups = surge.filter((a) => a.case_id === null);
    const reportAlerts = surge.filter((a) => a.case_id !== null && a.reason === 'new_urgent_report');
    expect(reportAlerts).toHaveLength(80);
    const alone = reportAlerts.filter((a) => a.group_id === null);
    expect(alone).toHaveLength(UNPLACED_PHONES);
    const pagesDuringSurge = rec.to(onCall.id).length;
    expect(pagesDuringSurge).toBeLessThanOrEqual(2 * surgeGroups.length + alone.length);

    // The duty officer: one event, every received report attached (bulk 1, "select all matching").
    const event = (await api('POST', '/api/events', {
      title: 'Kayole protest crackdown',
      description: 'Police broke up the protest and took many to Kayole and Central police stations',
      place: 'Kayole',
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole North',
      startedAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      violationTypes: ['arbitrary_detention', 'protest_repression'],
    })) as { id: string; reference: string };
    const attached = await bulk({
      action: 'attach_event',
      eventId: event.id,
      filter: { status: 'received' },
    });
    expect(attached.succeeded).toBe(80);
    // Their alerts now page as the event's one group; the emptied place groups stopped.
    await sweepAlerts();
    const afterAttach = await alertRows();
    const eventGroup = afterAttach.find((a) => a.case_id === null && a.detail.area?.kind === 'event')!;
    expect(afterAttach.filter((a) => a.group_id === eventGroup.id)).toHaveLength(80);
    expect(afterAttach.filter((a) => a.case_id === null && a.status === 'triggered')).toEqual([
      expect.objectContaining({ id: eventGroup.id }),
    ]);
    const eventPage = rec.to(onCall.id).find((p) => p.alertId === eventGroup.id)!;
    expect(eventPage.text.en).toContain(`80 alerts on event ${event.reference}`);
    expect(eventPage.text.sw).toContain(`Tahadhari 80 za tukio ${event.reference}`);

    // One acknowledgement of the event's group acknowledges every report's alert, each audited.
    await api('POST', `/api/alerts/${eventGroup.id}/acknowledge`);
    const acked = (await alertRows()).filter((a) => a.case_id !== null);
    expect(acked.every((a) => a.status === 'acknowledged')).toBe(true);
    const viaGroup = await q<{ n: number }>(
      "select count(distinct subject_id)::int as n from audit_log where action = 'alert.acknowledged' and meta->>'via' = 'group'",
    );
    expect(viaGroup[0]!.n).toBe(80);

    // Bulk 2: the event's reports acknowledged as cases (screening starts).
    const ackCases = await bulk({ action: 'acknowledge', filter: { eventId: event.id, status: 'received' } });
    expect(ackCases.succeeded).toBe(80);

    // Duplicates: each web report from a phone that had texted is suggested and merged into the SMS case.
    let merged = 0;
    for (const phone of webDuplicatePhones) {
      const mine = (await api(
        'GET',
        `/api/cases?q=${encodeURIComponent(phone)}&limit=50&eventId=${event.id}`,
      )) as { cases: { id: string; channel: string; reference: string }[] };
      const web = mine.cases.find((c) => c.channel === 'web')!;
      // The same phone (the queue's search by blind index) found her SMS report: that is the original.
      const original = mine.cases.find((c) => c.channel === 'sms')!;
      expect(original).toBeDefined();
      // The case page suggests it too, first, for the same phone (a ward full of similar reports around it).
      const suggested = (await api('GET', `/api/cases/${web.id}/duplicates`)) as {
        duplicates: { id: string; reasons: string[] }[];
      };
      expect(suggested.duplicates[0]).toMatchObject({ id: original.id });
      expect(suggested.duplicates[0]!.reasons).toContain('same_phone');
      const r = await bulk({
        action: 'mark_duplicate',
        originalId: original.id,
        reason: 'Same arrest, reported by SMS and on the web',
        caseIds: [web.id],
      });
      merged += r.succeeded;
    }
    expect(merged).toBe(webDuplicatePhones.length);

    // The register: 24 detainees at two stations, 4 of them on reports already in, each with its clock.
    const linked = (
      await q<{ id: string }>("select id from cases where channel = 'sms' order by received_at limit 4")
    ).map((r) => r.id);
    const arrestedAt = new Date(clock.now().getTime() - HOUR).toISOString();
    const detainees = Array.from({ length: 24 }, (_, i) => ({
      ...(i < 4
        ? { caseId: linked[i] }
        : i % 2
          ? { name: `Detainee Test ${i}` }
          : { description: `Student in a green jacket ${i}` }),
      policeStation: i % 12 < 7 ? 'Kayole Police Station' : 'Central Police Station',
      arrestedAt,
      ...(i % 3 === 0 ? { obNumber: `OB/${40 + i}/01/03/2026` } : {}),
    }));
    const reg = (await api('POST', `/api/events/${event.id}/detainees`, { detainees })) as {
      results: { ok: boolean }[];
    };
    expect(reg.results.filter((r) => r.ok)).toHaveLength(24);
    const clocks = await q<{ n: number }>(
      "select count(*)::int as n from case_clocks where kind = 'arrest_24h' and met_at is null",
    );
    expect(clocks[0]!.n).toBe(24);
    const page = (await api('GET', `/api/events/${event.id}`)) as {
      counts: { cases: number; arrested: number; missing: number };
    };
    expect(page.counts).toMatchObject({ cases: 100, arrested: 24 });
    // The new detainees' intake alerts joined a fresh event group (the first was acknowledged).
    await sweepAlerts();
    for (const g of (await alertRows()).filter((a) => a.case_id === null && a.status === 'triggered'))
      await api('POST', `/api/alerts/${g.id}/acknowledge`);

    // 18 hours later the arrest clocks warn: one page per station, not one per detainee.
    clock.advance(18 * HOUR);
    duty = await loginAs(app, 'duty_officer');
    await app.ctx.services.clocks.sweepDue();
    await sweepAlerts();
    const later = await alertRows();
    const stations = later.filter((a) => a.case_id === null && a.detail.area?.kind === 'station');
    expect(stations.map((s) => s.detail.area!.station).sort()).toEqual([
      'Central Police Station',
      'Kayole Police Station',
    ]);
    const kayole = stations.find((s) => s.detail.area!.station === 'Kayole Police Station')!;
    expect(later.filter((a) => a.group_id === kayole.id)).toHaveLength(14);
    // The arrest-clock policy pages its own people (not necessarily the duty line's on-call person).
    const stationPage = rec.calls.find((p) => p.alertId === kayole.id)!;
    expect(stationPage.text.en).toContain(
      `14 detainees at Kayole Police Station: 24-hour clocks (${event.reference})`,
    );
    expect(stationPage.text.sw).toContain(`Wazuiliwa 14 Kayole Police Station: muda wa saa 24`);
    for (const g of later.filter((a) => a.case_id === null && a.status === 'triggered'))
      await api('POST', `/api/alerts/${g.id}/acknowledge`);
    const end = await alertRows();
    expect(end.filter((a) => a.status === 'triggered')).toEqual([]);
    // No alert of a report paged after its group took it over.
    const groups = end.filter((a) => a.case_id === null);

    // The bound: on-call pages ≤ one per group, its first report and each place-less report, ≤ 16 in all.
    const onCallPages = rec.to(onCall.id).length;
    expect(onCallPages).toBeLessThanOrEqual(groups.length + surgeGroups.length + alone.length);
    process.stdout.write(
      `crackdown: ${script.length - 20} SMS callbacks (${retries} retries, ${followUps} follow-ups) + 20 web reports → 80 cases in ${(replayMs / 1000).toFixed(1)} s; ` +
        `${groups.length} alert groups (${surgeGroups.length} by place), ${alone.length} place-less; on-call pages ${onCallPages} (surge ${pagesDuringSurge}), all pages ${rec.calls.length}; ` +
        `bulk actions to one event 2; ${merged} duplicates merged; 24 arrests, 24 clocks\n`,
    );
    expect(onCallPages).toBeLessThanOrEqual(ON_CALL_PAGE_BOUND);
  }, 600_000);

  // Uses the replay above (its reporters and cases).
  it('keeps one conversation per reporter: her follow-ups are on her case, and a staff reply reaches her phone in her language', async () => {
    const admin = await loginAs(app, 'admin');
    for (const [i, prefix] of [
      [28, 'Dharura kuhusu'],
      [29, 'Dharura re'],
    ] as const) {
      const phone = phoneOf(i);
      const mine = (await api('GET', `/api/cases?q=${encodeURIComponent(phone)}&limit=50`)) as {
        cases: { id: string; channel: string; reference: string; status: string }[];
      };
      const c = mine.cases.find((x) => x.channel === 'sms')!;
      // Her follow-ups joined this case: on its timeline, with no second reference.
      const detail = (await api('GET', `/api/cases/${c.id}`)) as { timeline: { type: string }[] };
      expect(detail.timeline.filter((e) => e.type === 'reporter.message').length).toBeGreaterThan(0);
      expect(mine.cases.filter((x) => x.channel === 'sms')).toHaveLength(1);
      const body =
        i === 28
          ? 'Wakili yuko njiani kwenda kituo cha polisi Kayole.'
          : 'A lawyer is on the way to Kayole police station.';
      await api('POST', `/api/cases/${c.id}/reporter-replies`, { body });
      const queued = await q<{ id: string }>(
        "select id from messages where direction = 'out' and status = 'queued'",
      );
      for (const m of queued) await app.ctx.services.channels.messages.deliver(m.id);
      const outbox = (await api(
        'GET',
        `/api/simulator/outbox?phone=${encodeURIComponent(phone)}`,
        undefined,
        admin,
      )) as { messages: { body: string }[] };
      expect(outbox.messages.map((m) => m.body)).toContain(`${prefix} ${c.reference}: ${body}`);
    }
  }, 300_000);
});
