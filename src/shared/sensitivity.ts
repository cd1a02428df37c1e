import { sensitivities, type Sensitivity } from './vocabularies.js';

/**
 * Sensitive by default (DESIGN §5): reports of sexual violence, of minors, femicide and defenders' SOS
 * are "sensitive" from intake by rule, whatever the channel. The rule only ever raises: a report may be
 * entered as more sensitive than the rule says, never less. Lowering is a screening decision that needs a
 * reason and a second person (the cases module's sensitivity requests).
 */

/** Violation types that make a case sensitive on their own. */
export const sensitiveViolationTypes = ['rape', 'sexual_assault', 'femicide', 'forced_marriage'] as const;

/**
 * Words that mark free text (SMS, USSD descriptions, a public form with "not sure") as sexual violence, a
 * minor or femicide, in English and Kiswahili. Over-inclusive on purpose: a false match only redacts a
 * queue line until a screener (with a second person) lowers it.
 */
const sensitiveText: readonly RegExp[] = [
  // English: sexual violence, children, femicide.
  /\brap(e|ed|es|ing|ist)\b/,
  /\bdefile(d|ment)?\b/,
  /\bsexual(ly)?\b/,
  /\bmolest\w*/,
  /\bsodomi[sz]\w*/,
  /\b(child|children|minor|minors|schoolgirl|schoolboy|pupil|baby|toddler|teenager)\b/,
  /\bfemicide\b/,
  // Kiswahili: kubaka/kubakwa/alibakwa/ubakaji, kunajisi/unajisi, ngono, mtoto/watoto, mauaji ya wanawake.
  /\b\w*baka(ji)?\b/,
  /\b\w*bakwa\b/,
  /\b\w*najisi\w*/,
  /\b\w*ngono\b/,
  /\b(mtoto|watoto|mwanafunzi|wanafunzi)\b/,
  /mauaji ya (mwanamke|wanawake)/,
];

/**
 * The sensitivity rule as data (an organisation edits it in the Rules screen, DESIGN §8): which violation
 * types, whether a minor or an SOS, and which text patterns (lower-case regular expressions) make a report
 * sensitive. Today's constants are the default.
 */
export interface SensitivityRules {
  violationTypes: string[];
  minor: boolean;
  sos: boolean;
  textPatterns: string[];
}

export const defaultSensitivityRules: SensitivityRules = {
  violationTypes: [...sensitiveViolationTypes],
  minor: true,
  sos: true,
  textPatterns: sensitiveText.map((re) => re.source),
};

const compiled = new Map<string, RegExp | null>();
/** A pattern compiled once; an invalid one (refused when saved) never matches. */
function patternOf(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source);
    } catch {
      re = null;
    }
    compiled.set(source, re);
  }
  return re;
}

/** Whether a text pattern compiles (the rule set's validation). */
export function isValidPattern(source: string): boolean {
  return patternOf(source) !== null;
}

export interface SensitivityFacts {
  violationTypes?: readonly string[] | undefined;
  /** Free text the reporter wrote (narrative, SMS, USSD description). */
  narrative?: string | null | undefined;
  /** The victim's age group, when known ('child' makes the case sensitive). */
  victimAgeGroup?: string | null | undefined;
  /** Vulnerabilities recorded at assessment ('minor' makes the case sensitive). */
  vulnerable?: readonly string[] | undefined;
  /** A defender's or reporter's SOS. */
  sos?: boolean | undefined;
}

export function sensitivityRank(s: string): number {
  const i = (sensitivities as readonly string[]).indexOf(s);
  return i < 0 ? 0 : i;
}

export function maxSensitivity(a: Sensitivity, b: Sensitivity): Sensitivity {
  return sensitivityRank(a) >= sensitivityRank(b) ? a : b;
}

/** Why the rule makes a report sensitive: codes only (these go into timeline data and the audit). */
export function sensitivityReasons(
  f: SensitivityFacts,
  rules: SensitivityRules = defaultSensitivityRules,
): string[] {
  const out: string[] = [];
  const types = f.violationTypes ?? [];
  for (const t of rules.violationTypes) if (types.includes(t)) out.push(`type:${t}`);
  if (rules.minor && (f.victimAgeGroup === 'child' || f.vulnerable?.includes('minor'))) out.push('minor');
  if (rules.sos && f.sos) out.push('sos');
  const text = (f.narrative ?? '').toLowerCase();
  if (text && rules.textPatterns.some((p) => patternOf(p)?.test(text))) out.push('text');
  return out;
}

/** The lowest sensitivity the rule allows for these facts. */
export function sensitivityFloor(
  f: SensitivityFacts,
  rules: SensitivityRules = defaultSensitivityRules,
): Sensitivity {
  return sensitivityReasons(f, rules).length > 0 ? 'sensitive' : 'normal';
}
