import type { ViolationType } from '../../../../shared/vocabularies.js';

/**
 * The urgency lexicon: English, Kiswahili and Sheng words and phrases, as data. The matcher
 * (`triage.ts`) normalises a message (case, punctuation, repeated letters, common Sheng spellings) and
 * finds every term anywhere in it, on word boundaries. A term ending in `*` matches any word starting so
 * (`arrest*` matches "arrested", "arresting"); a phrase of several words matches those words in a row.
 *
 * Kinds:
 * - `threat`: what is happening (weapons, death, abduction, arrest, beating, sexual violence). Together
 *   with a `now` word it means "in danger now".
 * - `urgent`: happening as we speak ("being beaten", "wanampiga", "at my door"): in danger now alone.
 * - `now`: immediacy ("right now", "sasa hivi", "sai", "help").
 * - `past`: the event is over or long ago ("last year", "mwaka jana"): cancels `now` + `threat`.
 * - `safe`: an explicit "nobody is in danger": cancels everything but `urgent`.
 * - `minor`: a child is involved (makes the case sensitive).
 * - `actor`: the police or another state agent (turns a death into a suggested extrajudicial killing).
 */
export type TermKind = 'threat' | 'urgent' | 'now' | 'past' | 'safe' | 'minor' | 'actor';

export interface LexiconGroup {
  /** A stable code shown to staff (with the words that matched) as the reason. */
  code: string;
  kind: TermKind;
  /** Violation type this suggests, if any. */
  violation?: ViolationType;
  /** Sexual violence and minors make the case sensitive. */
  sensitive?: boolean;
  /** Comma-separated terms (several strings only to keep lines short). */
  terms: readonly string[];
}

export const lexicon: readonly LexiconGroup[] = [
  {
    code: 'weapon',
    kind: 'threat',
    terms: [
      'gun, guns, gunshot*, pistol, rifle, shoot*, shot, bullet*, firearm*, knife, machete',
      'panga, pangas, rungu, teargas, tear gas, bunduki, risasi, kisu, visu, mapanga, marungu',
      'chuma, mabunduki, wanapiga risasi',
    ],
  },
  {
    code: 'death',
    kind: 'threat',
    violation: 'extrajudicial_killing',
    terms: [
      'killed, kill, killing, murder*, dead, dying, body, corpse, ameuawa, ameuliwa, wameuawa',
      'kuuawa, kuua, kumuua, wamemuua, amemuua, kuniua, kutuua, amekufa, wamekufa, maiti',
      'mwili wake, amefariki, amededi, wamededi, kudedi, ameuawa na karao, wamemmaliza',
      'kummaliza',
    ],
  },
  {
    code: 'abduction',
    kind: 'threat',
    violation: 'enforced_disappearance',
    terms: [
      'abduct*, kidnap*, taken away, bundled, missing, disappeared, whisked away, ametekwa',
      'wametekwa, kutekwa, wamemteka, ametoweshwa, amepotea, wamemchukua, amechukuliwa',
      'amebebwa, wamembeba, wamebeba, kubebwa, amenyakwa, wamemnyaka, wamenyakwa',
      'taken by, was taken, were taken, has been taken, have been taken, cannot find, can t find',
      'cant find',
    ],
  },
  {
    code: 'arrest',
    kind: 'threat',
    violation: 'arbitrary_detention',
    terms: [
      'arrest*, detain*, detention, custody, locked up, police cell*, amekamatwa, wamekamatwa',
      'wamemkamata, wamekamata, kukamatwa, wanakamata, kamatwa, alikamatwa, walikamatwa, walimkamata, amezuiliwa, wamezuiliwa, seli',
      'rumande, ameshikwa, wameshikwa, wamemshika, karao, makarao, mapolisi, wamemkamatia',
    ],
  },
  {
    code: 'violence',
    kind: 'threat',
    violation: 'physical_assault',
    terms: [
      'beat, beaten, beating, assault*, attack*, stabbed, injured, bleeding, threaten*',
      'amepigwa, wamepigwa, kupigwa, walimpiga, wamempiga, anatishia, wanatishia, tishio',
      'wamevamia, wanavamia, kuvamiwa, wamevamiwa, amejeruhiwa, damu, amechapwa, wamemchapa',
      'kuchapwa, wanachapa, wamechapwa, amedungwa',
    ],
  },
  {
    code: 'sexual_violence',
    kind: 'threat',
    violation: 'rape',
    sensitive: true,
    terms: [
      'rape, raped, raping, rapist*, defile*, sexual*, molest*, sodomi*, kubaka, amebakwa',
      'alibakwa, wamembaka, anambaka, wanambaka, ubakaji, kubakwa, kunajisi, amenajisiwa',
      'unajisi, ngono, amemnajisi',
    ],
  },
  {
    code: 'minor',
    kind: 'minor',
    sensitive: true,
    terms: [
      'child, children, minor, minors, schoolgirl, schoolboy, pupil, baby, toddler, year old',
      'years old, mtoto, watoto, mwanafunzi, wanafunzi, msichana mdogo, kijana mdogo, toto',
      'matoi, chali mdogo, dem mdogo',
    ],
  },
  {
    code: 'police',
    kind: 'actor',
    terms: [
      'police, policeman, policemen, officers, gsu, kdf, polisi, askari, karao, makarao',
      'mapolisi, sanse, afande, dci',
    ],
  },
  {
    code: 'happening_now',
    kind: 'urgent',
    terms: [
      'being beaten, being attacked, being raped, being taken, are beating, is beating',
      'are attacking, are shooting, at my door, at the door, outside my house, outside the gate',
      'surrounded, they are coming, coming for, hiding, trapped, chasing, trying to kill',
      'threatening to kill, going to kill, will kill, anapigwa, wanampiga, wanapiga, wanatupiga',
      'ananipiga, anampiga, wananipiga, mlangoni, nje ya nyumba, wametuzunguka, wamezunguka',
      'wanakuja, wanamtafuta, wanatutafuta, najificha, tunajificha, anajificha, wanatufukuza',
      'wanataka kumuua, anataka kumuua, anataka kuniua, wanataka kutuua, atamuua, ataniua',
      'anatishia kumuua, anatishia kuniua, anavuja damu, wanamchapa, wananichapa, wanatuchapa',
      'wanamnyaka, wanatunyaka',
    ],
  },
  {
    code: 'right_now',
    kind: 'now',
    terms: [
      'now, right now, currently, as we speak, tonight, urgent*, emergency, help, quickly',
      'hurry, sasa, sasa hivi, hivi sasa, saa hii, saa hizi, usiku huu, haraka, dharura, msaada',
      'saidia, sai, saa hii hii, hivi sai, ivi sai, fasta, upesi, help me, help us, please help',
      'nisaidie, tusaidie, minutes ago, moments ago, just now, an hour ago, dakika chache',
      'muda mfupi uliopita, punde',
    ],
  },
  {
    code: 'over_or_past',
    kind: 'past',
    terms: [
      'last year, last month, last week, years ago, months ago, weeks ago, in 2019, in 2020',
      'in 2021, in 2022, in 2023, released, was freed, on bond, on bail, court date, follow up',
      'following up, update on, mwaka jana, mwezi uliopita, wiki iliyopita, miaka iliyopita',
      'zamani, ameachiliwa, wameachiliwa, ameachwa huru, dhamana, mahakamani, kufuatilia',
      'nafuatilia, ufuatiliaji, alishatoka, ameshatoka, ashatoka, last time, kitambo',
    ],
  },
  {
    code: 'nobody_in_danger',
    kind: 'safe',
    terms: [
      'no one is in danger, nobody is in danger, not in danger, is safe now, are safe now',
      'am safe now, is safe, are safe, safe now, no danger, just asking, hakuna hatari',
      'hakuna aliye hatarini, si hatarini, hayuko hatarini, yuko salama, niko salama',
      'tuko salama, wako salama, nauliza tu, ako fiti, tuko fiti, hamna noma, hakuna noma',
      'training, workshop, mafunzo, warsha',
    ],
  },
];

/**
 * Common Sheng and texting spellings, rewritten before matching (whole words, after lower-casing).
 * Kept small and conservative: only spellings that mean one thing.
 */
export const spellings: Readonly<Record<string, string>> = {
  saii: 'sai',
  sahii: 'sai',
  sahi: 'sai',
  sa: 'saa',
  ivi: 'hivi',
  plz: 'please',
  pls: 'please',
  plis: 'please',
  rn: 'right now',
  coz: 'because',
  cops: 'police',
  polis: 'polisi',
  mapolice: 'mapolisi',
  makaraos: 'makarao',
  karaos: 'makarao',
  bundiki: 'bunduki',
  saidieni: 'tusaidie',
  nisaidiee: 'nisaidie',
  tusaidiee: 'tusaidie',
  wamemshikwa: 'wamemshika',
  msada: 'msaada',
  msaaada: 'msaada',
};
