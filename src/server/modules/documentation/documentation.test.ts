import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import type { DocumentationView } from '../../../shared/contracts/documentation.js';
import { HOUR, kware, protest, responseHelpers } from '../response/response.test-kit.js';
import { attachEvent, docHelpers } from './documentation.test-kit.js';
import { parseEsfExport } from './esf-export.js';

/** Every name the scenario gives: none may appear in a dossier without the reveal step. */
const names = {
  amina: 'Amina Wanjiru',
  brian: 'Brian Otieno',
  chebet: 'Chebet Kiprop',
  inspector: 'Inspector Kamau Mwangi',
  unit: 'Rapid Deployment Unit Alpha',
  company: 'Mega Developers Limited',
  njeri: 'Njeri Wambui',
  doctor: 'Dr Otieno Ochieng',
};

describe('documentation (HURIDOCS ESF) and the case dossier', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let legal: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    legal = await loginAs(t.app, 'legal');
  }, 180_000); // three sign-ins: slow on a loaded machine
  afterAll(() => t.close());

  const { activeCase } = responseHelpers(() => ({ t, duty, approver, legal }));
  const { api, person, post, pdfText } = docHelpers(() => t);

  it('documents an event with 5 acts, 3 perpetrators, 2 sources and derived interventions; the dossier reveals names only after re-authentication with a reason', async () => {
    const c = await activeCase(protest);
    const eventId = await attachEvent(t, c.id);
    const base = `/api/cases/${c.id}/documentation`;
    const now = t.clock.now().getTime();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();

    // People: victims, perpetrators (an individual, a group, an institution) and sources.
    const amina = await person(c.id, duty, {
      role: 'victim',
      name: names.amina,
      sex: 'female',
      ageGroup: 'adult',
    });
    const brian = await person(c.id, duty, {
      role: 'victim',
      name: names.brian,
      sex: 'male',
      ageGroup: 'youth',
    });
    const chebet = await person(c.id, duty, { role: 'victim', name: names.chebet, sex: 'female' });
    const inspector = await person(c.id, duty, { role: 'perpetrator', name: names.inspector });
    const unit = await person(c.id, duty, { role: 'perpetrator', kind: 'group', name: names.unit });
    const company = await person(c.id, duty, {
      role: 'perpetrator',
      kind: 'institution',
      name: names.company,
    });
    const njeri = await person(c.id, legal, { role: 'source', name: names.njeri });
    const doctor = await person(c.id, legal, { role: 'source', name: names.doctor });

    // Two arrests on the response module, each with its 24-hour clock.
    const arrest = async (personId: string, station: string) =>
      post(`/api/cases/${c.id}/arrests`, duty, { arrestedAt: at(30), policeStation: station, personId });
    const arrest1 = await arrest(amina, 'Central Police Station');
    const arrest2 = await arrest(brian, 'Kilimani Police Station');
    const clocks = await t.database.query<{ n: number }>(
      "select count(*)::int as n from case_clocks where case_id = $1 and kind like 'arrest%'",
      [c.id],
    );
    expect(clocks.rows[0]!.n).toBeGreaterThan(0);

    // Five acts, each with the detail of its type.
    const act = (body: object) => post(`${base}/acts`, duty, { eventId, ...body });
    const a1 = await act({
      victimPersonId: amina,
      actType: 'arbitrary_detention',
      startedAt: at(30),
      startedPrecision: 'exact',
      county: 'Nairobi',
      place: 'Outside the Hilton, Mama Ngina Street',
      victimStatus: 'detained',
      arrest: { arrestId: arrest1 },
    });
    const a2 = await act({
      victimPersonId: brian,
      actType: 'arbitrary_detention',
      startedAt: at(30),
      startedPrecision: 'exact',
      victimStatus: 'detained',
      arrest: { arrestId: arrest2 },
    });
    const a3 = await act({
      victimPersonId: brian,
      actType: 'torture',
      startedAt: at(28),
      startedPrecision: 'day',
      consequences: 'Fractured left wrist, bruising on the back',
      victimStatus: 'injured',
      torture: {
        examiner: 'Dr Achieng (IMLU)',
        examinedAt: at(20),
        findings: 'Pattern of injuries from blunt trauma',
        consistency: 'highly_consistent',
      },
    });
    const a4 = await act({
      victimPersonId: chebet,
      actType: 'extrajudicial_killing',
      startedAt: at(29.5),
      startedPrecision: 'exact',
      victimStatus: 'dead',
      killing: {
        autopsyPerformed: true,
        autopsyAt: at(10),
        pathologist: 'Government pathologist',
        autopsyFindings: 'Gunshot wound to the back',
        causeOfDeath: 'Gunshot wound',
        deathCertificateNo: 'DC-778812',
      },
    });
    const a5 = await act({
      victimPersonId: amina,
      actType: 'rape',
      startedAt: at(29),
      startedPrecision: 'day',
      victimStatus: 'injured',
      sexualViolence: { p3FormRef: 'P3-2026-0042', prcFormRef: 'PRC-2026-0017', examinedAt: at(5) },
    });
    // An arrest row is the detail of one act only; a detail of another type is refused.
    const twice = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: amina,
      actType: 'arbitrary_detention',
      victimStatus: 'detained',
      arrest: { arrestId: arrest1 },
    });
    expect(twice.statusCode).toBe(400);
    const mismatched = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: amina,
      actType: 'threat',
      victimStatus: 'alive',
      killing: { autopsyPerformed: false },
    });
    expect(mismatched.statusCode).toBe(400);
    const notVictim = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: inspector,
      actType: 'threat',
      victimStatus: 'alive',
    });
    expect(notVictim.statusCode).toBe(400);

    // Three perpetrators' involvements.
    const involve = async (actId: string, body: object) => {
      const res = await api('POST', `${base}/acts/${actId}/involvements`, duty, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { powerfulPerpetrator: boolean };
    };
    expect(
      await involve(a1, { perpetratorPersonId: inspector, degree: 'direct', perpetratorType: 'police' }),
    ).toEqual(expect.objectContaining({ powerfulPerpetrator: true }));
    await involve(a2, { perpetratorPersonId: inspector, degree: 'ordered', perpetratorType: 'police' });
    await involve(a3, { perpetratorPersonId: unit, degree: 'direct', perpetratorType: 'police' });
    await involve(a4, { perpetratorPersonId: unit, degree: 'direct', perpetratorType: 'military' });
    expect(
      await involve(a5, {
        perpetratorPersonId: company,
        degree: 'complicit',
        perpetratorType: 'private_individual',
      }),
    ).toEqual(expect.objectContaining({ powerfulPerpetrator: false }));
    const victimAsPerp = await api('POST', `${base}/acts/${a5}/involvements`, duty, {
      perpetratorPersonId: amina,
      degree: 'direct',
      perpetratorType: 'police',
    });
    expect(victimAsPerp.statusCode).toBe(400);

    // Two sources with their reliability.
    await post(`${base}/information`, legal, {
      eventId,
      sourcePersonId: njeri,
      reliability: 'highly_reliable',
      materialType: 'testimony',
      confidentiality: 'strictly_confidential',
    });
    await post(`${base}/information`, legal, {
      eventId,
      sourcePersonId: doctor,
      reliability: 'reliable',
      materialType: 'medical_report',
    });

    // Interventions: the case's own action and institutional response, and one manual.
    await post(`/api/cases/${c.id}/actions`, duty, { role: 'legal', type: 'habeas_corpus' });
    await post(`/api/cases/${c.id}/institutional-responses`, duty, {
      agency: 'police',
      request: 'release',
      response: 'refused',
      at: at(25),
    });
    await post(`${base}/interventions`, legal, {
      interventionType: 'appeal_to_authorities',
      byParty: 'KHRC and partners',
      toParty: 'IPOA',
      at: at(2),
      response: 'pledged_commitment',
    });

    const view = (await api('GET', base, legal)).json() as DocumentationView;
    expect(view.acts).toHaveLength(5);
    // In the order they happened.
    expect(view.acts.map((a) => a.actType)).toEqual([
      'arbitrary_detention',
      'arbitrary_detention',
      'extrajudicial_killing',
      'rape',
      'torture',
    ]);
    const byId = (id: string) => view.acts.find((a) => a.id === id)!;
    expect(byId(a1).detail).toEqual({ arrestId: arrest1 });
    expect(byId(a1).place).toBe('Outside the Hilton, Mama Ngina Street');
    expect(byId(a3).detail).toMatchObject({
      consistency: 'highly_consistent',
      examiner: 'Dr Achieng (IMLU)',
    });
    expect(byId(a4).detail).toMatchObject({ autopsyPerformed: true, deathCertificateNo: 'DC-778812' });
    expect(byId(a5).detail).toMatchObject({ p3FormRef: 'P3-2026-0042', hoursToExamination: 24 });
    expect(view.acts.flatMap((a) => a.involvements)).toHaveLength(5);
    expect(new Set(view.acts.flatMap((a) => a.involvements.map((i) => i.perpetratorPersonId))).size).toBe(3);
    expect(view.powerfulPerpetrator).toBe(true);
    expect(view.information.map((i) => [i.source, i.reliability]).sort()).toEqual([
      ['Source 1', 'highly_reliable'],
      ['Source 2', 'reliable'],
    ]);
    expect(view.interventions.map((i) => [i.origin, i.response])).toEqual(
      expect.arrayContaining([
        ['case_action', null],
        ['institutional_response', 'counter_response'],
        ['manual', 'pledged_commitment'],
      ]),
    );
    expect(JSON.stringify(view)).not.toContain(names.amina);

    // The HURIDOCS-compatible export: the same records back after a round trip, minimised.
    const exported = await api('GET', `${base}/export.json`, legal);
    expect(exported.statusCode, exported.body).toBe(200);
    const parsed = parseEsfExport(exported.body);
    expect(parsed).toEqual(exported.json());
    expect(parsed.acts.map((a) => [a.act_record_number, a.type_of_act])).toEqual(
      view.acts.map((a) => [a.id, a.actType]),
    );
    expect(parsed.involvements.map((i) => i.involvement_record_number).sort()).toEqual(
      view.acts.flatMap((a) => a.involvements.map((i) => i.id)).sort(),
    );
    expect(parsed.information.map((i) => i.reliability_as_source).sort()).toEqual([
      'highly_reliable',
      'reliable',
    ]);
    expect(parsed.acts.find((a) => a.act_record_number === a4)).toMatchObject({
      huridocs_type_of_act: 'Extrajudicial execution',
      detail_type: 'killing',
      detail: { autopsyPerformed: true, deathCertificateNo: 'DC-778812' },
    });
    for (const n of Object.values(names)) expect(exported.body).not.toContain(n);
    expect(exported.body).not.toContain('Mama Ngina'); // the sealed exact place
    expect(exported.body).not.toContain('Gunshot wound to the back'); // sealed autopsy findings
    expect(exported.body).not.toContain('IMLU'); // the sealed examiner

    // The dossier without the reveal step: pseudonyms only.
    const plain = await api('POST', `/api/cases/${c.id}/dossier`, approver);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(plain.rawPayload);
    for (const n of Object.values(names)) expect(text).not.toContain(n);
    expect(text).not.toContain('Defender Test'); // the intake victim
    for (const s of ['Victim 1', 'Victim 4', 'Perpetrator 3', 'Source 2', 'Identities withheld'])
      expect(text).toContain(s);
    for (const s of [
      'Arbitrary arrest or detention',
      'Torture or cruel treatment',
      'Extrajudicial killing',
      'Rape',
      'DC-778812',
      'P3-2026-0042',
      'Consistency (Istanbul Protocol): Highly consistent',
      'Highly reliable',
      'Counter-response',
      'Central Police Station',
      'Kilimani Police Station',
      'No evidence recorded.',
      'powerful perpetrator',
      'EV-2026-0001',
      'Acts (5)',
      'Sources (2)',
      'Interventions (3)',
      'Legal representation',
      'Appeal to authorities',
      'Perpetrator 1',
      'Perpetrator 2',
    ])
      expect(text).toContain(s);

    // The reveal: refused without the permission, without re-authentication, without a reason.
    const noPermission = await api('POST', `/api/cases/${c.id}/dossier/revealed`, approver, {
      reason: 'Filing a habeas corpus application at the High Court',
    });
    expect(noPermission.statusCode).toBe(403);
    const noReauth = await api('POST', `/api/cases/${c.id}/dossier/revealed`, legal, {
      reason: 'Filing a habeas corpus application at the High Court',
    });
    expect(noReauth.statusCode).toBe(401);
    expect(noReauth.json()).toMatchObject({ error: { code: 'REAUTH_REQUIRED' } });
    t.clock.advance(31_000);
    await reauthenticate(t.app, legal);
    const noReason = await api('POST', `/api/cases/${c.id}/dossier/revealed`, legal, {});
    expect(noReason.statusCode).toBe(400);
    const audited = async () =>
      (
        await t.database.query<{ actor_id: string; meta: unknown }>(
          "select actor_id, meta from audit_log where action = 'documentation.dossier_revealed' and subject_id = $1",
          [c.id],
        )
      ).rows;
    expect(await audited()).toHaveLength(0);

    const reason = 'Filing a habeas corpus application at the High Court';
    const revealed = await api('POST', `/api/cases/${c.id}/dossier/revealed`, legal, { reason });
    expect(revealed.statusCode, revealed.body).toBe(200);
    const full = await pdfText(revealed.rawPayload);
    for (const n of Object.values(names)) expect(full).toContain(n);
    expect(full).toContain(reason);
    const rows = await audited();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBe(legal.userId);
    // The audit names the people exposed by id, never by name, and keeps no reason text.
    const meta = JSON.stringify(rows[0]!.meta);
    expect(meta).toContain(amina);
    for (const n of Object.values(names)) expect(meta).not.toContain(n);
    expect(meta).not.toContain('habeas');
  }, 120_000);
  it('refuses records that belong to another case, changes nothing, and keeps documentation need-to-know', async () => {
    const c = await activeCase(kware); // femicide threat: sensitive, the team only
    const other = await activeCase(protest);
    const eventId = await attachEvent(t, c.id, 'EV-2026-0101');
    const otherEvent = await attachEvent(t, other.id, 'EV-2026-0102');
    const base = `/api/cases/${c.id}/documentation`;
    const victim = await person(c.id, duty, { role: 'victim', name: 'Wanjiku Test' });
    const stranger = await person(other.id, duty, { role: 'victim', name: 'Someone Else' });
    const count = async () =>
      (
        await t.database.query<{ n: number }>('select count(*)::int as n from acts where case_id = $1', [
          c.id,
        ])
      ).rows[0]!.n;

    const wrongEvent = await api('POST', `${base}/acts`, duty, {
      eventId: otherEvent,
      victimPersonId: victim,
      actType: 'femicide',
      victimStatus: 'alive',
    });
    expect(wrongEvent.statusCode).toBe(400);
    const wrongVictim = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: stranger,
      actType: 'femicide',
      victimStatus: 'alive',
    });
    expect(wrongVictim.statusCode).toBe(400);
    const future = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: victim,
      actType: 'femicide',
      victimStatus: 'alive',
      startedAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString(),
      startedPrecision: 'exact',
    });
    expect(future.statusCode).toBe(400);
    expect(await count()).toBe(0);

    // An unknown type of act: a validation error with a stable code, nothing stored.
    const unknown = await api('POST', `${base}/acts`, duty, {
      eventId,
      victimPersonId: victim,
      actType: 'no_such_act',
      victimStatus: 'alive',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(await count()).toBe(0);

    const femicide = await post(`${base}/acts`, duty, {
      eventId,
      victimPersonId: victim,
      actType: 'femicide',
      victimStatus: 'alive',
    });
    expect(await count()).toBe(1);
    // Another case's act cannot be reached through this case.
    const perp = await person(other.id, duty, { role: 'perpetrator', name: 'Partner Test' });
    const crossed = await api(
      'POST',
      `/api/cases/${other.id}/documentation/acts/${femicide}/involvements`,
      duty,
      {
        perpetratorPersonId: perp,
        degree: 'direct',
        perpetratorType: 'family_member',
      },
    );
    expect(crossed.statusCode).toBe(404);

    // Someone who may read cases but is not on this sensitive case's team sees nothing of it.
    const outsider = await loginAs(t.app, 'research');
    expect((await api('GET', base, outsider)).statusCode).toBe(404);
    expect((await api('POST', `/api/cases/${c.id}/dossier`, outsider)).statusCode).toBe(404);
    expect((await api('GET', `${base}/export.json`, outsider)).statusCode).toBe(404);
  }, 120_000);
});
