import { describe, expect, it } from 'vitest';
import type { DocumentationView } from '../../../shared/contracts/documentation.js';
import { parseEsfExport, toEsfExport } from './esf-export.js';

const view: DocumentationView = {
  events: [{ id: 'e1', reference: 'EV-2026-0001', title: 'Eviction in Deep Sea' }],
  people: [
    { id: 'p1', role: 'victim', kind: 'group', pseudonym: 'Victim 1', ordinal: 1, sex: null, ageGroup: null },
    {
      id: 'p2',
      role: 'perpetrator',
      kind: 'institution',
      pseudonym: 'Perpetrator 1',
      ordinal: 1,
      sex: null,
      ageGroup: null,
    },
    {
      id: 'p3',
      role: 'source',
      kind: 'individual',
      pseudonym: 'Source 1',
      ordinal: 1,
      sex: 'female',
      ageGroup: 'adult',
    },
  ],
  acts: [
    {
      id: 'a1',
      eventId: 'e1',
      victimPersonId: 'p1',
      victim: 'Victim 1',
      actType: 'forced_eviction',
      startedAt: '2026-02-01T05:00:00.000Z',
      startedPrecision: 'day',
      county: 'Nairobi',
      place: 'Behind the Deep Sea chief’s camp',
      consequences: '240 households homeless',
      victimStatus: 'alive',
      detail: { households: 240, propertyLost: 'Iron-sheet houses, a school' },
      involvements: [
        {
          id: 'i1',
          actId: 'a1',
          perpetratorPersonId: 'p2',
          perpetrator: 'Perpetrator 1',
          degree: 'ordered',
          perpetratorType: 'county_government',
          powerfulPerpetrator: true,
        },
      ],
    },
  ],
  information: [
    {
      id: 'n1',
      eventId: 'e1',
      sourcePersonId: 'p3',
      source: 'Source 1',
      reliability: 'fairly_reliable',
      materialType: 'testimony',
      confidentiality: 'internal',
      receivedAt: null,
      remarks: 'Lives next to the chief',
    },
  ],
  interventions: [
    {
      id: 'v1',
      origin: 'manual',
      eventId: 'e1',
      interventionType: 'appeal_to_authorities',
      byParty: 'KHRC',
      toParty: 'County government',
      at: '2026-02-02T09:00:00.000Z',
      response: 'no_response',
      impact: 'Governor promised a meeting',
    },
  ],
  powerfulPerpetrator: true,
};

describe('the ESF export', () => {
  it('round-trips: export → JSON → parse gives the same records', () => {
    const out = toEsfExport(view, {
      reference: 'KE-2026-000123',
      exportedAt: new Date('2026-03-01T00:00:00Z'),
    });
    const back = parseEsfExport(JSON.stringify(out));
    expect(back).toEqual(out);
    expect(back.acts).toEqual([
      expect.objectContaining({
        act_record_number: 'a1',
        event: 'EV-2026-0001',
        victim: 'p1',
        type_of_act: 'forced_eviction',
        huridocs_type_of_act: 'Forced eviction',
        initial_date_type: 'day',
        detail_type: 'eviction',
        detail: { households: 240 },
      }),
    ]);
    expect(back.involvements).toEqual([
      {
        involvement_record_number: 'i1',
        act: 'a1',
        perpetrator: 'p2',
        degree_of_involvement: 'ordered',
        type_of_perpetrator: 'county_government',
        powerful_perpetrator: true,
      },
    ]);
    expect(back.persons.map((p) => [p.name, p.counting_unit])).toEqual([
      ['Victim 1', 'group'],
      ['Perpetrator 1', 'institution'],
      ['Source 1', 'individual'],
    ]);
  });

  it('is minimised: no sealed text leaves (place, consequences, property, remarks, impact)', () => {
    const text = JSON.stringify(toEsfExport(view, { reference: 'KE-1', exportedAt: new Date() }));
    for (const sealed of [
      'Deep Sea chief',
      '240 households homeless',
      'Iron-sheet',
      'Lives next',
      'Governor',
    ])
      expect(text).not.toContain(sealed);
  });

  it('refuses a file that is not an ESF export', () => {
    expect(() => parseEsfExport(JSON.stringify({ format: 'uwazi', version: 1 }))).toThrow();
  });
});
