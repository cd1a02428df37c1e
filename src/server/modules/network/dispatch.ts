import { areaLevels } from '../../../shared/network.js';
import { eatWallClock } from '../../lib/clock.js';
import type { Area } from '../../../shared/contracts/network.js';
import type { ResponderRow } from './network.repo.js';

export type SkipReason = 'caseload_limit' | 'unavailable' | 'off_hours' | 'missing_skill' | 'already_asked';

export interface Ranked {
  responder: ResponderRow;
  areaMatch: number;
  load: number;
}

const same = (a?: string | null, b?: string | null) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/** How close a responder's areas come to the place: 3 same ward, 2 sub-county, 1 county, 0 none. */
export function areaMatch(areas: readonly Area[], place: Partial<Area>): number {
  let best: number = areaLevels.anywhere;
  for (const a of areas) {
    if (!same(a.county, place.county)) continue;
    if (same(a.ward, place.ward)) return areaLevels.ward;
    best = Math.max(best, same(a.subCounty, place.subCounty) ? areaLevels.subCounty : areaLevels.county);
  }
  return best;
}

/** Whether `at` (UTC) falls in a responder's hours, read in East Africa Time; overnight spans allowed. */
export function withinHours(from: string | null, to: string | null, at: Date): boolean {
  if (!from || !to) return true;
  const eat = eatWallClock(at);
  const minutes = eat.getUTCHours() * 60 + eat.getUTCMinutes();
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const f = toMin(from);
  const t = toMin(to);
  return f <= t ? minutes >= f && minutes < t : minutes >= f || minutes < t;
}

/**
 * Dispatch ranking (DESIGN §3): available responders with the skill, nearest first (same ward, then
 * sub-county, then county), then the lightest load. Anyone at their caseload limit, off duty, outside
 * their hours, without the skill or already asked is skipped, with the reason, so the dispatcher sees why.
 * `minMatch` widens the search step by step (3 → 0).
 */
export function rankResponders(input: {
  responders: readonly ResponderRow[];
  loads: ReadonlyMap<string, number>;
  place: Partial<Area>;
  skill: string | null;
  minMatch: number;
  at: Date;
  alreadyAsked?: ReadonlySet<string>;
}): { ranked: Ranked[]; skipped: { responder: ResponderRow; reason: SkipReason }[] } {
  const ranked: Ranked[] = [];
  const skipped: { responder: ResponderRow; reason: SkipReason }[] = [];
  for (const r of input.responders) {
    if (!r.active) continue;
    const match = areaMatch(r.areas as Area[], input.place);
    if (match < input.minMatch) continue;
    const load = input.loads.get(r.id) ?? 0;
    let reason: SkipReason | null = null;
    if (input.alreadyAsked?.has(r.id)) reason = 'already_asked';
    else if (input.skill && !r.skills.includes(input.skill)) reason = 'missing_skill';
    else if (!r.available) reason = 'unavailable';
    else if (!withinHours(r.availableFrom, r.availableTo, input.at)) reason = 'off_hours';
    else if (load >= r.caseloadLimit) reason = 'caseload_limit';
    if (reason) skipped.push({ responder: r, reason });
    else ranked.push({ responder: r, areaMatch: match, load });
  }
  ranked.sort(
    (a, b) =>
      b.areaMatch - a.areaMatch ||
      a.load / a.responder.caseloadLimit - b.load / b.responder.caseloadLimit ||
      a.responder.createdAt.getTime() - b.responder.createdAt.getTime(),
  );
  return { ranked, skipped };
}
