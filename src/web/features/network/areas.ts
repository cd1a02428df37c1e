import type { Responder } from './api.js';

export interface WardCount {
  ward: string | null;
  subCounty: string | null;
  available: number;
  total: number;
}

/** Responders by county, then ward: how many are available now of how many there are. */
export function groupByArea(responders: readonly Pick<Responder, 'active' | 'available' | 'areas'>[]) {
  const counties = new Map<string, { available: number; total: number; wards: Map<string, WardCount> }>();
  for (const r of responders) {
    if (!r.active) continue;
    const isAvailable = r.available ? 1 : 0;
    const seenCounty = new Set<string>();
    const seenWard = new Set<string>();
    for (const a of r.areas) {
      let c = counties.get(a.county);
      if (!c) {
        c = { available: 0, total: 0, wards: new Map() };
        counties.set(a.county, c);
      }
      if (!seenCounty.has(a.county)) {
        seenCounty.add(a.county);
        c.total += 1;
        c.available += isAvailable;
      }
      const wardKey = `${a.county}|${a.ward ?? ''}`;
      if (seenWard.has(wardKey)) continue;
      seenWard.add(wardKey);
      let w = c.wards.get(a.ward ?? '');
      if (!w) {
        w = { ward: a.ward ?? null, subCounty: a.subCounty ?? null, available: 0, total: 0 };
        c.wards.set(a.ward ?? '', w);
      }
      w.total += 1;
      w.available += isAvailable;
    }
  }
  return [...counties]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([county, c]) => ({
      county,
      available: c.available,
      total: c.total,
      // A county-wide area (no ward) after the wards.
      wards: [...c.wards.values()].sort(
        (a, b) =>
          Number(a.ward === null) - Number(b.ward === null) || (a.ward ?? '').localeCompare(b.ward ?? ''),
      ),
    }));
}
