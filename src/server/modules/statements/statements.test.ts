import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../../test/factories.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import type { StatementView } from '../../../shared/contracts/statements.js';

const VICTIM = 'Wanjiku Achieng';
const VICTIM_PHONE = '0712 345 678';
const REASON = 'The family asked us to name her publicly to press for her release';

/**
 * Public statements end to end through the API: a draft naming the victim cannot be approved until each
 * finding is removed or accepted with a reason (audited, sealed); approval by someone else; the public
 * page, its Kiswahili, the Atom feed; withdrawal to a tombstone.
 */
describe('public statements', () => {
  let t: TestApp;
  let comms: SignedIn;
  let comms2: SignedIn;
  let approver: SignedIn;
  let caseId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const f = factories(t.app);
    comms = await loginAs(t.app, 'communications');
    comms2 = await loginAs(t.app, 'communications');
    approver = await loginAs(t.app, 'approver');
    caseId = (
      await f.buildCase({
        place: 'Behind Kware chief camp',
        victim: { name: VICTIM, phone: '+254712345678', sex: 'female' },
      })
    ).id;
  }, 60_000);
  afterAll(async () => t.close());

  const call = (by: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: by.headers, ...(payload ? { payload } : {}) });
  const texts = {
    titleEn: 'Release the detained defender now',
    titleSw: 'Mwachilieni mtetezi aliyezuiliwa sasa',
    bodyEn: `We demand the release of ${VICTIM}, detained since Monday. Call ${VICTIM_PHONE} for details.`,
    bodySw: `Tunadai kuachiliwa kwa ${VICTIM}, aliyezuiliwa tangu Jumatatu. Kitambulisho 23456789.`,
  };

  async function drafted(): Promise<StatementView> {
    const res = await call(comms, 'POST', '/api/statements', { caseId, ...texts });
    expect(res.statusCode).toBe(201);
    return res.json<StatementView>();
  }

  it("refuses approval while the victim's name or a phone is in it, until removed or accepted with a reason", async () => {
    const s = await drafted();
    expect((await call(approver, 'POST', `/api/statements/${s.id}/approve`)).json().error.code).toBe(
      'STATEMENT_CHECK_REQUIRED',
    );
    const checked = (await call(comms, 'POST', `/api/statements/${s.id}/check`)).json<StatementView>();
    const kinds = checked.hits.map((h) => `${h.field}:${h.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'bodyEn:person_name',
        'bodyEn:person_phone',
        'bodySw:person_name',
        'bodySw:id_number',
      ]),
    );
    const phoneHit = checked.hits.find((h) => h.kind === 'person_phone')!;
    expect(texts.bodyEn.slice(phoneHit.offset, phoneHit.offset + phoneHit.length)).toBe(VICTIM_PHONE);

    // Open findings block approval, and the author may never approve their own statement.
    const blocked = await call(approver, 'POST', `/api/statements/${s.id}/approve`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('STATEMENT_OPEN_HITS');
    expect((await call(comms, 'POST', `/api/statements/${s.id}/approve`)).json().error.code).toBe(
      'SEGREGATION_OF_DUTIES',
    );

    // Remove the phone and the ID number by editing; keep the name on purpose, with a reason.
    const edited = await call(comms, 'PUT', `/api/statements/${s.id}`, {
      ...texts,
      bodyEn: `We demand the release of ${VICTIM}, detained since Monday.`,
      bodySw: `Tunadai kuachiliwa kwa ${VICTIM}, aliyezuiliwa tangu Jumatatu.`,
      version: checked.version,
    });
    expect(edited.statusCode).toBe(200);
    expect((await call(approver, 'POST', `/api/statements/${s.id}/approve`)).json().error.code).toBe(
      'STATEMENT_CHECK_REQUIRED',
    );
    let v = (await call(comms, 'POST', `/api/statements/${s.id}/check`)).json<StatementView>();
    expect(v.hits.map((h) => h.kind).sort()).toEqual(['person_name', 'person_name']);
    const short = await call(comms, 'POST', `/api/statements/${s.id}/hits/${v.hits[0]!.id}/accept`, {
      reason: 'ok',
    });
    expect(short.statusCode).toBe(400);
    for (const h of v.hits) {
      const res = await call(comms, 'POST', `/api/statements/${s.id}/hits/${h.id}/accept`, {
        reason: REASON,
      });
      expect(res.statusCode).toBe(200);
    }
    // An accepted finding stays accepted on a re-check of the same text.
    v = (await call(comms, 'POST', `/api/statements/${s.id}/check`)).json<StatementView>();
    expect(v.hits.every((h) => h.status === 'accepted' && h.decidedBy === comms.userId)).toBe(true);
    const approved = await call(approver, 'POST', `/api/statements/${s.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<StatementView>().status).toBe('approved');

    // The override is audited — who, which finding — and neither the reason nor the name is in clear anywhere.
    const audit = await t.database.query<{ action: string; actor_id: string; meta: unknown }>(
      `select action, actor_id, meta from audit_log where subject_id = $1 order by seq`,
      [s.id],
    );
    const accepts = audit.rows.filter((r) => r.action === 'statement.hit_accept');
    expect(accepts).toHaveLength(2);
    expect(accepts.every((r) => r.actor_id === comms.userId)).toBe(true);
    expect(audit.rows.map((r) => r.action)).toContain('statement.approve');
    const allAudit = JSON.stringify(audit.rows);
    const hitRows = JSON.stringify((await t.database.query('select * from statement_hits')).rows);
    for (const secret of [VICTIM, 'Wanjiku', 'Achieng', '712345678', '23456789', REASON]) {
      expect(allAudit).not.toContain(secret);
      expect(hitRows).not.toContain(secret);
    }
  });

  it('publishes an approved statement on a small, script-free page in both languages and a valid Atom feed', async () => {
    const s = await drafted();
    await call(comms, 'PUT', `/api/statements/${s.id}`, {
      ...texts,
      bodyEn:
        'We demand the release of a defender detained since Monday.\n\nPolice must act <now> & "today".',
      bodySw: 'Tunadai kuachiliwa kwa mtetezi aliyezuiliwa tangu Jumatatu.',
      version: s.version,
    });
    expect((await call(comms, 'POST', `/api/statements/${s.id}/check`)).json<StatementView>().hits).toEqual(
      [],
    );
    expect((await call(comms, 'POST', `/api/statements/${s.id}/publish`)).json().error.code).toBe(
      'STATEMENT_WRONG_STATE',
    );
    expect((await call(comms2, 'POST', `/api/statements/${s.id}/approve`)).statusCode).toBe(200);
    const published = await call(comms, 'POST', `/api/statements/${s.id}/publish`);
    expect(published.statusCode).toBe(200);
    const slug = published.json<StatementView>().slug;

    const list = await t.app.inject({ url: '/statements?lang=en' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(texts.titleEn);
    expect(list.body).toContain(`/statements/${slug}`);
    for (const lang of ['en', 'sw']) {
      const page = await t.app.inject({ url: `/statements/${slug}?lang=${lang}` });
      expect(page.statusCode).toBe(200);
      expect(Buffer.byteLength(page.body)).toBeLessThanOrEqual(30 * 1024);
      expect(page.body).not.toMatch(/<script/i);
      expect(page.headers['content-language']).toBe(lang);
      expect(page.body).toContain(lang === 'en' ? texts.titleEn : texts.titleSw);
      if (lang === 'sw') expect(page.body).toContain('Tunadai kuachiliwa');
      else expect(page.body).toContain('Police must act &lt;now&gt; &amp; &quot;today&quot;.');
    }
    expect((await t.app.inject({ url: '/statements/no-such-thing' })).statusCode).toBe(404);

    const feed = await t.app.inject({ url: '/statements.atom' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(feed.body)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => n === 'entry' || n === 'link',
    }).parse(feed.body);
    const f = doc.feed;
    expect(f['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(f.id).toMatch(/\/statements$/);
    expect(f.title['#text']).toContain('Public statements');
    expect(new Date(f.updated).toISOString()).toBe(f.updated);
    expect(f.link.find((l: Record<string, string>) => l['@_rel'] === 'self')['@_href']).toMatch(
      /\/statements\.atom$/,
    );
    const entry = f.entry.find((e: { id: string }) => e.id === `urn:uuid:${s.id}`);
    expect(entry.title['#text']).toBe(texts.titleEn);
    expect(new Date(entry.updated).toISOString()).toBe(entry.updated);
    expect(entry.link[0]['@_href']).toMatch(new RegExp(`/statements/${slug}$`));
    expect(entry.content['#text']).toContain('Police must act <now> & "today".');
    expect(entry.content['#text']).toContain('Tunadai kuachiliwa');

    // Withdrawal: 410 Gone with a tombstone, the content gone from the page and the feed.
    const withdrawn = await call(approver, 'POST', `/api/statements/${s.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    const tomb = await t.app.inject({ url: `/statements/${slug}?lang=en` });
    expect(tomb.statusCode).toBe(410);
    expect(tomb.body).toContain('This statement was withdrawn on');
    expect(tomb.body).not.toContain('Police must act');
    const tombSw = await t.app.inject({ url: `/statements/${slug}?lang=sw` });
    expect(tombSw.body).toContain('Taarifa hii iliondolewa tarehe');
    const after = await t.app.inject({ url: '/statements.atom' });
    expect(XMLValidator.validate(after.body)).toBe(true);
    const gone = new XMLParser({ isArray: (n) => n === 'entry' })
      .parse(after.body)
      .feed.entry.find((e: { id: string }) => e.id === `urn:uuid:${s.id}`);
    expect(gone.content).toBeUndefined();
    expect(after.body).not.toContain('Police must act');
    // A withdrawn statement can no longer be edited.
    const edit = await call(comms, 'PUT', `/api/statements/${s.id}`, { ...texts, version: 2 });
    expect(edit.json().error.code).toBe('STATEMENT_NOT_EDITABLE');
  });

  it('keeps drafts to communications and approvers', async () => {
    const duty = await loginAs(t.app, 'duty_officer');
    expect((await call(duty, 'GET', '/api/statements')).statusCode).toBe(403);
    expect((await call(approver, 'POST', '/api/statements', { caseId, ...texts })).statusCode).toBe(403);
  });
});
