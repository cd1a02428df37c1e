import type { Locale } from '../../../shared/locale.js';

/** The referral SMS texts, English and Kiswahili. Never personal data: the number and the need only. */
const texts = {
  newReferral: {
    en: 'Dharura: new referral R{n} ({need}). Reply YES R{n} to accept or NO R{n} <reason> to decline.',
    sw: 'Dharura: rufaa mpya R{n} ({need}). Jibu NDIO R{n} kukubali au HAPANA R{n} <sababu> kukataa.',
  },
  accepted: {
    en: 'Dharura: referral R{n} accepted. Thank you.',
    sw: 'Dharura: rufaa R{n} imekubaliwa. Asante.',
  },
  declined: {
    en: 'Dharura: referral R{n} declined. Thank you for telling us.',
    sw: 'Dharura: rufaa R{n} imekataliwa. Asante kwa kutujulisha.',
  },
  notFound: {
    en: 'Dharura: no open referral R{n} for your organisation.',
    sw: 'Dharura: hakuna rufaa R{n} iliyo wazi kwa shirika lako.',
  },
  withdrawn: {
    en: 'Dharura: referral R{n} was withdrawn; its details were deleted.',
    sw: 'Dharura: rufaa R{n} imeondolewa; maelezo yake yamefutwa.',
  },
  noReason: {
    en: 'No reason given (by SMS)',
    sw: 'Hakuna sababu iliyotolewa (kwa SMS)',
  },
} as const;

const needs = {
  safe_house_placement: { en: 'safe-house placement', sw: 'nyumba salama' },
  counselling: { en: 'counselling', sw: 'ushauri nasaha' },
  medical: { en: 'medical care', sw: 'matibabu' },
  legal_aid: { en: 'legal aid', sw: 'msaada wa kisheria' },
} as const;

export function referralText(
  key: keyof typeof texts,
  locale: Locale,
  vars: { n?: number; need?: string } = {},
): string {
  const need = vars.need ? (needs[vars.need as keyof typeof needs]?.[locale] ?? vars.need) : '';
  return texts[key][locale].replaceAll('{n}', String(vars.n ?? '')).replaceAll('{need}', need);
}
