import * as kenyaLocations from 'kenya-locations';
import { normaliseText } from './triage.js';

/**
 * Where a message says it happened: county, sub-county and ward recognised from the words of the text,
 * by the names in `kenya-locations` (counties, constituencies standing in for sub-counties, wards; as in
 * modules/public/locations.ts). A ward named in full ("Kayole North") gives the ward; the first word of
 * a ward's name ("Kayole") gives the places all such wards share (here Embakasi Central, Nairobi). Names
 * that are ordinary words ("Central", "Township") are never matched alone.
 */
export interface RecognisedPlace {
  county: string;
  subCounty?: string;
  ward?: string;
  /** The words of the message that named it. */
  words: string;
}

interface KenyaLocations {
  getCounties(): { code: string; name: string }[];
  getConstituencies(): { code: string; name: string; county: string }[];
  getWards(): { code: string; name: string; constituency: string }[];
}
const data = kenyaLocations as unknown as KenyaLocations;

/** Names (or first words of names) that are ordinary English, Kiswahili or Sheng words, or too vague. */
const generic = new Set([
  'central',
  'township',
  'town',
  'north',
  'south',
  'east',
  'west',
  'hospital',
  'airport',
  'railways',
  'industrial',
  'market',
  'stage',
  'mjini',
  'kati',
  'mashariki',
  'magharibi',
  'kaskazini',
  'kusini',
  'mountain',
  'upper',
  'lower',
  'old',
  'new',
  'river',
  'lake',
  'bahari',
  'pwani',
  'mlimani',
  'ward',
  'county',
  'kaunti',
  'mtaa',
  'hapa',
  'sasa',
  'kuna',
  'huko',
  'juu',
  'chini',
  'kati',
  'bondeni',
  'soko',
  'makutano',
  'mjini',
  'shule',
  'kona',
  'karibu',
  'mbali',
  'jiji',
  'nyumba',
  'mama',
  'baba',
  'polisi',
]);

/** Estates and common spellings that are not a name in the data set, mapped to one that is. */
const aliases: Record<string, string> = {
  kibera: 'kibra',
  'githurai 45': 'githurai',
};

interface Place {
  county: string;
  subCounty?: string;
  ward?: string;
}
const key = (name: string) => normaliseText(name).join(' ');

const exact = new Map<string, Place[]>();
const byFirstWord = new Map<string, Place[]>();
const add = (m: Map<string, Place[]>, k: string, p: Place) => {
  if (!k || generic.has(k) || k.length < 4) return;
  m.set(k, [...(m.get(k) ?? []), p]);
};
const countyOfConstituency = new Map<string, string>();
for (const c of data.getCounties()) add(exact, key(c.name), { county: c.name });
for (const c of data.getConstituencies()) {
  countyOfConstituency.set(c.name, c.county);
  add(exact, key(c.name), { county: c.county, subCounty: c.name });
}
for (const w of data.getWards()) {
  const county = countyOfConstituency.get(w.constituency);
  if (!county) continue;
  const p = { county, subCounty: w.constituency, ward: w.name };
  const k = key(w.name);
  add(exact, k, p);
  const first = k.split(' ')[0]!;
  if (first !== k) add(byFirstWord, first, p);
}
const longest = Math.max(...[...exact.keys()].map((k) => k.split(' ').length));

/** The most specific place every candidate shares, or null when they lie in different counties. */
function common(candidates: Place[]): Place | null {
  const [first] = candidates;
  if (!first || candidates.some((c) => c.county !== first.county)) return null;
  const out: Place = { county: first.county };
  if (first.subCounty && candidates.every((c) => c.subCounty === first.subCounty)) {
    out.subCounty = first.subCounty;
    if (first.ward && candidates.every((c) => c.ward === first.ward)) out.ward = first.ward;
  }
  return out;
}
const depth = (p: Place) => (p.ward ? 3 : p.subCounty ? 2 : 1);

/**
 * The place a message names: the most specific unambiguous one. A county named too narrows a name
 * found in several counties ("Township, Kiambu"). Null when nothing (or nothing unambiguous) is named.
 */
export function recognisePlace(text: string): RecognisedPlace | null {
  const words = normaliseText(text);
  const found: { place: Place; words: string }[] = [];
  const ambiguous: { candidates: Place[]; words: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    let matched = false;
    for (let n = Math.min(longest, words.length - i); n >= 1 && !matched; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const candidates =
        exact.get(Object.hasOwn(aliases, phrase) ? aliases[phrase]! : phrase) ??
        (n === 1 ? byFirstWord.get(phrase) : undefined);
      if (!candidates) continue;
      matched = true;
      const one = common(candidates);
      if (one) found.push({ place: one, words: phrase });
      else ambiguous.push({ candidates, words: phrase });
      i += n - 1;
    }
  }
  const counties = new Set(found.map((f) => f.place.county));
  for (const a of ambiguous) {
    const inNamed = a.candidates.filter((c) => counties.has(c.county));
    const one = common(inNamed);
    if (one) found.push({ place: one, words: a.words });
  }
  if (found.length === 0) return null;
  // The most specific place; among equals, the first named. Places in other counties than it are ignored.
  const best = found.reduce((a, b) => (depth(b.place) > depth(a.place) ? b : a));
  return { ...best.place, words: best.words };
}

/** Whether county / sub-county / ward name one place in the data set (each may be left out from the right). */
export function isValidPlace(p: {
  county: string | null;
  subCounty: string | null;
  ward: string | null;
}): boolean {
  if (!p.county) return !p.subCounty && !p.ward;
  if (!data.getCounties().some((c) => c.name === p.county)) return false;
  if (!p.subCounty) return !p.ward;
  if (countyOfConstituency.get(p.subCounty) !== p.county) return false;
  if (!p.ward) return true;
  return data.getWards().some((w) => w.name === p.ward && w.constituency === p.subCounty);
}
