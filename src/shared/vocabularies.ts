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

/* ---------- Response phase (DESIGN §2.3, §2.6) ---------- */

/** The roles an action belongs to (the handbook's "clear roles"); not the same as user roles. */
export const actionRoles = [
  { code: 'legal', en: 'Legal', sw: 'Kisheria' },
  { code: 'research', en: 'Research and documentation', sw: 'Utafiti na uwekaji kumbukumbu' },
  { code: 'communications', en: 'Communications', sw: 'Mawasiliano' },
  { code: 'finance', en: 'Finance and administration', sw: 'Fedha na utawala' },
  { code: 'protection', en: 'Protection', sw: 'Ulinzi' },
  { code: 'medical', en: 'Medical and psychosocial', sw: 'Matibabu na msaada wa kisaikolojia' },
] as const satisfies readonly Term[];
export type ActionRole = (typeof actionRoles)[number]['code'];
export const actionRoleCodes = actionRoles.map((t) => t.code) as [ActionRole, ...ActionRole[]];

export const actionTypes = [
  { code: 'bail_bond', role: 'legal', en: 'Bail or bond', sw: 'Dhamana' },
  {
    code: 'habeas_corpus',
    role: 'legal',
    en: 'Habeas corpus',
    sw: 'Ombi la habeas corpus (kumfikisha mtu mahakamani)',
  },
  { code: 'petition', role: 'legal', en: 'Petition', sw: 'Ombi la kikatiba mahakamani' },
  { code: 'court_representation', role: 'legal', en: 'Court representation', sw: 'Uwakilishi mahakamani' },
  {
    code: 'judiciary_liaison',
    role: 'legal',
    en: 'Liaison with the judiciary',
    sw: 'Mawasiliano na Idara ya Mahakama',
  },
  { code: 'fact_finding', role: 'research', en: 'Fact-finding mission', sw: 'Ziara ya kutafuta ukweli' },
  { code: 'verification', role: 'research', en: 'Verification', sw: 'Uthibitishaji' },
  {
    code: 'urgent_statement',
    role: 'communications',
    en: 'Urgent statement or appeal',
    sw: 'Taarifa au rufaa ya dharura',
  },
  {
    code: 'media_engagement',
    role: 'communications',
    en: 'Media engagement',
    sw: 'Kushirikisha vyombo vya habari',
  },
  { code: 'campaign', role: 'communications', en: 'Campaign', sw: 'Kampeni' },
  { code: 'emergency_fund', role: 'finance', en: 'Emergency fund request', sw: 'Ombi la mfuko wa dharura' },
  { code: 'logistics', role: 'finance', en: 'Logistics', sw: 'Mipango ya usafiri na vifaa' },
  { code: 'escort', role: 'protection', en: 'Escort', sw: 'Kumsindikiza mtu' },
  { code: 'relocation', role: 'protection', en: 'Relocation', sw: 'Kuhamishwa mahali salama' },
  {
    code: 'safe_house_placement',
    role: 'protection',
    en: 'Safe-house placement',
    sw: 'Kupelekwa katika nyumba salama',
  },
  { code: 'body_retrieval', role: 'protection', en: 'Body retrieval', sw: 'Kuuchukua mwili wa marehemu' },
  {
    code: 'community_response_mission',
    role: 'protection',
    en: 'Community response mission',
    sw: 'Ujumbe wa jamii wa kukabiliana na dharura',
  },
  { code: 'medical_support', role: 'medical', en: 'Medical support', sw: 'Msaada wa matibabu' },
  {
    code: 'psychosocial_support',
    role: 'medical',
    en: 'Psychosocial support',
    sw: 'Msaada wa kisaikolojia na kijamii',
  },
  { code: 'medical_referral', role: 'medical', en: 'Medical referral', sw: 'Rufaa ya matibabu' },
] as const satisfies readonly (Term & { role: ActionRole })[];
export type ActionType = (typeof actionTypes)[number]['code'];
export const actionTypeCodes = actionTypes.map((t) => t.code) as [ActionType, ...ActionType[]];

export const actionStatuses = [
  { code: 'open', en: 'Open', sw: 'Wazi' },
  { code: 'in_progress', en: 'In progress', sw: 'Inaendelea' },
  { code: 'done', en: 'Done', sw: 'Imekamilika' },
  { code: 'cancelled', en: 'Cancelled', sw: 'Imesitishwa' },
] as const satisfies readonly Term[];
export type ActionStatus = (typeof actionStatuses)[number]['code'];
export const actionStatusCodes = actionStatuses.map((t) => t.code) as [ActionStatus, ...ActionStatus[]];

/** State agencies in the institutional response log. */
export const agencies = [
  { code: 'police', en: 'National Police Service', sw: 'Huduma ya Taifa ya Polisi' },
  {
    code: 'dci',
    en: 'Directorate of Criminal Investigations (DCI)',
    sw: 'Kurugenzi ya Upelelezi wa Jinai (DCI)',
  },
  {
    code: 'odpp',
    en: 'Office of the Director of Public Prosecutions (ODPP)',
    sw: 'Ofisi ya Mkurugenzi wa Mashtaka ya Umma (ODPP)',
  },
  { code: 'judiciary', en: 'Judiciary', sw: 'Idara ya Mahakama' },
  { code: 'county_government', en: 'County government', sw: 'Serikali ya kaunti' },
  {
    code: 'ipoa',
    en: 'Independent Policing Oversight Authority (IPOA)',
    sw: 'Mamlaka Huru ya Kusimamia Utendakazi wa Polisi (IPOA)',
  },
  {
    code: 'knchr',
    en: 'Kenya National Commission on Human Rights (KNCHR)',
    sw: 'Tume ya Kitaifa ya Haki za Binadamu ya Kenya (KNCHR)',
  },
  { code: 'other', en: 'Other agency', sw: 'Taasisi nyingine' },
] as const satisfies readonly Term[];
export type Agency = (typeof agencies)[number]['code'];
export const agencyCodes = agencies.map((t) => t.code) as [Agency, ...Agency[]];

/** What was asked of the agency. */
export const institutionalRequests = [
  { code: 'record_report', en: 'Record a report', sw: 'Kuandikisha ripoti' },
  { code: 'investigate', en: 'Investigate', sw: 'Kuchunguza' },
  { code: 'arrest', en: 'Arrest a suspect', sw: 'Kumkamata mshukiwa' },
  { code: 'release', en: 'Release a detained person', sw: 'Kumwachilia mtu aliyezuiliwa' },
  { code: 'produce_in_court', en: 'Produce in court', sw: 'Kumfikisha mahakamani' },
  { code: 'protect', en: 'Provide protection', sw: 'Kutoa ulinzi' },
  { code: 'urgent_appeal', en: 'Act on an urgent appeal', sw: 'Kushughulikia ombi la dharura' },
  { code: 'other', en: 'Other request', sw: 'Ombi jingine' },
] as const satisfies readonly Term[];
export type InstitutionalRequest = (typeof institutionalRequests)[number]['code'];
export const institutionalRequestCodes = institutionalRequests.map((t) => t.code) as [
  InstitutionalRequest,
  ...InstitutionalRequest[],
];

/** How the agency responded: the data that exposes institutional failure. */
export const institutionalResponseTypes = [
  { code: 'recorded_with_ob', en: 'Recorded with an OB number', sw: 'Iliandikwa pamoja na nambari ya OB' },
  { code: 'refused', en: 'Refused', sw: 'Walikataa' },
  { code: 'ignored', en: 'Ignored', sw: 'Walipuuza' },
  { code: 'referred', en: 'Referred elsewhere', sw: 'Walielekeza kwingine' },
  { code: 'hostile', en: 'Hostile', sw: 'Walikuwa na uhasama' },
  { code: 'complied', en: 'Complied', sw: 'Walitekeleza' },
] as const satisfies readonly Term[];
export type InstitutionalResponseType = (typeof institutionalResponseTypes)[number]['code'];
export const institutionalResponseCodes = institutionalResponseTypes.map((t) => t.code) as [
  InstitutionalResponseType,
  ...InstitutionalResponseType[],
];

/** How victim feedback was collected. */
export const feedbackChannels = [
  { code: 'in_person', en: 'In person', sw: 'Ana kwa ana' },
  { code: 'sms', en: 'SMS', sw: 'Ujumbe mfupi (SMS)' },
  { code: 'ussd', en: 'USSD', sw: 'USSD' },
  { code: 'phone', en: 'Phone call', sw: 'Simu' },
] as const satisfies readonly Term[];
export type FeedbackChannel = (typeof feedbackChannels)[number]['code'];
export const feedbackChannelCodes = feedbackChannels.map((t) => t.code) as [
  FeedbackChannel,
  ...FeedbackChannel[],
];

export const impactScopes = [
  { code: 'immediate', en: 'Immediate result', sw: 'Matokeo ya papo hapo' },
  { code: 'broader', en: 'Broader effect', sw: 'Athari pana' },
] as const satisfies readonly Term[];
export type ImpactScope = (typeof impactScopes)[number]['code'];
export const impactScopeCodes = impactScopes.map((t) => t.code) as [ImpactScope, ...ImpactScope[]];

export const impactTypes = [
  { code: 'released', scope: 'immediate', en: 'Released', sw: 'Aliachiliwa' },
  {
    code: 'injunction_obtained',
    scope: 'immediate',
    en: 'Injunction obtained',
    sw: 'Amri ya zuio ilipatikana',
  },
  {
    code: 'medical_care_received',
    scope: 'immediate',
    en: 'Medical care received',
    sw: 'Matibabu yalipatikana',
  },
  { code: 'relocated', scope: 'immediate', en: 'Relocated to safety', sw: 'Alihamishiwa mahali salama' },
  { code: 'eviction_stopped', scope: 'immediate', en: 'Eviction stopped', sw: 'Ufurushaji ulisitishwa' },
  { code: 'body_recovered', scope: 'immediate', en: 'Body recovered', sw: 'Mwili ulipatikana' },
  {
    code: 'post_mortem_done',
    scope: 'immediate',
    en: 'Post-mortem done',
    sw: 'Uchunguzi wa maiti ulifanyika',
  },
  { code: 'prosecution', scope: 'broader', en: 'Prosecution', sw: 'Mashtaka yalifunguliwa' },
  { code: 'policy_change', scope: 'broader', en: 'Policy change', sw: 'Mabadiliko ya sera' },
  { code: 'media_coverage', scope: 'broader', en: 'Media coverage', sw: 'Kuripotiwa na vyombo vya habari' },
  {
    code: 'community_safety',
    scope: 'broader',
    en: 'Community safety improved',
    sw: 'Usalama wa jamii uliimarika',
  },
] as const satisfies readonly (Term & { scope: ImpactScope })[];
export type ImpactType = (typeof impactTypes)[number]['code'];
export const impactTypeCodes = impactTypes.map((t) => t.code) as [ImpactType, ...ImpactType[]];
