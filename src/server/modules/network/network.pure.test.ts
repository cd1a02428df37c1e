import { describe, expect, it } from 'vitest';
import type { MissionRow, ResponderRow, WellbeingRow } from './network.repo.js';
import { matchesQuery } from './responders.service.js';
import { defenderNarrative } from './sos.service.js';

/** "2026-03-01 13:00" in Nairobi (UTC+3). */
const eat = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
import { wellbeingRow } from './wellbeing.service.js';
import {
  DAY,
  exposuresFor,
  localeOf,
  missionView,
  placeName,
  placeOf,
  responderView,
  startLevel,
} from './network.views.js';

const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
const now = new Date('2026-03-01T10:00:00Z');

const responder = (over: Partial<ResponderRow> = {}): ResponderRow =>
  ({
    id: 'r1',
    userId: null,
    locale: 'en',
    areas: [kware],
    skills: ['escort'],
    languages: ['sw'],
    available: true,
    availableFrom: null,
    availableTo: null,
    homeCentre: 'Kware centre',
    caseloadLimit: 2,
    cancelPinHash: null,
    active: true,
    ...over,
  }) as ResponderRow;

const mission = (over: Partial<MissionRow> = {}): MissionRow =>
  ({
    id: 'm1',
    caseId: 'c1',
    number: 7,
    responderId: 'r1',
    type: 'escort',
    status: 'active',
    checkInMinutes: 30,
    startedAt: new Date(now.getTime() - 60 * 60_000),
    lastCheckInAt: null,
    nextCheckInDue: new Date(now.getTime() - 60_000),
    endedAt: null,
    exposures: [],
    ...over,
  }) as MissionRow;

describe('network views and rules (pure)', () => {
  it('dispatches by administrative area only, starting at the narrowest level known', () => {
    expect(placeOf({ county: 'Nairobi', subCounty: null, ward: null })).toEqual({ county: 'Nairobi' });
    expect(startLevel(kware)).toBe(3);
    expect(startLevel({ county: 'Nairobi', subCounty: 'Embakasi South' })).toBe(2);
    expect(startLevel({ county: 'Nairobi' })).toBe(1);
    expect(startLevel({})).toBe(0);
    expect(placeName({ area: { county: 'Nairobi', subCounty: 'Embakasi South' } })).toBe('Embakasi South');
  });

  it('infers what a responder saw from the mission type and the violations', () => {
    expect(exposuresFor('body_retrieval', [])).toEqual(['death']);
    expect(exposuresFor('escort', ['femicide', 'rape'])).toEqual(['death', 'sexual_violence']);
    expect(exposuresFor('escort', ['arbitrary_arrest'])).toEqual([]);
  });

  it('shows a mission overdue only while it is active and past its check-in', () => {
    expect(missionView(mission(), 'Amina', now).overdue).toBe(true);
    expect(missionView(mission({ status: 'done' }), 'Amina', now).overdue).toBe(false);
    expect(missionView(mission(), 'Amina', now, 'DH-1')).toMatchObject({ reference: 'DH-1', number: 7 });
  });

  it('masks the phone and falls back to Kiswahili for an unknown locale', () => {
    const view = responderView(
      responder({ locale: 'fr' }),
      { name: 'Amina', phone: '+254711000123' },
      new Map([['r1', 1]]),
    );
    expect(view).toMatchObject({
      phoneMasked: '••• 123',
      locale: 'sw',
      activeMissions: 1,
      hasCancelPin: false,
    });
    expect(localeOf(responder({ locale: 'xx' }), 'en')).toBe('en');
  });

  it('filters the roster by area, skill and availability', () => {
    expect(matchesQuery(responder(), { county: 'nairobi', ward: 'KWARE' })).toBe(true);
    expect(matchesQuery(responder(), { ward: 'Kayole North' })).toBe(false);
    expect(matchesQuery(responder(), { skill: 'paralegal' })).toBe(false);
    expect(matchesQuery(responder({ active: false }), { available: 'true' })).toBe(false);
  });

  it('writes who, where and whom to call into a defender SOS narrative', () => {
    const text = defenderNarrative({
      channel: 'sms',
      homeCentre: 'Kware centre',
      detail: 'police at my door',
      location: 'Pipeline stage',
      locationAt: now,
      contacts: null,
    });
    expect(text.split('\n')).toEqual([
      'SOS from a registered defender (Kware centre) by SMS.',
      'Message: police at my door',
      `Last known location: Pipeline stage (${eat(now)} EAT)`,
      'Emergency contacts: none on record.',
    ]);
  });

  it("writes a Kiswahili defender's SOS narrative in Kiswahili, with Nairobi times", () => {
    const text = defenderNarrative({
      channel: 'ussd',
      homeCentre: null,
      location: 'Pipeline stage',
      locationAt: now,
      contacts: 'Mama Achieng',
      locale: 'sw',
    });
    expect(text.split('\n')).toEqual([
      'SOS kutoka kwa mtetezi aliyesajiliwa kwa USSD.',
      `Mahali alipoonekana mwisho: Pipeline stage (${eat(now)} EAT)`,
      'Watu wa kuwasiliana nao wakati wa dharura: Mama Achieng',
    ]);
  });

  it('flags a low score, a full caseload and a missing debrief on the wellbeing view', () => {
    const done = mission({ id: 'm2', status: 'done', endedAt: new Date(now.getTime() - DAY) });
    const check = { responderId: 'r1', missionId: null, score: 2, at: now } as WellbeingRow;
    const row = wellbeingRow({
      responder: responder(),
      name: 'Amina',
      missions: [mission({ exposures: ['death'] }), done],
      checks: [check],
      activeMissions: 2,
      now,
    });
    expect(row).toMatchObject({
      missions7d: 2,
      exposures90d: { death: 1, sexual_violence: 0 },
      debriefsPending: 1,
    });
    expect(row.concerns).toEqual(expect.arrayContaining(['low_score', 'at_limit', 'no_debrief']));
  });
});
