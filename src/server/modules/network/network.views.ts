import type { Locale } from '../../../shared/locale.js';
import { missionTypes, type MissionType } from '../../../shared/network.js';
import type { Area, MissionView, ResponderView } from '../../../shared/contracts/network.js';
import type { DispatchRow, MissionRow, ResponderRow } from './network.repo.js';

/**
 * Pure helpers of the network: how rows become API views, what a mission type implies, where a case
 * is for dispatch. No database, no keys: the callers decrypt and pass plain values in.
 */

export const DAY = 86_400_000;

export const isLocale = (v: string): v is Locale => v === 'en' || v === 'sw';

/** The responder's own language, or `fallback` when the stored one is not a locale we speak. */
export const localeOf = (r: Pick<ResponderRow, 'locale'>, fallback: Locale = 'sw'): Locale =>
  isLocale(r.locale) ? r.locale : fallback;

/** An SMS decided inside a transaction, sent after it committed (the key makes a re-send a no-op). */
export interface Outgoing {
  to: string;
  body: string;
  key: string;
  caseId: string;
}

/** A case's administrative area, as dispatch ranks by it (never the exact place). */
export function placeOf(c: {
  county: string | null;
  subCounty: string | null;
  ward: string | null;
}): Partial<Area> {
  return {
    ...(c.county ? { county: c.county } : {}),
    ...(c.subCounty ? { subCounty: c.subCounty } : {}),
    ...(c.ward ? { ward: c.ward } : {}),
  };
}

/** The level a dispatch starts at: 3 a ward is known, 2 a sub-county, 1 a county, 0 nothing. */
export function startLevel(place: Partial<Area>): number {
  return place.ward ? 3 : place.subCounty ? 2 : place.county ? 1 : 0;
}

/** The place named in an offer SMS: the narrowest area the dispatch knows. */
export function placeName(d: Pick<DispatchRow, 'area'>): string {
  const a = d.area as Partial<Area>;
  return a.ward ?? a.subCounty ?? a.county ?? '';
}

/** How an offer SMS names a mission type in the responder's language. */
export const missionSms = (type: string, locale: Locale): string =>
  missionTypes.find((m) => m.code === type)?.sms[locale] ?? type;

/** The skill a mission type needs, if any. */
export const skillFor = (type: string): string | null =>
  missionTypes.find((m) => m.code === type)?.skill ?? null;

/** Deaths and sexual violence are what a mission type or a case's violations imply a responder saw. */
const deathViolations = ['extrajudicial_killing', 'femicide'];
const sexualViolations = ['sexual_assault', 'sexual_violence', 'rape'];

export function exposuresFor(type: string, violationTypes: readonly string[]): string[] {
  const out = new Set<string>();
  if (type === 'body_retrieval' || violationTypes.some((v) => deathViolations.includes(v))) out.add('death');
  if (violationTypes.some((v) => sexualViolations.includes(v))) out.add('sexual_violence');
  return [...out];
}

export function missionView(
  m: MissionRow,
  responderName: string,
  now: Date,
  reference?: string,
): MissionView {
  return {
    id: m.id,
    caseId: m.caseId,
    ...(reference ? { reference } : {}),
    number: m.number,
    responderId: m.responderId,
    responderName,
    type: m.type as MissionType,
    status: m.status as MissionView['status'],
    checkInMinutes: m.checkInMinutes,
    startedAt: m.startedAt.toISOString(),
    lastCheckInAt: m.lastCheckInAt?.toISOString() ?? null,
    nextCheckInDue: m.nextCheckInDue?.toISOString() ?? null,
    overdue: m.status === 'active' && Boolean(m.nextCheckInDue && m.nextCheckInDue < now),
    endedAt: m.endedAt?.toISOString() ?? null,
    exposures: m.exposures,
  };
}

/** The roster view of a responder: the name in clear, the phone only by its last three digits. */
export function responderView(
  r: ResponderRow,
  plain: { name: string; phone: string },
  loads: ReadonlyMap<string, number>,
): ResponderView {
  return {
    id: r.id,
    name: plain.name,
    phoneMasked: `••• ${plain.phone.slice(-3)}`,
    locale: localeOf(r),
    hasAccount: Boolean(r.userId),
    areas: r.areas as Area[],
    skills: r.skills,
    languages: r.languages,
    available: r.available,
    availableFrom: r.availableFrom,
    availableTo: r.availableTo,
    homeCentre: r.homeCentre,
    caseloadLimit: r.caseloadLimit,
    activeMissions: loads.get(r.id) ?? 0,
    hasCancelPin: Boolean(r.cancelPinHash),
    active: r.active,
  };
}
