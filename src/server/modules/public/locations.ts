import * as kenyaLocations from 'kenya-locations';

/**
 * Kenya's 47 counties, their sub-counties and wards for the public form, from `kenya-locations`.
 * In that data set wards hang off constituencies, so the constituency stands in for the sub-county (the
 * two coincide in most counties, e.g. Nairobi's Embakasi South). Built once at start-up.
 */
export interface WardOption {
  code: string;
  name: string;
}
export interface SubCountyGroup {
  code: string;
  name: string;
  wards: WardOption[];
}

/**
 * The package's declarations use extensionless relative imports, which NodeNext resolution cannot
 * follow (its exports type as `any`), so the three functions used here are typed by hand.
 */
interface KenyaLocations {
  getCounties(): { code: string; name: string }[];
  getConstituencies(): { code: string; name: string; county: string }[];
  getWards(): { code: string; name: string; constituency: string }[];
}
const { getCounties, getConstituencies, getWards } = kenyaLocations as unknown as KenyaLocations;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

export const countyNames: readonly string[] = getCounties()
  .map((c) => c.name)
  .sort((a, b) => a.localeCompare(b, 'en'));
const countySet = new Set(countyNames);

const groupsByCounty = new Map<string, SubCountyGroup[]>();
const groupByName = new Map<string, SubCountyGroup & { county: string }>();
for (const c of getConstituencies()) {
  const group = { code: c.code, name: c.name, wards: [] as WardOption[], county: c.county };
  groupByName.set(c.name, group);
  const list = groupsByCounty.get(c.county) ?? [];
  list.push(group);
  groupsByCounty.set(c.county, list);
}
const wardByCode = new Map<string, { name: string; group: SubCountyGroup & { county: string } }>();
for (const w of getWards()) {
  const group = groupByName.get(w.constituency);
  if (!group) continue;
  group.wards.push({ code: w.code, name: w.name });
  wardByCode.set(w.code, { name: w.name, group });
}
const groupByCode = new Map([...groupByName.values()].map((g) => [g.code, g]));
for (const list of groupsByCounty.values()) {
  list.sort(byName);
  for (const g of list) g.wards.sort(byName);
}

export function isCounty(name: string): boolean {
  return countySet.has(name);
}

export function subCountiesOf(county: string): readonly SubCountyGroup[] {
  return groupsByCounty.get(county) ?? [];
}

/** Option values of the ward select: `w<ward code>` for a ward, `s<code>` for "this sub-county, ward not sure". */
export const wardValue = (code: string) => `w${code}`;
export const subCountyValue = (code: string) => `s${code}`;

/** The sub-county (and ward) a select value names, if it lies in `county`. */
export function resolvePlace(county: string, value: string): { subCounty: string; ward?: string } | null {
  const code = value.slice(1);
  if (value.startsWith('w')) {
    const w = wardByCode.get(code);
    return w && w.group.county === county ? { subCounty: w.group.name, ward: w.name } : null;
  }
  if (value.startsWith('s')) {
    const g = groupByCode.get(code);
    return g && g.county === county ? { subCounty: g.name } : null;
  }
  return null;
}
