import type { Sensitivity, ViolationType } from '../../../../shared/vocabularies.js';
import { lexicon, spellings, type LexiconGroup, type TermKind } from './lexicon.js';
import { harmlessPiga, readVerbAt } from './morphology.js';

/** One reason: a lexicon group and the words of the message that matched it. */
export interface TriageMatch {
  code: string;
  kind: TermKind;
  words: string[];
}

export interface Triage {
  inDangerNow: boolean;
  /** Why (codes only, e.g. `happening_now`, `right_now+arrest`), or empty. */
  reason: string | null;
  suggestedViolationTypes: ViolationType[];
  /** `sensitive` when sexual violence or a minor is mentioned, otherwise `normal` (a floor only). */
  sensitivity: Sensitivity;
  matches: TriageMatch[];
}

/** Lower case, no accents or punctuation, runs of 3+ letters squeezed ("helppp" → "help"), Sheng spellings. */
export function normaliseText(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!plain) return [];
  // Own keys only: a message may well contain "constructor" or "toString".
  return plain.split(' ').flatMap((w) => (Object.hasOwn(spellings, w) ? spellings[w]! : w).split(' '));
}

interface CompiledTerm {
  parts: { word: string; prefix: boolean }[];
}
const compiled = lexicon.map((g) => ({
  group: g,
  terms: g.terms
    .flatMap((line) => line.split(','))
    .map((t): CompiledTerm => ({
      parts: normaliseTerm(t).map((w) => ({ word: w.replace(/\*$/, ''), prefix: w.endsWith('*') })),
    })),
}));

const groupByCode = new Map<string, LexiconGroup>(lexicon.map((g) => [g.code, g]));

function normaliseTerm(term: string): string[] {
  return term.toLowerCase().split(/\s+/).filter(Boolean);
}

function matchAt(words: string[], i: number, t: CompiledTerm): boolean {
  if (i + t.parts.length > words.length) return false;
  return t.parts.every((p, k) => {
    const w = words[i + k]!;
    // A plain term also matches its English plural ("rungu" → "rungus").
    return p.prefix ? w.startsWith(p.word) : w === p.word || w === `${p.word}s`;
  });
}

/** Every lexicon group found in the message, with the words (as normalised) that matched. */
export function findMatches(text: string): TriageMatch[] {
  const words = normaliseText(text);
  const out: TriageMatch[] = [];
  for (const { group, terms } of compiled) {
    const found = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      for (const t of terms) {
        if (t.parts.length === 1 && harmlessPiga(words, i)) continue;
        if (matchAt(words, i, t)) found.add(words.slice(i, i + t.parts.length).join(' '));
      }
    }
    // A longer phrase makes the shorter ones inside it redundant ("sasa hivi" over "sasa").
    const list = [...found].filter((w) => ![...found].some((o) => o !== w && ` ${o} `.includes(` ${w} `)));
    if (list.length) out.push({ code: group.code, kind: group.kind, words: list.sort() });
  }
  // Kiswahili verb forms (morphology.ts): added to their group, or as a group of their own.
  for (let i = 0; i < words.length; i++) {
    const v = readVerbAt(words, i);
    if (!v) continue;
    const group = groupByCode.get(v.code)!;
    const m = out.find((x) => x.code === v.code);
    if (!m) out.push({ code: v.code, kind: group.kind, words: [v.word] });
    else if (!m.words.includes(v.word)) m.words = [...m.words, v.word].sort();
  }
  return out;
}

/**
 * Read the message: in danger now when something is happening as we speak (`urgent`), or when a threat
 * (weapon, death, abduction, arrest, violence, sexual violence) comes with an immediacy word and the
 * message does not place it in the past. An explicit "nobody is in danger" cancels all but `urgent`.
 * Pure: the same text always gives the same answer.
 */
export function triage(text: string): Triage {
  const matches = findMatches(text);
  const has = (kind: TermKind) => matches.filter((m) => m.kind === kind);
  const urgent = has('urgent');
  const threats = has('threat');
  const now = has('now');
  const past = has('past');
  const safe = has('safe');
  let reason: string | null = null;
  if (urgent.length) reason = urgent.map((m) => m.code).join('+');
  else if (threats.length && now.length && !past.length && !safe.length) {
    reason = [...now, ...threats].map((m) => m.code).join('+');
  }
  const suggested: ViolationType[] = [];
  for (const m of threats) {
    const v = groupByCode.get(m.code)?.violation;
    if (!v || suggested.includes(v)) continue;
    // A death by police is an extrajudicial killing; any other death is left for the screener.
    if (v === 'extrajudicial_killing' && !matches.some((x) => x.code === 'arrest' || x.kind === 'actor'))
      continue;
    suggested.push(v);
  }
  const sensitive = matches.some((m) => groupByCode.get(m.code)?.sensitive);
  return {
    inDangerNow: reason !== null,
    reason,
    suggestedViolationTypes: suggested,
    sensitivity: sensitive ? 'sensitive' : 'normal',
    matches,
  };
}
