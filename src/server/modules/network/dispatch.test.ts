import { describe, expect, it } from 'vitest';
import { parseSms } from '../../channels/sms/inbound.js';
import { areaMatch, rankResponders, withinHours } from './dispatch.js';
import type { ResponderRow } from './network.repo.js';

const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
const mukuru = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' };
const kayole = { county: 'Nairobi', subCounty: 'Embakasi Central', ward: 'Kayole North' };

describe('dispatch ranking (pure)', () => {
  const row = (id: string, over: Partial<ResponderRow>): ResponderRow =>
    ({
      id,
      active: true,
      available: true,
      availableFrom: null,
      availableTo: null,
      skills: ['escort'],
      caseloadLimit: 2,
      areas: [kware],
      createdAt: new Date(0),
      ...over,
    }) as ResponderRow;

  it('matches ward, then sub-county, then county', () => {
    expect(areaMatch([kware], kware)).toBe(3);
    expect(areaMatch([mukuru], kware)).toBe(2);
    expect(areaMatch([kayole], kware)).toBe(1);
    expect(areaMatch([{ county: 'Mombasa', ward: 'Kware' }], kware)).toBe(0);
  });

  it('reads hours in East Africa Time, overnight spans included', () => {
    const at = new Date('2026-03-02T19:30:00Z'); // 22:30 EAT
    expect(withinHours('20:00', '06:00', at)).toBe(true);
    expect(withinHours('06:00', '20:00', at)).toBe(false);
    expect(withinHours(null, null, at)).toBe(true);
  });

  it('ranks nearest then lightest load, and says why others were skipped', () => {
    const { ranked, skipped } = rankResponders({
      responders: [
        row('far', { areas: [kayole] }),
        row('busy', {}),
        row('near-loaded', {}),
        row('near', {}),
        row('mid', { areas: [mukuru] }),
        row('off', { available: false }),
        row('paralegal', { skills: ['paralegal'] }),
      ],
      loads: new Map([
        ['busy', 2],
        ['near-loaded', 1],
      ]),
      place: kware,
      skill: 'escort',
      minMatch: 1,
      at: new Date(),
    });
    expect(ranked.map((r) => r.responder.id)).toEqual(['near', 'near-loaded', 'mid', 'far']);
    expect(Object.fromEntries(skipped.map((s) => [s.responder.id, s.reason]))).toEqual({
      busy: 'caseload_limit',
      off: 'unavailable',
      paralegal: 'missing_skill',
    });
  });

  it('parses replies, check-ins with a place, and PIN cancels in both languages', () => {
    expect(parseSms('ndio 123')).toMatchObject({
      kind: 'responder',
      keyword: 'NDIO',
      number: '123',
      locale: 'sw',
    });
    expect(parseSms('OK 123 at Kware stage')).toMatchObject({
      kind: 'responder',
      keyword: 'OK',
      detail: 'at Kware stage',
    });
    expect(parseSms('No 5 people were arrested at the market')).toMatchObject({ kind: 'report' });
    expect(parseSms('SITISHA 2468')).toEqual({ kind: 'cancel', locale: 'sw', pin: '2468' });
    expect(parseSms('cancel 12')).toMatchObject({ kind: 'report' });
  });
});
