import { useTranslation } from 'react-i18next';
import { exposureKinds, missionTypes, responderSkills } from '../../../shared/network.js';
import { termLabel } from '../../../shared/vocabularies.js';
import { uiLocale } from '../cases/format.js';
import type { Area } from './api.js';

/** Skill, mission type and exposure labels in the console's language, from the shared vocabularies. */
export function useNetworkTerms() {
  const { i18n } = useTranslation();
  const lng = uiLocale(i18n.language);
  return {
    skill: (code: string) => termLabel(responderSkills, code, lng),
    missionType: (code: string) => termLabel(missionTypes, code, lng),
    exposure: (code: string) => termLabel(exposureKinds, code, lng),
  };
}

/** "Kware · Embakasi South · Nairobi": the narrowest first, as people name a place. */
export function areaText(a: Area): string {
  return [a.ward, a.subCounty, a.county].filter(Boolean).join(' · ');
}

/** Whole minutes as "30 min" / "dakika 30", "2 h" / "saa 2". */
export function minutesText(n: number, lng: string): string {
  const sw = lng === 'sw';
  if (n % 60 === 0) return sw ? `saa ${n / 60}` : `${n / 60} h`;
  return sw ? `dakika ${n}` : `${n} min`;
}
