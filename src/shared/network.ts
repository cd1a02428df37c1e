/**
 * The community rapid response network (DESIGN §3): bilingual vocabularies the server and the console
 * share. Codes are stable; `sms` is the short phrase a dispatch SMS uses ("escort needed, Kware").
 */
import type { Term } from './vocabularies.js';

export const responderSkills = [
  { code: 'escort', en: 'Escort to safety', sw: 'Kusindikiza hadi mahali salama' },
  { code: 'paralegal', en: 'Paralegal', sw: 'Msaidizi wa kisheria' },
  { code: 'counsellor', en: 'Counsellor', sw: 'Mshauri nasaha' },
  { code: 'documentation', en: 'Documentation', sw: 'Kuweka kumbukumbu' },
  { code: 'first_aid', en: 'First aid', sw: 'Huduma ya kwanza' },
  { code: 'body_retrieval', en: 'Body retrieval', sw: 'Kuchukua mwili' },
] as const satisfies readonly Term[];
export type ResponderSkill = (typeof responderSkills)[number]['code'];
export const responderSkillCodes = responderSkills.map((s) => s.code) as [
  ResponderSkill,
  ...ResponderSkill[],
];

export const missionTypes = [
  {
    code: 'escort',
    en: 'Escort to safety',
    sw: 'Kusindikiza hadi mahali salama',
    sms: { en: 'escort needed', sw: 'msindikizaji anahitajika' },
    skill: 'escort',
  },
  {
    code: 'relocation',
    en: 'Relocation',
    sw: 'Kuhamisha mahali salama',
    sms: { en: 'relocation help needed', sw: 'msaada wa kuhamisha unahitajika' },
    skill: 'escort',
  },
  {
    code: 'site_visit',
    en: 'Site visit',
    sw: 'Ziara ya eneo la tukio',
    sms: { en: 'site visit needed', sw: 'ziara ya eneo inahitajika' },
    skill: 'documentation',
  },
  {
    code: 'body_retrieval',
    en: 'Body retrieval',
    sw: 'Kuchukua mwili',
    sms: { en: 'body retrieval needed', sw: 'msaada wa kuchukua mwili unahitajika' },
    skill: 'body_retrieval',
  },
  {
    code: 'documentation',
    en: 'Documentation',
    sw: 'Kuweka kumbukumbu',
    sms: { en: 'documentation needed', sw: 'kuweka kumbukumbu kunahitajika' },
    skill: 'documentation',
  },
] as const;
export type MissionType = (typeof missionTypes)[number]['code'];
export const missionTypeCodes = missionTypes.map((m) => m.code) as [MissionType, ...MissionType[]];

/** What a responder saw: counted for wellbeing (supervisors only), never in analytics. */
export const exposureKinds = [
  { code: 'death', en: 'Death', sw: 'Kifo' },
  { code: 'sexual_violence', en: 'Sexual violence', sw: 'Ukatili wa kingono' },
] as const satisfies readonly Term[];
export type ExposureKind = (typeof exposureKinds)[number]['code'];
export const exposureKindCodes = exposureKinds.map((e) => e.code) as [ExposureKind, ...ExposureKind[]];

export const responderLanguages = [
  'sw',
  'en',
  'sheng',
  'kikuyu',
  'luo',
  'luhya',
  'kamba',
  'mijikenda',
] as const;

export const missionStatuses = ['active', 'done', 'aborted'] as const;
export const offerStatuses = ['offered', 'accepted', 'declined', 'not_needed'] as const;
export const dispatchStatuses = ['open', 'filled', 'unanswered', 'cancelled'] as const;

/** How wide a dispatch looked: ward, then sub-county, then county, then anywhere. */
export const areaLevels = { ward: 3, subCounty: 2, county: 1, anywhere: 0 } as const;

/**
 * Wellbeing thresholds for the supervisor view: a low answer, several traumatic exposures in 30 days or
 * a full caseload for long suggest rest or psychosocial support. A prompt to talk, not a verdict.
 */
export const wellbeingRules = { lowScore: 2, exposuresIn30Days: 2, missionsIn7Days: 5 } as const;
