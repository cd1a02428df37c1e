import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  type Session,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

/**
 * The queue at scale (server-side pages, totals, search), events and the queue's bulk actions
 * (DESIGN §2.7), through the real routes.
 */
const SECRET = 'at-callback-secret-for-events';

interface QueuePage {
  cases: { id: string; reference: string; status: string; ward: string | null; redacted: boolean }[];
  total: number;
  page: number;
  pageSize: number;
  counts: { byStatus: Record<string, number>; byPriority: Record<string, number> };
}
interface Bulk {
  total: number;
  succeeded: number;
  failed: number;
  results: {
    caseId: string;
    reference: string | null;
    ok: boolean;
    unchanged: boolean;
    error: string | null;
    message: string | null;
  }[];
}

describe('queue at scale, events and bulk actions', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let analyst: SignedIn;
  let seq = 0;

  beforeAll(async () => {
    t = await buildTestApp({ config: { AT_CALLBACK_SECRET: SECRET } });
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    analyst = await loginAs(t.app, 'analyst');
  }, 60_000);
  afterAll(() => t.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, s: Session, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const queue = async (query: string, s: Session = duty) => {
    const res = await api('GET', `/api/cases?${query}`, s);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as QueuePage;
  };
  const bulk = async (body: object, s: Session = duty) => {
    const res = await api('POST', '/api/cases/bulk', s, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Bulk;
  };
  const sms = (from: string, text: string) => {
    seq++;
    return t.app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        from,
        to: '22384',
        text,
        date: '2026-03-01 22:00:00',
        id: `ATXid_ev_${seq}`,
        linkId: `l-${seq}`,
      }).toString(),
    });
  };
  const web = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/cases', duty, {
      channel: 'hotline',
      narrative: 'Protesters arrested by police at Kayole police station after teargas',
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole North',
      inDangerNow: false,
      violationTypes: ['arbitrary_detention', 'protest_repression'],
      reporter: { anonymous: false, name: 'Witness Test', phone: '0733 000 111', locale: 'en' },
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string };
  };

  it('pages the queue on the server, counts everything and searches by reference, phone, place and tag', async () => {
    const made = [];
    for (let i = 0; i < 30; i++) made.push(await web({ ward: i % 3 === 0 ? 'Kware' : 'Kayole North' }));
    const first = await queue('limit=10');
    expect(first.total).toBeGreaterThanOrEqual(30);
    expect(first.cases).toHaveLength(10);
    expect(first.pageSize).toBe(10);
    const second = await queue('limit=10&page=2');
    expect(second.page).toBe(2);
    // No line on two pages, none skipped between them.
    expect(second.cases.map((c) => c.id).filter((id) => first.cases.some((c) => c.id === id))).toEqual([]);
    let seen = 0;
    for (let p = 1; p <= Math.ceil(first.total / 10); p++)
      seen += (await queue(`limit=10&page=${p}`)).cases.length;
    expect(seen).toBe(first.total);
    expect(first.counts.byStatus.received).toBe(first.total);

    // Search: a reference, the reporter's phone (blind index), a ward.
    const ref = await queue(`q=${made[4]!.reference}`);
    expect(ref.cases.map((c) => c.reference)).toEqual([made[4]!.reference]);
    const phone = await queue('q=%2B254733000111&limit=500');
    expect(phone.total).toBe(30);
    expect((await queue('q=0733%20000%20999')).total).toBe(0);
    const kware = await queue('q=kware&limit=500');
    expect(kware.total).toBe(10);
    expect(kware.cases.every((c) => c.ward === 'Kware')).toBe(true);
    // A search term with LIKE wildcards is literal.
    expect((await queue('q=%25')).total).toBe(0);

    // Tag a few (bulk), then filter and search by the tag.
    const tagged = await bulk({
      action: 'add_tag',
      tag: 'Kware-Night',
      caseIds: kware.cases.slice(0, 4).map((c) => c.id),
    });
    expect(tagged).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    expect((await queue('tag=kware-night')).total).toBe(4);
    expect((await queue('q=kware-night')).total).toBe(4);
    const again = await bulk({ action: 'add_tag', tag: 'kware-night', caseIds: [kware.cases[0]!.id] });
    expect(again.results[0]).toMatchObject({ ok: true, unchanged: true });
    const tl = (await api('GET', `/api/cases/${kware.cases[0]!.id}`, duty)).json() as {
      timeline: { type: string; data: object }[];
    };
    expect(tl.timeline.filter((e) => e.type === 'case.tagged')).toEqual([
      expect.objectContaining({ data: { tag: 'kware-night' } }),
    ]);
  }, 120_000);

  it('refuses bad input with nothing changed, and reports per-case refusals', async () => {
    const a = await web({});
    const noTag = await api('POST', '/api/cases/bulk', duty, { action: 'add_tag', caseIds: [a.id] });
    expect(noTag.statusCode).toBe(400);
    const both = await api('POST', '/api/cases/bulk', duty, {
      action: 'acknowledge',
      caseIds: [a.id],
      filter: {},
    });
    expect(both.statusCode).toBe(400);
    const badTag = await api('POST', '/api/cases/bulk', duty, {
      action: 'add_tag',
      tag: '<b>',
      caseIds: [a.id],
    });
    expect(badTag.statusCode).toBe(400);
    // An analyst may not run bulk actions at all.
    expect(
      (await api('POST', '/api/cases/bulk', analyst, { action: 'acknowledge', caseIds: [a.id] })).statusCode,
    ).toBe(403);
    // A restricted case outside the caller's team is refused (as not found) and the others go on.
    const restricted = await web({ sensitivity: 'restricted' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const r = await bulk({ action: 'acknowledge', caseIds: [a.id, restricted.id, unknown] }, approver);
    expect(r).toMatchObject({ total: 3, succeeded: 1, failed: 2 });
    expect(r.results.find((x) => x.caseId === restricted.id)).toMatchObject({
      ok: false,
      error: 'NOT_FOUND',
      reference: null,
    });
    expect(r.results.find((x) => x.caseId === unknown)).toMatchObject({ ok: false, error: 'NOT_FOUND' });
    // Acknowledging again is not a failure: nothing to do.
    expect((await bulk({ action: 'acknowledge', caseIds: [a.id] })).results[0]).toMatchObject({
      ok: true,
      unchanged: true,
    });
    // A Kiswahili-speaking user reads the refusal in Kiswahili.
    const swUser = await loginAs(t.app, 'duty_officer');
    const pref = await api('PATCH', '/api/me/preferences', swUser, { locale: 'sw' });
    expect(pref.statusCode, pref.body).toBeLessThan(300);
    const sw = await bulk({ action: 'acknowledge', caseIds: [unknown] }, swUser);
    expect(sw.results[0]!.message).toBe('Haikupatikana.');
  }, 60_000);

  it('replays a crackdown: SMS and web reports into one event in three bulk actions, duplicates merged', async () => {
    const before = (await queue('status=received&limit=1')).total;
    // 120 SMS from 40 phones, and 20 web reports, within minutes. Each phone sends a report, then a
    // second one about someone else (starting MPYA: a new report), then a follow-up that joins her
    // open case's conversation instead of making a third case.
    for (let i = 0; i < 120; i++) {
      const round = Math.floor(i / 40);
      const text =
        round === 0
          ? `Polisi wamekamata watu wengi Kayole, kituo cha polisi ${i}`
          : round === 1
            ? `MPYA Polisi wamemkamata kaka yangu pia Kayole ${i}`
            : `Bado wako kituo cha polisi Kayole, hawajaachiliwa ${i}`;
      const res = await sms(`+2547${String(10_000_000 + (i % 40)).padStart(8, '0')}`, text);
      expect(res.statusCode, res.body).toBe(200);
    }
    for (let i = 0; i < 20; i++) await web({ narrative: `Arrests at Kayole police station, protest ${i}` });
    const received = await queue('status=received&limit=10');
    expect(received.total).toBe(before + 100);

    const ev = await api('POST', '/api/events', duty, {
      title: 'Kayole protest crackdown',
      description: 'Police arrested protesters and took them to Kayole police station',
      place: 'Kayole police station',
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole North',
      startedAt: t.clock.now().toISOString(),
      violationTypes: ['arbitrary_detention', 'protest_repression'],
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const event = ev.json() as { id: string; reference: string };
    expect(event.reference).toMatch(/^EV-\d{4}-[A-Z0-9]{6}$/);

    // Suggestions: the web reports in the same ward, with shared words; staff confirm.
    const sug = (await api('GET', `/api/events/${event.id}/suggestions`, duty)).json() as {
      suggestions: { id: string; reasons: string[] }[];
    };
    expect(sug.suggestions.length).toBeGreaterThan(0);
    expect(sug.suggestions[0]!.reasons).toEqual(expect.arrayContaining(['same_ward', 'shared_words']));

    // 1: the SMS reports (no place yet) get their place; 2: everything received is attached;
    // 3: all of the event's cases are acknowledged.
    const place = await bulk({
      action: 'set_place',
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      ward: 'Kayole North',
      filter: { status: 'received' },
    });
    expect(place.failed).toBe(0);
    const attach = await bulk({
      action: 'attach_event',
      eventId: event.id,
      filter: { status: 'received', ward: 'Kayole North' },
    });
    expect(attach.failed).toBe(0);
    expect(attach.succeeded).toBeGreaterThanOrEqual(100);
    const ack = await bulk({ action: 'acknowledge', filter: { eventId: event.id, status: 'received' } });
    expect(ack.failed).toBe(0);
    expect((await queue(`eventId=${event.id}&status=received`)).total).toBe(0);
    const onEvent = await queue(`eventId=${event.id}&limit=500`);
    expect(onEvent.total).toBe(attach.succeeded);
    // The event is a search term too.
    expect((await queue(`q=${event.reference}&limit=1`)).total).toBe(onEvent.total);

    // Each case has its own timeline entries for the three actions.
    const one = onEvent.cases[0]!;
    const tl = (await api('GET', `/api/cases/${one.id}`, duty)).json() as { timeline: { type: string }[] };
    expect(tl.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['event.attached', 'transition.acknowledge']),
    );

    // Merge duplicates: the reports from one phone become duplicates of its first one.
    const samePhone = await queue('q=%2B254710000003&limit=50&status=screening');
    expect(samePhone.total).toBe(2);
    const [original, ...dups] = samePhone.cases;
    const merged = await bulk({
      action: 'mark_duplicate',
      originalId: original!.id,
      reason: 'Same arrest, same sender',
      caseIds: dups.map((c) => c.id),
    });
    expect(merged).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
    const dupCase = (await api('GET', `/api/cases/${dups[0]!.id}`, duty)).json() as {
      status: string;
      details: { duplicateOf?: string };
    };
    expect(dupCase.status).toBe('duplicate');
    expect(dupCase.details.duplicateOf).toBe(original!.reference);

    // Assign a lead to every case of the event in one action.
    const lead = await bulk({
      action: 'assign_lead',
      userId: approver.userId,
      filter: { eventId: event.id, status: 'screening' },
    });
    expect(lead.failed).toBe(0);
    const assigned = await queue(`assignee=${approver.userId}&eventId=${event.id}&limit=1`);
    expect(assigned.total).toBe(lead.succeeded);

    // The event page: its cases, counts; the case page lists the event.
    const page = await api('GET', `/api/events/${event.id}`, duty);
    expect(page.statusCode, page.body).toBe(200);
    const detail = page.json() as { place: string; counts: { cases: number }; cases: unknown[] };
    expect(detail.place).toBe('Kayole police station');
    expect(detail.counts.cases).toBe(onEvent.total);
    const list = (await api('GET', `/api/cases/${one.id}/events`, duty)).json() as {
      events: { id: string }[];
    };
    expect(list.events.map((e) => e.id)).toEqual([event.id]);
    const events = (await api('GET', '/api/events?q=kayole', duty)).json() as {
      events: { id: string; caseCount: number }[];
    };
    expect(events.events[0]).toMatchObject({ id: event.id, caseCount: onEvent.total });
  }, 240_000);
});
