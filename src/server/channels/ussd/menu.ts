import type { Locale } from '../../../shared/locale.js';
import type { ViolationType } from '../../../shared/vocabularies.js';
import { countyNames } from '../../modules/public/locations.js';
import { fillTemplate, parseReference } from '../copy.js';
import { defaultUssdMenu, type UssdMenuLists } from '../../../shared/ussd-menu.js';

/**
 * The USSD menu as a small state machine over the inputs of a session (Africa's Talking sends them
 * joined by `*`; the service splits them where each step's input began, so a `*` inside a description
 * stays in it). The screen is a function of the inputs alone (plus, for feedback, whether the typed
 * reference exists). An invalid input leaves the state as it was and the screen is shown again with a
 * short hint. `0` goes back one screen and `00` to the main menu, from any screen.
 *
 * Report flow: language → menu → type → county → description → "someone in danger now?" doubling as the
 * confirmation (1 yes, send · 2 no, send · 3 cancel) → END with the reference: six screens to answer.
 */
export const USSD_MAX = 182;
/** The longest `text` a session may carry; past it the session ends politely (a description is ≤ 1000). */
export const USSD_TEXT_MAX = 1500;

type Text = Record<Locale, string>;

/** The shipped lists (an organisation's own come from the `ussd_menu` rule set, through the lookups). */
export const reportTypes = defaultUssdMenu.reportTypes;
export const topCounties = defaultUssdMenu.counties;

export const ussdCopy = {
  langTitle: { en: 'Dharura', sw: 'Dharura' },
  langRetry: { en: 'Choose 1 or 2 / Chagua 1 au 2', sw: 'Choose 1 or 2 / Chagua 1 au 2' },
  menuTitle: { en: 'Dharura', sw: 'Dharura' },
  menu: {
    en: '1 Report an emergency\n2 SOS - I am in danger\n3 Check a case\n4 Give feedback\n5 Responder check-in',
    sw: '1 Ripoti dharura\n2 SOS - niko hatarini\n3 Angalia hali ya kesi\n4 Toa maoni\n5 Mtetezi: ripoti kazini',
  },
  chooseNumber: { en: 'Please choose a number from the list.', sw: 'Tafadhali chagua namba kwenye orodha.' },
  typeTitle: { en: 'What happened?', sw: 'Nini kimetokea?' },
  typeRetry: { en: 'Please choose 1-{n}.', sw: 'Tafadhali chagua 1-{n}.' },
  countyTitle: { en: 'Which county? Choose or type the name', sw: 'Kaunti gani? Chagua au andika jina' },
  countyRetry: {
    en: 'County not found. Choose or type again',
    sw: 'Kaunti haikupatikana. Chagua au andika tena',
  },
  countyOther: { en: 'Other', sw: 'Nyingine' },
  countyOtherTitle: {
    en: 'Type the name of the county (1 if not sure)',
    sw: 'Andika jina la kaunti (1 kama huna uhakika)',
  },
  countyOtherRetry: {
    en: 'County not found. Type the name again (1 if not sure)',
    sw: 'Kaunti haikupatikana. Andika jina tena (1 kama huna uhakika)',
  },
  navigation: { en: '0 Back 00 Menu', sw: '0 Rudi 00 Menyu' },
  descriptionTitle: {
    en: 'Briefly: what happened, where and when?',
    sw: 'Kwa ufupi: nini kilitokea, wapi na lini?',
  },
  descriptionRetry: {
    en: 'Please write a few words about what happened.',
    sw: 'Tafadhali andika maneno machache kuhusu kilichotokea.',
  },
  confirmTitle: { en: 'Send report: {summary}.', sw: 'Tuma ripoti: {summary}.' },
  confirm: {
    en: 'Is someone in danger now?\n1 Yes - send\n2 No - send\n3 Cancel',
    sw: 'Kuna mtu yuko hatarini sasa?\n1 Ndiyo - tuma\n2 Hapana - tuma\n3 Ghairi',
  },
  confirmRetry: { en: 'Please choose 1, 2 or 3.', sw: 'Tafadhali chagua 1, 2 au 3.' },
  countyUnknown: { en: 'county not known', sw: 'kaunti haijulikani' },
  referenceTitle: {
    en: 'Enter the reference, e.g. UA-2026-00123 or 202600123',
    sw: 'Andika namba ya kumbukumbu, mf. UA-2026-00123 au 202600123',
  },
  referenceRetry: {
    en: 'That is not a reference. Enter it like 202600123',
    sw: 'Hiyo si namba ya kumbukumbu. Iandike kama 202600123',
  },
  feedbackRefTitle: {
    en: 'Feedback: enter the case reference, e.g. 202600123',
    sw: 'Maoni: andika namba ya kumbukumbu ya kesi, mf. 202600123',
  },
  // Neutral: the same for a reference that does not exist, is not over yet, or another phone reported.
  feedbackNotFound: {
    en: 'We cannot take feedback for this reference from this phone. Enter it again',
    sw: 'Hatuwezi kupokea maoni ya namba hii kutoka simu hii. Iandike tena',
  },
  scoreTitle: { en: 'How satisfied are you with our help?', sw: 'Umeridhika kiasi gani na msaada wetu?' },
  score: {
    en: '1 Very unhappy\n2 Unhappy\n3 Neither\n4 Happy\n5 Very happy',
    sw: '1 Sijaridhika kabisa\n2 Sijaridhika\n3 Wastani\n4 Nimeridhika\n5 Nimeridhika sana',
  },
  scoreRetry: { en: 'Please choose 1-5.', sw: 'Tafadhali chagua 1-5.' },
  missionTitle: {
    en: 'Check-in: enter the number from your dispatch SMS (e.g. 123)',
    sw: 'Ripoti: andika namba iliyo kwenye SMS ya wito (mf. 123)',
  },
  missionRetry: { en: 'Enter the number only, e.g. 123', sw: 'Andika namba tu, mf. 123' },
  checkInTitle: { en: 'Mission {n}:', sw: 'Kazi {n}:' },
  checkIn: { en: '1 I am OK\n2 Mission done', sw: '1 Niko salama\n2 Kazi imekwisha' },
  checkInRetry: { en: 'Please choose 1 or 2.', sw: 'Tafadhali chagua 1 au 2.' },
  // END screens (the service fills in references).
  reportDone: {
    en: 'Report received. Reference {ref}. To check it, dial again and choose 3, or SMS STATUS {ref}. If a life is in danger, also call 999 or 112.',
    sw: 'Ripoti imepokelewa. Namba ya kumbukumbu {ref}. Kuifuatilia, piga tena uchague 3, au tuma SMS HALI {ref}. Maisha yakiwa hatarini, piga pia 999 au 112.',
  },
  sosDone: {
    en: 'SOS received. Reference {ref}. We are alerting the team now. If you can, also call 999 or 112.',
    sw: 'SOS imepokelewa. Namba ya kumbukumbu {ref}. Tunaiarifu timu sasa hivi. Ukiweza, piga pia 999 au 112.',
  },
  cancelled: {
    en: 'Nothing was sent. Dial again any time.',
    sw: 'Hakuna kilichotumwa. Piga tena wakati wowote.',
  },
  feedbackDone: { en: 'Thank you for your feedback.', sw: 'Asante kwa maoni yako.' },
  failed: {
    en: 'Sorry, something went wrong. Please try again, or SMS your report.',
    sw: 'Samahani, hitilafu imetokea. Tafadhali jaribu tena, au tuma ripoti yako kwa SMS.',
  },
  tooLong: {
    en: 'Sorry, this session is too long. Please dial again, or SMS your report. If a life is in danger, call 999 or 112.',
    sw: 'Samahani, kipindi hiki ni kirefu mno. Tafadhali piga tena, au tuma ripoti kwa SMS. Maisha yakiwa hatarini, piga 999 au 112.',
  },
  inProgress: {
    en: 'Your request is being received. Dial again in a minute to check.',
    sw: 'Ombi lako linapokelewa. Piga tena baada ya dakika moja kuangalia.',
  },
} as const satisfies Record<string, Text>;
export type UssdCopyKey = keyof typeof ussdCopy;

export function ussdText(key: UssdCopyKey, locale: Locale, vars: Record<string, string> = {}): string {
  return fillTemplate(ussdCopy[key][locale], vars);
}

type State =
  | { at: 'lang' }
  | { at: 'menu'; locale: Locale }
  | { at: 'type'; locale: Locale }
  | { at: 'county'; locale: Locale; type: number }
  | { at: 'countyOther'; locale: Locale; type: number }
  | { at: 'description'; locale: Locale; type: number; county: string | null }
  | { at: 'confirm'; locale: Locale; type: number; county: string | null; description: string }
  | { at: 'statusRef'; locale: Locale }
  | { at: 'feedbackRef'; locale: Locale }
  | { at: 'feedbackScore'; locale: Locale; reference: string }
  | { at: 'missionNumber'; locale: Locale }
  | { at: 'checkIn'; locale: Locale; number: string };

/** What the path asks for once it is complete; the service performs it and writes the END screen. */
export type UssdAction =
  | {
      kind: 'report';
      locale: Locale;
      violationTypes: ViolationType[];
      county: string | null;
      narrative: string;
      inDangerNow: boolean;
    }
  | { kind: 'sos'; locale: Locale }
  | { kind: 'status'; locale: Locale; reference: string }
  | { kind: 'feedback'; locale: Locale; reference: string; satisfaction: number }
  | { kind: 'checkIn'; locale: Locale; number: string; done: boolean }
  | { kind: 'cancel'; locale: Locale };

export type UssdStep = { kind: 'screen'; text: string } | { kind: 'action'; action: UssdAction };

export interface UssdLookups {
  /** Whether feedback can be given on this case (it exists and its immediate response is over). */
  canGiveFeedback(reference: string): Promise<boolean>;
  /** The organisation's lists (the `ussd_menu` rule set); the shipped ones when absent. */
  menu?: UssdMenuLists;
}

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b(county|kaunti|ya)\b/g, '')
    .replace(/[^a-z]/g, '');
const countyByKey = new Map(countyNames.map((c) => [squash(c), c]));

/** A typed county name: exact (ignoring case, spaces, "county"), or an unambiguous start of one. */
export function matchCounty(typed: string): string | null {
  const key = squash(typed);
  if (key.length < 3) return null;
  const exact = countyByKey.get(key);
  if (exact) return exact;
  const starts = countyNames.filter((c) => squash(c).startsWith(key));
  return starts.length === 1 ? starts[0]! : null;
}

/** `"" → []`, `"2*1*3" → ["2","1","3"]`; inputs are trimmed. */
export function splitPath(text: string): string[] {
  return text === '' ? [] : text.split('*').map((s) => s.trim());
}

type Next = { state: State } | { retry: UssdCopyKey } | { action: UssdAction };

async function step(s: State, input: string, lookups: UssdLookups): Promise<Next> {
  const n = /^\d{1,2}$/.test(input) ? Number(input) : NaN;
  const { reportTypes, counties: topCounties } = lookups.menu ?? defaultUssdMenu;
  switch (s.at) {
    case 'lang':
      if (n === 1) return { state: { at: 'menu', locale: 'en' } };
      if (n === 2) return { state: { at: 'menu', locale: 'sw' } };
      return { retry: 'langRetry' };
    case 'menu': {
      const { locale } = s;
      if (n === 1) return { state: { at: 'type', locale } };
      if (n === 2) return { action: { kind: 'sos', locale } };
      if (n === 3) return { state: { at: 'statusRef', locale } };
      if (n === 4) return { state: { at: 'feedbackRef', locale } };
      if (n === 5) return { state: { at: 'missionNumber', locale } };
      return { retry: 'chooseNumber' };
    }
    case 'type':
      if (n >= 1 && n <= reportTypes.length) return { state: { at: 'county', locale: s.locale, type: n } };
      return { retry: 'typeRetry' };
    case 'county': {
      if (n >= 1 && n <= topCounties.length) {
        return { state: { at: 'description', locale: s.locale, type: s.type, county: topCounties[n - 1]! } };
      }
      if (n === topCounties.length + 1)
        return { state: { at: 'countyOther', locale: s.locale, type: s.type } };
      const typed = Number.isNaN(n) ? matchCounty(input) : null;
      if (typed) return { state: { at: 'description', locale: s.locale, type: s.type, county: typed } };
      return { retry: 'countyRetry' };
    }
    case 'countyOther': {
      if (input === '1')
        return { state: { at: 'description', locale: s.locale, type: s.type, county: null } };
      const typed = matchCounty(input);
      if (typed) return { state: { at: 'description', locale: s.locale, type: s.type, county: typed } };
      return { retry: 'countyOtherRetry' };
    }
    case 'description': {
      const description = input.replace(/\s+/g, ' ').trim();
      if (description.length < 3) return { retry: 'descriptionRetry' };
      return { state: { ...s, at: 'confirm', description: description.slice(0, 1000) } };
    }
    case 'confirm': {
      if (n === 1 || n === 2) {
        return {
          action: {
            kind: 'report',
            locale: s.locale,
            violationTypes: reportTypes[s.type - 1]!.codes,
            county: s.county,
            narrative: s.description,
            inDangerNow: n === 1,
          },
        };
      }
      if (n === 3) return { action: { kind: 'cancel', locale: s.locale } };
      return { retry: 'confirmRetry' };
    }
    case 'statusRef': {
      const reference = parseReference(input);
      if (!reference) return { retry: 'referenceRetry' };
      return { action: { kind: 'status', locale: s.locale, reference } };
    }
    case 'feedbackRef': {
      const reference = parseReference(input);
      if (!reference) return { retry: 'referenceRetry' };
      if (!(await lookups.canGiveFeedback(reference))) return { retry: 'feedbackNotFound' };
      return { state: { at: 'feedbackScore', locale: s.locale, reference } };
    }
    case 'missionNumber':
      if (/^\d{1,9}$/.test(input)) return { state: { at: 'checkIn', locale: s.locale, number: input } };
      return { retry: 'missionRetry' };
    case 'checkIn':
      if (n === 1 || n === 2) {
        return { action: { kind: 'checkIn', locale: s.locale, number: s.number, done: n === 2 } };
      }
      return { retry: 'checkInRetry' };
    case 'feedbackScore':
      if (n >= 1 && n <= 5) {
        return { action: { kind: 'feedback', locale: s.locale, reference: s.reference, satisfaction: n } };
      }
      return { retry: 'scoreRetry' };
  }
}

function render(s: State, retry: UssdCopyKey | null, lists: UssdMenuLists): string {
  const { reportTypes, counties: topCounties } = lists;
  const locale: Locale = s.at === 'lang' ? 'en' : s.locale;
  const t = (key: UssdCopyKey, vars?: Record<string, string>) => ussdText(key, locale, vars);
  // The hint takes the title's place, so a screen shown again is never longer than the longer of the two.
  const title = (key: UssdCopyKey, vars?: Record<string, string>) =>
    retry ? t(retry, { n: String(reportTypes.length) }) : t(key, vars);
  const con = (...lines: string[]) => `CON ${lines.join('\n')}`;
  switch (s.at) {
    case 'lang':
      return con(title('langTitle'), '1 English', '2 Kiswahili');
    case 'menu':
      return con(title('menuTitle'), t('menu'));
    case 'type':
      return con(title('typeTitle'), ...reportTypes.map((r, i) => `${i + 1} ${r.label[locale]}`));
    case 'county':
      return con(
        title('countyTitle'),
        ...topCounties.map((c, i) => `${i + 1} ${c}`),
        `${topCounties.length + 1} ${t('countyOther')}`,
      );
    case 'countyOther':
      return con(title('countyOtherTitle'));
    case 'description':
      return con(title('descriptionTitle'));
    case 'confirm': {
      const summary = `${reportTypes[s.type - 1]!.label[locale]}, ${s.county ?? t('countyUnknown')}`;
      return con(...(retry ? [t(retry)] : []), t('confirmTitle', { summary }), t('confirm'));
    }
    case 'statusRef':
      return con(title('referenceTitle'));
    case 'feedbackRef':
      return con(title('feedbackRefTitle'));
    case 'feedbackScore':
      return con(title('scoreTitle'), t('score'));
    case 'missionNumber':
      return con(title('missionTitle'));
    case 'checkIn':
      return con(title('checkInTitle', { n: s.number }), t('checkIn'));
  }
}

/** Walk the session's inputs from the first screen; the last input decides what is shown or done. */
export async function ussdStep(path: string | readonly string[], lookups: UssdLookups): Promise<UssdStep> {
  const inputs = typeof path === 'string' ? splitPath(path) : path;
  // The screens so far, so that `0` can go back one and `00` to the menu.
  const trail: State[] = [{ at: 'lang' }];
  let retry: UssdCopyKey | null = null;
  for (const input of inputs) {
    const state = trail[trail.length - 1]!;
    if (input === '0' || input === '00') {
      if (input === '00' && state.at !== 'lang')
        trail.splice(1, trail.length, { at: 'menu', locale: state.locale });
      else if (input === '0' && trail.length > 1) trail.pop();
      retry = null;
      continue;
    }
    const next = await step(state, input, lookups);
    if ('action' in next) return { kind: 'action', action: next.action };
    if ('retry' in next) retry = next.retry;
    else {
      trail.push(next.state);
      retry = null;
    }
  }
  const state = trail[trail.length - 1]!;
  const screen = render(state, retry, lookups.menu ?? defaultUssdMenu);
  // The way back, on every screen after the first where it fits.
  const nav = state.at === 'lang' ? '' : `\n${ussdText('navigation', state.locale)}`;
  return { kind: 'screen', text: screen.length + nav.length <= USSD_MAX ? screen + nav : screen };
}

/**
 * An organisation's lists, checked before they are stored (the rules service calls this for the
 * `ussd_menu` kind): every county is one of the 47 (as written there), and every screen the lists
 * appear on — the type and county screens, their "choose again" versions and each confirmation — fits
 * 182 characters in both languages.
 */
export async function checkUssdMenu(menu: UssdMenuLists): Promise<{ path: string; message: string }[]> {
  const issues: { path: string; message: string }[] = [];
  menu.counties.forEach((c, i) => {
    if (matchCounty(c) !== c) issues.push({ path: `body.counties.${i}`, message: 'rules.unknownCounty' });
  });
  if (issues.length) return issues;
  const lookups: UssdLookups = { canGiveFeedback: async () => false, menu };
  const longestCounty = [...menu.counties].sort((a, b) => b.length - a.length)[0]!;
  const paths: string[][] = [];
  for (const lang of ['1', '2']) {
    paths.push([lang, '1'], [lang, '1', '99'], [lang, '1', '1'], [lang, '1', '1', '99']);
    const at = String(menu.counties.indexOf(longestCounty) + 1);
    menu.reportTypes.forEach((_, i) => paths.push([lang, '1', String(i + 1), at, 'abc']));
  }
  for (const path of paths) {
    const step = await ussdStep(path, lookups);
    if (step.kind === 'screen' && step.text.length > USSD_MAX) {
      issues.push({ path: 'body', message: 'rules.ussdTooLong' });
      break;
    }
  }
  return issues;
}
