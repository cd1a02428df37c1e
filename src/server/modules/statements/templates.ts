import { mechanismOf, type DraftTexts } from '../../../shared/contracts/appeals.js';
import { termLabel, violationTypes } from '../../../shared/vocabularies.js';

/**
 * The first draft of a statement or an urgent appeal, from what a case or an event says that identifies
 * nobody: the violation types, the county, the month, how many people (an event's cases and arrests).
 * The author edits it; the identifying-details check still runs on whatever they write.
 */
export interface SourceSummary {
  kind: 'case' | 'event';
  /** An event's own title (staff wrote it for a crackdown: no person's name by convention). */
  title?: string;
  violationTypes: readonly string[];
  county: string | null;
  at: Date | null;
  /** An event: how many cases and detainees it holds. */
  cases?: number;
  arrests?: number;
}

const monthOf = (d: Date | null, locale: 'en' | 'sw') =>
  d
    ? new Intl.DateTimeFormat(locale === 'sw' ? 'sw-KE' : 'en-KE', {
        month: 'long',
        year: 'numeric',
        timeZone: 'Africa/Nairobi',
      }).format(d)
    : null;

function facts(s: SourceSummary, locale: 'en' | 'sw') {
  const violations = s.violationTypes.map((v) => termLabel(violationTypes, v, locale).toLowerCase());
  const what = violations.length ? violations.join(locale === 'sw' ? ', na ' : ', and ') : null;
  const where = s.county ? (locale === 'sw' ? `katika kaunti ya ${s.county}` : `in ${s.county} County`) : '';
  const when = monthOf(s.at, locale);
  return { what, where, when };
}

function statementTexts(s: SourceSummary): DraftTexts {
  const en = facts(s, 'en');
  const sw = facts(s, 'sw');
  const countEn = s.cases
    ? ` We have documented ${s.cases} cases${s.arrests ? `, including ${s.arrests} arrests` : ''}.`
    : '';
  const countSw = s.cases
    ? ` Tumeandika kesi ${s.cases}${s.arrests ? `, zikiwemo za watu ${s.arrests} waliokamatwa` : ''}.`
    : '';
  return {
    titleEn: `Statement on ${en.what ?? 'human rights violations'} ${en.where}`.trim(),
    titleSw: `Taarifa kuhusu ${sw.what ?? 'ukiukaji wa haki za binadamu'} ${sw.where}`.trim(),
    bodyEn:
      `We are deeply concerned by reports of ${en.what ?? 'human rights violations'} ${en.where}` +
      `${en.when ? ` in ${en.when}` : ''}.${countEn} We call on the authorities to investigate promptly, ` +
      `impartially and effectively, to protect those at risk, and to hold those responsible to account.`,
    bodySw:
      `Tuna wasiwasi mkubwa kuhusu ripoti za ${sw.what ?? 'ukiukaji wa haki za binadamu'} ${sw.where}` +
      `${sw.when ? ` mwezi ${sw.when}` : ''}.${countSw} Tunatoa wito kwa mamlaka kuchunguza haraka, bila ` +
      `upendeleo na kwa ufanisi, kuwalinda walio hatarini, na kuwawajibisha waliohusika.`,
  };
}

function appealTexts(code: string, s: SourceSummary): DraftTexts {
  const m = mechanismOf(code)!;
  const en = facts(s, 'en');
  const sw = facts(s, 'sw');
  const subjectEn = `Urgent appeal: ${en.what ?? 'human rights violations'} ${en.where}`.trim();
  const factsEn =
    `We write to bring to your urgent attention ${en.what ?? 'serious human rights violations'} ${en.where}` +
    `${en.when ? ` in ${en.when}` : ''}.` +
    (s.cases
      ? ` We have documented ${s.cases} cases${s.arrests ? `, including ${s.arrests} arrests` : ''}.`
      : '');
  const bodyEn =
    m.scope === 'national'
      ? `To: ${m.en}\n\n${factsEn} We request that your office act within its mandate without delay: ` +
        `open an inquiry, secure the evidence, and inform us of the steps taken within 14 days.`
      : `To: ${m.en}\n\n${factsEn} The persons concerned have consented to this communication; their ` +
        `details are provided separately under confidentiality. We respectfully request that you ` +
        `intervene with the Government of Kenya, urging it to guarantee their safety, to investigate, and ` +
        `to report on the measures taken.`;
  if (m.scope !== 'national') return { titleEn: subjectEn, titleSw: '', bodyEn, bodySw: '' };
  return {
    titleEn: subjectEn,
    titleSw: `Ombi la dharura: ${sw.what ?? 'ukiukaji wa haki za binadamu'} ${sw.where}`.trim(),
    bodyEn,
    bodySw:
      `Kwa: ${m.sw}\n\nTunaandika kuwajulisha kwa dharura kuhusu ${sw.what ?? 'ukiukaji mkubwa wa haki za binadamu'} ` +
      `${sw.where}${sw.when ? ` mwezi ${sw.when}` : ''}.` +
      (s.cases
        ? ` Tumeandika kesi ${s.cases}${s.arrests ? `, zikiwemo za watu ${s.arrests} waliokamatwa` : ''}.`
        : '') +
      ` Tunaomba ofisi yenu ichukue hatua kwa mujibu wa mamlaka yake bila kuchelewa: ianzishe uchunguzi, ` +
      `ihifadhi ushahidi, na itujulishe hatua zilizochukuliwa ndani ya siku 14.`,
  };
}

/** The first draft for a public statement (no mechanism) or an appeal to `mechanism`. */
export function draftTexts(summary: SourceSummary, mechanism?: string): DraftTexts {
  return mechanism ? appealTexts(mechanism, summary) : statementTexts(summary);
}
