import { describe, expect, it } from 'vitest';
import { groupByArea } from './areas.js';

const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
const mukuru = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' };
const likoni = { county: 'Mombasa', subCounty: 'Likoni', ward: 'Likoni' };

describe('groupByArea', () => {
  it('counts each responder once per county and once per ward, available of total', () => {
    const groups = groupByArea([
      { active: true, available: true, areas: [kware, mukuru] },
      { active: true, available: false, areas: [kware] },
      { active: true, available: true, areas: [likoni, { county: 'Mombasa' }] },
      { active: false, available: true, areas: [kware] },
    ]);
    expect(groups.map((g) => [g.county, g.available, g.total])).toEqual([
      ['Mombasa', 1, 1],
      ['Nairobi', 1, 2],
    ]);
    const nairobi = groups[1]!;
    expect(nairobi.wards.map((w) => [w.ward, w.available, w.total])).toEqual([
      ['Kware', 1, 2],
      ['Mukuru Kwa Njenga', 1, 1],
    ]);
    // A county-wide area (no ward) is listed after the wards.
    expect(groups[0]!.wards.map((w) => w.ward)).toEqual(['Likoni', null]);
  });
});
