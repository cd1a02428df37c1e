import type { Term } from './vocabularies.js';

/**
 * The documentation vocabularies (DESIGN §2.4–§2.5), modelled on the HURIDOCS Events Standard Formats
 * (ESF) and their micro-thesauri. Codes are stable (stored and exported); labels are for people.
 * `huridocs` names the ESF term where one exists — femicide has none and stays first-class.
 * `subtype` names the 1:1 detail record an act of that type carries (OpenEvSys: act → arrest, killing,
 * torture …).
 */
export type ActSubtype = 'arrest' | 'killing' | 'torture' | 'sexual_violence' | 'eviction';

export interface ActTerm extends Term {
  subtype?: ActSubtype;
}

const codes = <T extends { code: string }>(list: readonly T[]) =>
  list.map((t) => t.code) as [T['code'], ...T['code'][]];

/** Types of acts (ESF "Types of acts"); one victim per act. */
export const actTypes = [
  { code: 'femicide', en: 'Femicide', sw: 'Mauaji ya mwanamke (femicide)', subtype: 'killing' },
  {
    code: 'extrajudicial_killing',
    en: 'Extrajudicial killing',
    sw: 'Mauaji ya kiholela',
    huridocs: 'Extrajudicial execution',
    subtype: 'killing',
  },
  {
    code: 'arbitrary_detention',
    en: 'Arbitrary arrest or detention',
    sw: 'Kukamatwa au kuzuiliwa kiholela',
    huridocs: 'Arbitrary arrest / detention',
    subtype: 'arrest',
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
    subtype: 'torture',
  },
  { code: 'rape', en: 'Rape', sw: 'Ubakaji', huridocs: 'Rape', subtype: 'sexual_violence' },
  {
    code: 'sexual_assault',
    en: 'Sexual assault',
    sw: 'Unyanyasaji wa kingono',
    huridocs: 'Sexual violence',
    subtype: 'sexual_violence',
  },
  {
    code: 'physical_assault',
    en: 'Physical assault (including domestic violence)',
    sw: 'Shambulio la kimwili (pamoja na ukatili wa nyumbani)',
    huridocs: 'Physical assault',
  },
  {
    code: 'forced_eviction',
    en: 'Forced eviction or demolition',
    sw: 'Kufukuzwa kwa nguvu au ubomoaji',
    huridocs: 'Forced eviction',
    subtype: 'eviction',
  },
  { code: 'threat', en: 'Threat or intimidation', sw: 'Tishio au vitisho', huridocs: 'Threat' },
  { code: 'forced_marriage', en: 'Forced marriage', sw: 'Ndoa ya lazima', huridocs: 'Forced marriage' },
  {
    code: 'denial_of_resources',
    en: 'Denial of resources or services',
    sw: 'Kunyimwa rasilimali au huduma',
  },
  {
    code: 'psychological_abuse',
    en: 'Psychological or emotional abuse',
    sw: 'Unyanyasaji wa kisaikolojia au kihisia',
    huridocs: 'Psychological torture',
  },
  { code: 'online_gbv', en: 'Online gender-based violence', sw: 'Ukatili wa kijinsia mtandaoni' },
] as const satisfies readonly ActTerm[];
export type ActType = (typeof actTypes)[number]['code'];
export const actTypeCodes = codes(actTypes);
export const subtypeOf = (type: string): ActSubtype | undefined =>
  (actTypes as readonly ActTerm[]).find((t) => t.code === type)?.subtype;

/** The victim's status at the end of the act (ESF "Victim characteristics: status at end of act"). */
export const victimStatuses = [
  { code: 'alive', en: 'Alive, free', sw: 'Yu hai, yuko huru' },
  { code: 'injured', en: 'Injured', sw: 'Amejeruhiwa' },
  { code: 'detained', en: 'In detention', sw: 'Amezuiliwa' },
  { code: 'disappeared', en: 'Disappeared', sw: 'Ametoweka' },
  { code: 'dead', en: 'Dead', sw: 'Amefariki' },
  { code: 'unknown', en: 'Unknown', sw: 'Haijulikani' },
] as const satisfies readonly Term[];
export const victimStatusCodes = codes(victimStatuses);

/** ESF "Degree of involvement". */
export const involvementDegrees = [
  { code: 'direct', en: 'Direct perpetrator', sw: 'Mhusika wa moja kwa moja' },
  { code: 'ordered', en: 'Gave the order', sw: 'Alitoa amri' },
  { code: 'command_responsibility', en: 'Command responsibility', sw: 'Jukumu la kiamri' },
  { code: 'complicit', en: 'Complicit or assisted', sw: 'Alishiriki au kusaidia' },
  { code: 'failed_to_prevent', en: 'Failed to prevent or protect', sw: 'Alishindwa kuzuia au kulinda' },
  { code: 'suspected', en: 'Suspected', sw: 'Anashukiwa' },
] as const satisfies readonly Term[];
export const involvementDegreeCodes = codes(involvementDegrees);

/**
 * Perpetrator types. `powerful` marks the state and other actors whose involvement makes a case a
 * "powerful perpetrator" case (DESIGN §2.1 flags): the flag on an involvement is derived from this.
 */
export const perpetratorTypes = [
  { code: 'police', en: 'Police', sw: 'Polisi', powerful: true },
  { code: 'military', en: 'Military', sw: 'Jeshi', powerful: true },
  { code: 'intelligence', en: 'Intelligence service', sw: 'Idara ya ujasusi', powerful: true },
  { code: 'county_government', en: 'County government', sw: 'Serikali ya kaunti', powerful: true },
  { code: 'national_government', en: 'National government', sw: 'Serikali ya kitaifa', powerful: true },
  { code: 'politician', en: 'Politician', sw: 'Mwanasiasa', powerful: true },
  { code: 'corporation', en: 'Corporation', sw: 'Kampuni', powerful: true },
  { code: 'armed_group', en: 'Armed group or gang', sw: 'Kundi lenye silaha au genge', powerful: true },
  {
    code: 'community_leader',
    en: 'Community or religious leader',
    sw: 'Kiongozi wa jamii au dini',
    powerful: false,
  },
  { code: 'family_member', en: 'Family member or partner', sw: 'Mwanafamilia au mwenzi', powerful: false },
  { code: 'private_individual', en: 'Private individual', sw: 'Mtu binafsi', powerful: false },
  { code: 'unknown', en: 'Unknown', sw: 'Haijulikani', powerful: false },
] as const satisfies readonly (Term & { powerful: boolean })[];
export const perpetratorTypeCodes = codes(perpetratorTypes);
export const isPowerfulPerpetrator = (type: string): boolean =>
  perpetratorTypes.some((t) => t.code === type && t.powerful);

/** ESF "Reliability" of a source, from highly reliable to highly unreliable (DESIGN §2.4). */
export const sourceReliabilities = [
  { code: 'highly_reliable', en: 'Highly reliable', sw: 'Inaaminika sana' },
  { code: 'reliable', en: 'Reliable', sw: 'Inaaminika' },
  { code: 'fairly_reliable', en: 'Fairly reliable', sw: 'Inaaminika kiasi' },
  { code: 'unreliable', en: 'Unreliable', sw: 'Haiaminiki' },
  { code: 'highly_unreliable', en: 'Highly unreliable', sw: 'Haiaminiki kabisa' },
] as const satisfies readonly Term[];
export const sourceReliabilityCodes = codes(sourceReliabilities);

/** ESF "Source material type". */
export const sourceMaterialTypes = [
  { code: 'testimony', en: 'First-hand testimony', sw: 'Ushuhuda wa moja kwa moja' },
  { code: 'hearsay', en: 'Second-hand account', sw: 'Taarifa ya kusikia' },
  { code: 'medical_report', en: 'Medical or post-mortem report', sw: 'Ripoti ya matibabu au ya upasuaji' },
  {
    code: 'official_document',
    en: 'Official document (OB, charge sheet)',
    sw: 'Hati rasmi (OB, hati ya mashtaka)',
  },
  { code: 'photo_video', en: 'Photo, video or audio', sw: 'Picha, video au sauti' },
  { code: 'media_report', en: 'Media report', sw: 'Ripoti ya vyombo vya habari' },
  { code: 'ngo_report', en: 'NGO report', sw: 'Ripoti ya shirika' },
] as const satisfies readonly Term[];
export const sourceMaterialTypeCodes = codes(sourceMaterialTypes);

/** Confidentiality of information from a source. */
export const confidentialities = [
  { code: 'public', en: 'May be made public', sw: 'Inaweza kuwekwa hadharani' },
  { code: 'internal', en: 'Internal use only', sw: 'Kwa matumizi ya ndani tu' },
  { code: 'strictly_confidential', en: 'Strictly confidential', sw: 'Siri kabisa' },
] as const satisfies readonly Term[];
export const confidentialityCodes = codes(confidentialities);

/** The Istanbul Protocol's levels of consistency between findings and the allegation (§187). */
export const istanbulConsistency = [
  { code: 'not_consistent', en: 'Not consistent', sw: 'Haiendani' },
  { code: 'consistent', en: 'Consistent', sw: 'Inaendana' },
  { code: 'highly_consistent', en: 'Highly consistent', sw: 'Inaendana sana' },
  { code: 'typical_of', en: 'Typical of', sw: 'Ni ya kawaida ya' },
  { code: 'diagnostic_of', en: 'Diagnostic of', sw: 'Inathibitisha' },
] as const satisfies readonly Term[];
export const istanbulConsistencyCodes = codes(istanbulConsistency);

/** A person is an individual, a group or an institution (ESF "Person" record: counting unit). */
export const personKinds = [
  { code: 'individual', en: 'Individual', sw: 'Mtu binafsi' },
  { code: 'group', en: 'Group', sw: 'Kikundi' },
  { code: 'institution', en: 'Institution', sw: 'Taasisi' },
] as const satisfies readonly Term[];
export const personKindCodes = codes(personKinds);

/** The roles a person plays on a case, beside intake's victim and reporter (case_persons.role). */
export const documentationRoles = ['victim', 'perpetrator', 'source', 'witness', 'defender'] as const;
export type DocumentationRole = (typeof documentationRoles)[number];

/** ESF "Type of intervention" for manual interventions. */
export const interventionTypes = [
  { code: 'legal_representation', en: 'Legal representation', sw: 'Uwakilishi wa kisheria' },
  { code: 'appeal_to_authorities', en: 'Appeal to authorities', sw: 'Rufaa kwa mamlaka' },
  { code: 'medical_assistance', en: 'Medical assistance', sw: 'Msaada wa matibabu' },
  { code: 'relocation', en: 'Relocation or protection', sw: 'Kuhamishwa au ulinzi' },
  { code: 'public_statement', en: 'Public statement', sw: 'Taarifa kwa umma' },
  { code: 'fact_finding', en: 'Fact-finding', sw: 'Uchunguzi wa ukweli' },
  { code: 'other', en: 'Other', sw: 'Nyingine' },
] as const satisfies readonly Term[];
export const interventionTypeCodes = codes(interventionTypes);
