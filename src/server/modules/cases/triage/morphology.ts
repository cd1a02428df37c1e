/**
 * Kiswahili (and Sheng) verb forms the word lexicon cannot list one by one. A Kiswahili verb is built
 * as subject prefix + tense + (object) + stem + (extension, passive) + final vowel:
 * `a-na-m-chom-a` "he is stabbing her", `wa-me-beb-w-a` "they have been carried off",
 * `wa-li-m-pig-a` "they beat him". Only the tense decides how urgent it is:
 * - `na` (present progressive): happening as we speak → `happening_now` (urgent alone);
 * - `me`, `li`, `ki`, `sha` (perfect, past, Sheng "already"): the act happened → its threat group, which
 *   needs an immediacy word, like the lexicon's threats.
 * Stems are grouped by what they mean; take-away stems (`beba`, `chukua`) only count with an object or
 * in the passive, since "anabeba mtoto" is carrying a child, not an abduction. Pure, no state.
 */

/** Threat group codes of lexicon.ts each stem belongs to. */
const STEMS: Record<string, { code: string; takeAway?: boolean }> = {
  pig: { code: 'violence' }, // piga: beat
  chap: { code: 'violence' }, // chapa: beat (colloquial)
  chom: { code: 'violence' }, // choma: stab, burn
  dung: { code: 'violence' }, // dunga: stab
  tes: { code: 'violence' }, // tesa: torture
  shambuli: { code: 'violence' }, // shambulia: attack
  vami: { code: 'violence' }, // vamia: raid, attack
  jeruhi: { code: 'violence' }, // jeruhi: wound
  kab: { code: 'violence' }, // kaba: choke
  umi: { code: 'violence' }, // umia: get hurt
  tishi: { code: 'violence' }, // tishia: threaten
  fukuz: { code: 'violence' }, // fukuza: chase
  u: { code: 'death' }, // ua: kill (uawa: be killed)
  kamat: { code: 'arrest' }, // kamata: arrest
  shik: { code: 'arrest' }, // shika: seize, arrest (Sheng)
  zuili: { code: 'arrest' }, // zuilia: detain
  tek: { code: 'abduction' }, // teka: abduct
  nyak: { code: 'abduction' }, // nyaka: grab (Sheng)
  beb: { code: 'abduction', takeAway: true }, // beba: carry off
  chuku: { code: 'abduction', takeAway: true }, // chukua: take
  bak: { code: 'sexual_violence' }, // baka: rape
  najis: { code: 'sexual_violence' }, // najisi: defile
};

const SUBJECT = '(?:ni|u|a|tu|m|mu|wa|i|zi|ki|vi|li|ya)';
const TENSE = '(na|me|li|ki|sha|mesha|lisha)';
const OBJECT = '(ni|ku|mw|mu|m|tu|wa|ji|zi|vi)?';
/** Extensions and endings after the stem: passive (-w-, -iw-, -ew-, -aw-), applied (-i-, -e-), final vowel. */
const ENDING = '((?:iw|ew|aw|w|an|ik|ish|esh|i|e)*)(?:a|e|i|u)';
const STEM = `(${Object.keys(STEMS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const VERB = new RegExp(`^${SUBJECT}${TENSE}${OBJECT}${STEM}${ENDING}$`);

export interface VerbReading {
  /** `happening_now` for the present progressive, else the stem's threat group. */
  code: string;
  word: string;
}

/** Read one normalised word as a threat verb, or null. */
export function readVerb(word: string): VerbReading | null {
  if (word.length < 5) return null;
  const m = VERB.exec(word);
  if (!m) return null;
  const [, tense, object, stem, ext] = m;
  const s = STEMS[stem!]!;
  // The one-letter stem (ua, kill) only with an object or the passive: "anaua" is rare, "wanamuua" is not.
  const passive = /w/.test(ext ?? '');
  if (stem === 'u' && !object && !passive) return null;
  if (s.takeAway && !object && !passive) return null;
  // Present progressive, active or passive ("anapigwa": being beaten): happening now. Not for taking
  // someone along ("anamchukua" is as often picking a child up from school): that stays a threat.
  if (tense === 'na') return s.takeAway ? null : { code: 'happening_now', word };
  return { code: s.code, word };
}

/** Words after `piga` that make it harmless: piga simu (phone), picha (photo), kura (vote), kelele … */
const HARMLESS_AFTER_PIGA = new Set(['simu', 'picha', 'kura', 'kelele', 'debe', 'pasi', 'magoti', 'stori']);

/** The word at `i` is a form of `piga` in a harmless idiom ("wanapiga kura": they are voting). */
export function harmlessPiga(words: readonly string[], i: number): boolean {
  const next = words[i + 1];
  return Boolean(next && HARMLESS_AFTER_PIGA.has(next) && /pig/.test(words[i]!));
}

/** `readVerb` for the word at `i`, with the next word ruling out the harmless idioms of `piga`. */
export function readVerbAt(words: readonly string[], i: number): VerbReading | null {
  return harmlessPiga(words, i) ? null : readVerb(words[i]!);
}
