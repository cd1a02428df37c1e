/**
 * Bilingual vocabularies (DESIGN §2.4). Codes are stable; labels are for people. `huridocs` names the
 * HURIDOCS "types of acts" term where one exists — femicide has none and stays first-class.
 */
export interface Term {
  code: string;
  en: string;
  sw: string;
  huridocs?: string;
}

export const violationTypes = [
  {
    code: 'arbitrary_detention',
    en: 'Arbitrary arrest or detention',
    sw: 'Kukamatwa au kuzuiliwa kiholela',
    huridocs: 'Arbitrary arrest / detention',
  },
  {
    code: 'enforced_disappearance',
    en: 'Enforced disappearance',
    sw: 'Kutoweshwa kwa nguvu',
    huridocs: 'Disappearance',
  },
  {
    code: 'torture',
    en: 'Torture or cruel treatment',
    sw: 'Mateso au unyanyasaji wa kikatili',
    huridocs: 'Torture',
  },
  {
    code: 'extrajudicial_killing',
    en: 'Extrajudicial killing',
    sw: 'Mauaji ya kiholela',
    huridocs: 'Extrajudicial execution',
  },
  {
    code: 'forced_eviction',
    en: 'Forced eviction or demolition',
    sw: 'Kufukuzwa kwa nguvu au ubomoaji',
    huridocs: 'Forced eviction',
  },
  {
    code: 'attack_on_journalist',
    en: 'Threat or attack on a journalist',
    sw: 'Tishio au shambulio dhidi ya mwanahabari',
    huridocs: 'Threat',
  },
  {
    code: 'attack_on_defender',
    en: 'Threat or attack on a human rights defender',
    sw: 'Tishio au shambulio dhidi ya mtetezi wa haki za binadamu',
    huridocs: 'Threat',
  },
  {
    code: 'protest_repression',
    en: 'Violent repression of a protest',
    sw: 'Ukandamizaji wa maandamano kwa nguvu',
    huridocs: 'Violation of the right to peaceful assembly',
  },
  {
    code: 'systemic_discrimination',
    en: 'Systemic discrimination',
    sw: 'Ubaguzi wa kimfumo',
    huridocs: 'Discrimination',
  },
  { code: 'mass_atrocity', en: 'Mass atrocity', sw: 'Ukatili wa halaiki', huridocs: 'Massacre' },
  { code: 'femicide', en: 'Femicide or threat of femicide', sw: 'Mauaji ya wanawake au tishio lake' },
  { code: 'rape', en: 'Rape', sw: 'Ubakaji', huridocs: 'Rape' },
  { code: 'sexual_assault', en: 'Sexual assault', sw: 'Unyanyasaji wa kingono', huridocs: 'Sexual violence' },
  {
    code: 'physical_assault',
    en: 'Physical assault (including domestic violence)',
    sw: 'Shambulio la kimwili (pamoja na ukatili wa nyumbani)',
    huridocs: 'Physical assault',
  },
  { code: 'forced_marriage', en: 'Forced marriage', sw: 'Ndoa ya lazima', huridocs: 'Forced marriage' },
  { code: 'denial_of_resources', en: 'Denial of resources or services', sw: 'Kunyimwa rasilimali au huduma' },
  {
    code: 'psychological_abuse',
    en: 'Psychological or emotional abuse',
    sw: 'Unyanyasaji wa kisaikolojia au kihisia',
  },
  { code: 'online_gbv', en: 'Online gender-based violence', sw: 'Ukatili wa kijinsia mtandaoni' },
] as const satisfies readonly Term[];
export type ViolationType = (typeof violationTypes)[number]['code'];
export const violationTypeCodes = violationTypes.map((t) => t.code) as [ViolationType, ...ViolationType[]];

export const interventionResponses = [
  { code: 'favourable', en: 'Favourable', sw: 'Inayoridhisha' },
  { code: 'pledged_commitment', en: 'Pledged commitment', sw: 'Ahadi ya kuchukua hatua' },
  { code: 'counter_response', en: 'Counter-response', sw: 'Jibu la kupinga' },
  { code: 'request_more_information', en: 'Request for more information', sw: 'Ombi la taarifa zaidi' },
  { code: 'token_response', en: 'Token response', sw: 'Jibu la juu juu' },
  { code: 'no_response', en: 'No response', sw: 'Hakuna jibu' },
] as const satisfies readonly Term[];

export const datePrecisions = ['exact', 'day', 'month', 'year', 'estimate'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

export const channels = ['web', 'sms', 'ussd', 'hotline', 'walk_in', 'staff'] as const;
export type Channel = (typeof channels)[number];

export const sensitivities = ['normal', 'sensitive', 'restricted'] as const;
export type Sensitivity = (typeof sensitivities)[number];

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export const caseFlags = ['powerful_perpetrator', 'threat_to_safety', 'international_impact'] as const;
export type CaseFlag = (typeof caseFlags)[number];

export function termLabel(list: readonly Term[], code: string, locale: 'en' | 'sw'): string {
  return list.find((t) => t.code === code)?.[locale] ?? code;
}
