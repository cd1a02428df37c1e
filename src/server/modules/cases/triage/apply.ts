import type { intakeInput } from '../../../../shared/contracts/cases.js';
import { maxSensitivity } from '../../../../shared/sensitivity.js';
import { recognisePlace } from './place.js';
import { triage } from './triage.js';

type ParsedIntake = ReturnType<typeof intakeInput.parse>;

/** What intake records on the case's first timeline event, for staff to see why. */
export interface TriageRecord {
  inDangerNow: boolean;
  /** Lexicon codes that decided "in danger now" (`happening_now`, `right_now+arrest` …), or null. */
  reason: string | null;
  /** Every lexicon group matched, with the words of the message that matched it. */
  matches: { code: string; words: string[] }[];
  suggestedViolationTypes: string[];
  /** What the reading changed on the report (never lowers anything the reporter or staff gave). */
  applied: ('inDangerNow' | 'violationTypes' | 'sensitivity' | 'place')[];
  place?: { county: string; subCounty?: string; ward?: string; words: string };
}

/**
 * Channels where the text is all there is: the reading may raise "in danger now". Elsewhere the reporter
 * answered that question (USSD, the web form) or staff did, and the reading is only shown as a hint.
 */
const textOnly = new Set(['sms']);

/**
 * Read a report's text at intake (see triage.ts, place.ts): raise "in danger now" on a text-only channel,
 * suggest violation types when none were given, raise sensitivity, and fill in the place when the
 * report gave none (or only a county the text agrees with). Returns the report to store and the record.
 */
export function applyTriage(input: ParsedIntake): { input: ParsedIntake; record: TriageRecord | null } {
  const read = triage(input.narrative);
  const found = recognisePlace(input.narrative);
  const place = found && (!input.county || input.county === found.county) && !input.subCounty ? found : null;
  if (read.matches.length === 0 && !place) return { input, record: null };
  const out = { ...input };
  const applied: TriageRecord['applied'] = [];
  if (read.inDangerNow && !input.inDangerNow && textOnly.has(input.channel)) {
    out.inDangerNow = true;
    applied.push('inDangerNow');
  }
  if (input.violationTypes.length === 0 && read.suggestedViolationTypes.length > 0) {
    out.violationTypes = read.suggestedViolationTypes;
    applied.push('violationTypes');
  }
  const sensitivity = maxSensitivity(input.sensitivity, read.sensitivity);
  if (sensitivity !== input.sensitivity) {
    out.sensitivity = sensitivity;
    applied.push('sensitivity');
  }
  if (place) {
    out.county = place.county;
    if (place.subCounty) out.subCounty = place.subCounty;
    if (place.ward) out.ward = place.ward;
    applied.push('place');
  }
  return {
    input: out,
    record: {
      inDangerNow: read.inDangerNow,
      reason: read.reason,
      matches: read.matches.map((m) => ({ code: m.code, words: m.words })),
      suggestedViolationTypes: read.suggestedViolationTypes,
      applied,
      ...(place ? { place } : {}),
    },
  };
}
