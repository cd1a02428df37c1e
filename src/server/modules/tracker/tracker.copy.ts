import type { Locale } from '../../../shared/locale.js';

/** Every word of the public tracker, in English and Kiswahili. */
export const trackerCopy = {
  title: {
    en: 'Human rights violations in Kenya: the tracker',
    sw: 'Ukiukaji wa haki za binadamu nchini Kenya: takwimu',
  },
  intro: {
    en: 'Counts of verified urgent cases by county and month of the incident, for the last twelve complete months. The current month is held back until it is over.',
    sw: 'Idadi ya kesi za dharura zilizothibitishwa kwa kaunti na mwezi wa tukio, kwa miezi kumi na miwili kamili iliyopita. Mwezi huu hauonyeshwi hadi umalizike.',
  },
  privacy: {
    en: 'To protect the people behind the numbers, counts of 1 to 4 are shown as “<5”, and some other counts are hidden (“x”) so that no hidden number can be worked out from the totals.',
    sw: 'Ili kulinda watu walio nyuma ya takwimu hizi, idadi ya 1 hadi 4 inaonyeshwa kama “<5”, na idadi nyingine zimefichwa (“x”) ili hakuna namba iliyofichwa inayoweza kukokotolewa kutoka kwa jumla.',
  },
  violation: { en: 'Violation', sw: 'Ukiukaji' },
  show: { en: 'Show', sw: 'Onyesha' },
  county: { en: 'County', sw: 'Kaunti' },
  total: { en: 'Total', sw: 'Jumla' },
  mapCaption: {
    en: 'Cases in the twelve months, by county',
    sw: 'Kesi katika miezi kumi na miwili, kwa kaunti',
  },
  tableCaption: { en: 'Cases by county and month', sw: 'Kesi kwa kaunti na mwezi' },
  legend: { en: 'Legend', sw: 'Ufunguo' },
  legendNone: { en: 'none', sw: 'hakuna' },
  legendSmall: { en: '<5: between 1 and 4', sw: '<5: kati ya 1 na 4' },
  legendHidden: { en: 'x: hidden to protect another count', sw: 'x: imefichwa kulinda idadi nyingine' },
  withheld: {
    en: 'Too few cases of this kind to publish any number safely.',
    sw: 'Kesi za aina hii ni chache mno kuchapisha namba yoyote kwa usalama.',
  },
  downloads: { en: 'Download the data', sw: 'Pakua data' },
  csv: { en: 'CSV (all violations)', sw: 'CSV (ukiukaji wote)' },
  json: { en: 'JSON (all violations)', sw: 'JSON (ukiukaji wote)' },
  dictionary: { en: 'Data dictionary', sw: 'Kamusi ya data' },
  dictionaryTitle: { en: 'The tracker’s data dictionary', sw: 'Kamusi ya data ya takwimu' },
  back: { en: 'Back to the tracker', sw: 'Rudi kwenye takwimu' },
  otherLanguage: { en: 'Kiswahili', sw: 'English' },
  field: { en: 'Field', sw: 'Sehemu' },
  meaning: { en: 'Meaning', sw: 'Maana' },
} as const satisfies Record<string, Record<Locale, string>>;

export type TrackerCopyKey = keyof typeof trackerCopy;
export const tt = (key: TrackerCopyKey, locale: Locale) => trackerCopy[key][locale];

/** The data dictionary: every field of the CSV and JSON downloads, in both languages. */
export const dictionary: { field: string; en: string; sw: string }[] = [
  {
    field: 'violation_type',
    en: 'The kind of violation (Dharura’s vocabulary code, mapped to HURIDOCS). A case with several kinds counts once under each.',
    sw: 'Aina ya ukiukaji (msimbo wa msamiati wa Dharura, unaolingana na HURIDOCS). Kesi yenye aina kadhaa inahesabiwa mara moja kwa kila aina.',
  },
  {
    field: 'county_code',
    en: 'The official county code, 1 (Mombasa) to 47 (Nairobi); empty on a total over all counties.',
    sw: 'Msimbo rasmi wa kaunti, 1 (Mombasa) hadi 47 (Nairobi); tupu kwenye jumla ya kaunti zote.',
  },
  {
    field: 'county',
    en: 'The county’s name; "Total" on a total over all counties.',
    sw: 'Jina la kaunti; "Total" kwenye jumla ya kaunti zote.',
  },
  {
    field: 'month',
    en: 'The month of the incident (of the report when the incident date is unknown), YYYY-MM in East Africa Time; "total" on a total over the twelve months.',
    sw: 'Mwezi wa tukio (wa ripoti ikiwa tarehe ya tukio haijulikani), YYYY-MM kwa saa za Afrika Mashariki; "total" kwenye jumla ya miezi kumi na miwili.',
  },
  {
    field: 'count',
    en: 'The number of verified cases: a whole number; "<5" for 1 to 4; "x" when hidden so that no small count can be worked out from the totals.',
    sw: 'Idadi ya kesi zilizothibitishwa: namba kamili; "<5" kwa 1 hadi 4; "x" ikiwa imefichwa ili hakuna idadi ndogo inayoweza kukokotolewa kutoka kwa jumla.',
  },
  {
    field: 'withheld',
    en: 'true when too few cases of this kind exist to publish any number of it safely (every count is then "x").',
    sw: 'true ikiwa kesi za aina hii ni chache mno kuchapisha namba yoyote kwa usalama (kila idadi basi ni "x").',
  },
];
