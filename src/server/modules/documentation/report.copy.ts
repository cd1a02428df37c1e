import type { Term } from '../../../shared/vocabularies.js';
import type { Locale } from '../../../shared/locale.js';

type Entry = { en: string; sw: string };

/**
 * Every word of the case dossier and the fact-finding mission report, in English and Kiswahili
 * (issue #16). `{name}` marks a value filled in by `fill`. Coded values (act types, reliabilities …)
 * come from the shared vocabularies, which carry both languages; the codes below are the ones that
 * have no shared vocabulary.
 */
export const reportCopy = {
  dossierTitle: { en: 'Case dossier — {ref}', sw: 'Jalada la kesi — {ref}' },
  dossierMeta: {
    en: 'Status: {status}. Generated {at} by {by}.',
    sw: 'Hali: {status}. Limetolewa {at} na {by}.',
  },
  generatedBy: { en: 'user {id}', sw: 'mtumiaji {id}' },
  revealed: {
    en: 'CONFIDENTIAL: identities revealed. Reason recorded: {reason}',
    sw: 'SIRI: majina yamefichuliwa. Sababu iliyorekodiwa: {reason}',
  },
  withheld: {
    en: 'Identities withheld: people appear under pseudonyms.',
    sw: 'Majina yamefichwa: watu wanaonyeshwa kwa majina bandia.',
  },
  powerful: {
    en: 'Flag: powerful perpetrator involved.',
    sw: 'Tahadhari: mhusika mwenye mamlaka anahusika.',
  },
  events: { en: 'Events', sw: 'Matukio' },
  noEvent: { en: 'No event attached.', sw: 'Hakuna tukio lililounganishwa.' },
  people: { en: 'People', sw: 'Watu' },
  acts: { en: 'Acts ({n})', sw: 'Vitendo ({n})' },
  victim: { en: 'victim', sw: 'mwathiriwa' },
  when: {
    en: 'When: {at} ({precision}); county: {county}',
    sw: 'Lini: {at} ({precision}); kaunti: {county}',
  },
  unknownPrecision: { en: 'unknown precision', sw: 'usahihi haujulikani' },
  place: { en: 'Place: {place}', sw: 'Mahali: {place}' },
  consequences: { en: 'Consequences: {text}', sw: 'Madhara: {text}' },
  victimStatus: { en: "Victim's status at the end: {status}", sw: 'Hali ya mwathiriwa mwishoni: {status}' },
  perpetrator: { en: 'Perpetrator', sw: 'Mhusika' },
  powerfulMark: { en: '[powerful perpetrator]', sw: '[mhusika mwenye mamlaka]' },
  sources: { en: 'Sources ({n})', sw: 'Vyanzo ({n})' },
  interventions: { en: 'Interventions ({n})', sw: 'Hatua zilizochukuliwa ({n})' },
  interventionLine: {
    en: '{at} — {type} by {by}{to}; response: {response}{impact}',
    sw: '{at} — {type} na {by}{to}; jibu: {response}{impact}',
  },
  toParty: { en: ' to {party}', sw: ' kwa {party}' },
  impact: { en: '; impact: {text}', sw: '; matokeo: {text}' },
  custody: { en: 'Custody', sw: 'Kizuizini' },
  noArrest: { en: 'No arrest recorded.', sw: 'Hakuna kukamatwa kulikorekodiwa.' },
  arrestLine: {
    en: 'Arrested {at} at {station}{ob}; {stop}; 24-hour limit {deadline}{breached}',
    sw: 'Alikamatwa {at} katika {station}{ob}; {stop}; kikomo cha saa 24 {deadline}{breached}',
  },
  ob: { en: ' (OB {ob})', sw: ' (OB {ob})' },
  producedInCourt: { en: 'produced in court {at}', sw: 'alifikishwa mahakamani {at}' },
  released: { en: 'released {at}', sw: 'aliachiliwa {at}' },
  stillHeld: { en: 'still held', sw: 'bado yuko kizuizini' },
  breached: { en: ' — BREACHED', sw: ' — KIKOMO KIMEPITWA' },
  evidence: { en: 'Evidence', sw: 'Ushahidi' },
  noEvidence: { en: 'No evidence recorded.', sw: 'Hakuna ushahidi uliorekodiwa.' },
  evidenceLine: {
    en: '{label} ({kind}), recorded {at}; SHA-256 {sha}; {n} custody entries',
    sw: '{label} ({kind}), ulirekodiwa {at}; SHA-256 {sha}; maingizo {n} ya mnyororo wa ulinzi',
  },
  timeline: { en: 'Timeline', sw: 'Mfuatano wa matukio' },
  yes: { en: 'yes', sw: 'ndiyo' },
  no: { en: 'no', sw: 'hapana' },
  // The mission report.
  missionTitle: {
    en: 'Fact-finding mission report — {title}',
    sw: 'Ripoti ya uchunguzi wa ukweli — {title}',
  },
  missionMeta: { en: 'Status: {status}. Generated {at}.', sw: 'Hali: {status}. Imetolewa {at}.' },
  missionWithheld: {
    en: 'Identities withheld: cases appear by reference, testimonies and evidence by id.',
    sw: 'Majina yamefichwa: kesi zinaonyeshwa kwa namba ya kumbukumbu, shuhuda na ushahidi kwa kitambulisho.',
  },
  purpose: { en: 'Purpose', sw: 'Madhumuni' },
  placeAndDates: { en: 'Place and dates', sw: 'Mahali na tarehe' },
  placeLine: {
    en: '{place}; {from} to {to}. Team of {n}.',
    sw: '{place}; {from} hadi {to}. Timu ya watu {n}.',
  },
  findings: { en: 'Findings', sw: 'Matokeo ya uchunguzi' },
  noFindings: { en: 'No findings recorded yet.', sw: 'Bado hakuna matokeo yaliyorekodiwa.' },
  casesVisited: { en: 'Cases visited ({n})', sw: 'Kesi zilizotembelewa ({n})' },
  noneLinked: { en: 'None linked.', sw: 'Hakuna iliyounganishwa.' },
  testimonies: { en: 'Testimonies gathered ({n})', sw: 'Shuhuda zilizokusanywa ({n})' },
  testimonyLine: {
    en: '{id} — case {ref}; {medium}, language {language}, consent {consent}, taken by user {by}',
    sw: '{id} — kesi {ref}; {medium}, lugha {language}, ridhaa {consent}, ilichukuliwa na mtumiaji {by}',
  },
  evidenceGathered: { en: 'Evidence gathered ({n})', sw: 'Ushahidi uliokusanywa ({n})' },
  missionEvidenceLine: {
    en: '{id} — case {ref}; {kind}; SHA-256 {sha}',
    sw: '{id} — kesi {ref}; {kind}; SHA-256 {sha}',
  },
  missionWithheldItems: {
    en: '{n} further item(s) on cases you may not read are withheld.',
    sw: 'Vitu {n} zaidi kwenye kesi usizoruhusiwa kusoma vimezuiliwa.',
  },
} satisfies Record<string, Entry>;
export type ReportKey = keyof typeof reportCopy;

/** Coded values with no shared vocabulary, in both languages. */
export const reportCodes = {
  case_received: { en: 'received', sw: 'imepokelewa' },
  case_screening: { en: 'screening', sw: 'inachujwa' },
  case_assessed: { en: 'assessed', sw: 'imetathminiwa' },
  case_awaiting_decision: { en: 'awaiting decision', sw: 'inasubiri uamuzi' },
  case_active: { en: 'active', sw: 'inaendelea' },
  case_follow_up: { en: 'follow-up', sw: 'ufuatiliaji' },
  case_closed: { en: 'closed', sw: 'imefungwa' },
  case_not_urgent: { en: 'not urgent', sw: 'si ya dharura' },
  case_duplicate: { en: 'duplicate', sw: 'nakala' },
  case_declined: { en: 'declined', sw: 'imekataliwa' },
  case_withdrawn: { en: 'withdrawn', sw: 'imeondolewa' },
  mission_planned: { en: 'planned', sw: 'imepangwa' },
  mission_in_field: { en: 'in the field', sw: 'iko uwanjani' },
  mission_reporting: { en: 'reporting', sw: 'inaandika ripoti' },
  mission_closed: { en: 'closed', sw: 'imefungwa' },
  role_victim: { en: 'Victim', sw: 'Mwathiriwa' },
  role_perpetrator: { en: 'Perpetrator', sw: 'Mhusika' },
  role_source: { en: 'Source', sw: 'Chanzo' },
  role_witness: { en: 'Witness', sw: 'Shahidi' },
  role_defender: { en: 'Defender', sw: 'Mtetezi' },
  role_reporter: { en: 'Reporter', sw: 'Mtoa taarifa' },
  sex_female: { en: 'female', sw: 'mwanamke' },
  sex_male: { en: 'male', sw: 'mwanamume' },
  sex_other: { en: 'other', sw: 'nyingine' },
  sex_unknown: { en: 'sex unknown', sw: 'jinsia haijulikani' },
  age_child: { en: 'child', sw: 'mtoto' },
  age_youth: { en: 'youth', sw: 'kijana' },
  age_adult: { en: 'adult', sw: 'mtu mzima' },
  age_older: { en: 'older person', sw: 'mzee' },
  age_unknown: { en: 'age unknown', sw: 'umri haujulikani' },
  precision_exact: { en: 'exact', sw: 'kamili' },
  precision_day: { en: 'to the day', sw: 'kwa siku' },
  precision_month: { en: 'to the month', sw: 'kwa mwezi' },
  precision_year: { en: 'to the year', sw: 'kwa mwaka' },
  precision_estimate: { en: 'estimate', sw: 'makadirio' },
  detail_autopsyPerformed: { en: 'Autopsy performed', sw: 'Upasuaji wa maiti ulifanyika' },
  detail_autopsyAt: { en: 'Autopsy date', sw: 'Tarehe ya upasuaji wa maiti' },
  detail_pathologist: { en: 'Pathologist', sw: 'Mtaalamu wa patholojia' },
  detail_autopsyFindings: { en: 'Autopsy findings', sw: 'Matokeo ya upasuaji wa maiti' },
  detail_causeOfDeath: { en: 'Cause of death', sw: 'Chanzo cha kifo' },
  detail_deathCertificateNo: { en: 'Death certificate no.', sw: 'Namba ya cheti cha kifo' },
  detail_examiner: { en: 'Examiner', sw: 'Mchunguzi' },
  detail_examinedAt: { en: 'Examined on', sw: 'Tarehe ya uchunguzi' },
  detail_findings: { en: 'Findings', sw: 'Matokeo' },
  detail_consistency: { en: 'Consistency (Istanbul Protocol)', sw: 'Uwiano (Itifaki ya Istanbul)' },
  detail_p3FormRef: { en: 'P3 form ref.', sw: 'Kumbukumbu ya fomu ya P3' },
  detail_prcFormRef: { en: 'PRC form ref.', sw: 'Kumbukumbu ya fomu ya PRC' },
  detail_households: { en: 'Households', sw: 'Kaya' },
  detail_propertyLost: { en: 'Property lost', sw: 'Mali iliyopotea' },
  kind_image: { en: 'image', sw: 'picha' },
  kind_video: { en: 'video', sw: 'video' },
  kind_audio: { en: 'audio', sw: 'sauti' },
  kind_document: { en: 'document', sw: 'hati' },
  medium_text: { en: 'written', sw: 'maandishi' },
  medium_audio: { en: 'audio recording', sw: 'rekodi ya sauti' },
  medium_video: { en: 'video recording', sw: 'rekodi ya video' },
  consent_internal: { en: 'internal', sw: 'ndani tu' },
  consent_court: { en: 'court', sw: 'mahakama' },
  consent_public_redacted: { en: 'public, redacted', sw: 'hadharani, bila majina' },
} satisfies Record<string, Entry>;

/** The report's language: `?lang=` when given, else the requester's own language, else English. */
export function reportLocale(lang: Locale | undefined, userLocale: string | null | undefined): Locale {
  return lang ?? (userLocale === 'sw' ? 'sw' : 'en');
}

/** A catalogue text in `locale`, with `{name}` filled from `vars`. */
export function fill(key: ReportKey, locale: Locale, vars: Record<string, string | number> = {}): string {
  return reportCopy[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A coded value's label (`case_active`, `role_victim` …); the code itself when none is known. */
export function codeLabel(prefix: string, code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const e = (reportCodes as Record<string, Entry>)[`${prefix}_${code}`];
  return e ? e[locale] : code;
}

/** A shared vocabulary term's label in `locale`; '—' when no code, the code when unknown. */
export function termLabel(list: readonly Term[], code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const t = list.find((x) => x.code === code);
  return t ? t[locale] : code;
}

/** Dates as `YYYY-MM-DD HH:MM UTC` (the same in both languages: a court reads the numbers). */
export function reportDate(s: string | Date | null | undefined): string {
  if (!s) return '—';
  const d = typeof s === 'string' ? new Date(s) : s;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
