import type { Locale } from '../../../shared/locale.js';
import { fillTemplate } from '../../channels/copy.js';
import { eatWallClock } from '../../lib/clock.js';

/**
 * Every SMS the network sends, in English and Kiswahili, GSM-7 only (one message stays one SMS). A
 * dispatch says what is needed and where at ward level; never who the victim is or how to reach them.
 */
export const networkSms = {
  offer: {
    en: '{ref}: {what}, {place}. Reply YES {n} / NO {n}',
    sw: '{ref}: {what}, {place}. Jibu NDIO {n} / HAPANA {n}',
  },
  assigned: {
    en: 'Dharura {ref}: you are assigned. The duty officer will call you with details. Check in every {m} min: OK {n} (add where you are if safe). At the end: DONE {n}.',
    sw: 'Dharura {ref}: umepangiwa kazi hii. Afisa wa zamu atakupigia na maelezo. Ripoti kila dakika {m}: OK {n} (ongeza ulipo kama ni salama). Ukimaliza: NIMEMALIZA {n}.',
  },
  notNeeded: {
    en: 'Dharura {ref}: thank you, enough responders have accepted. You are not needed for this one ({n}).',
    sw: 'Dharura {ref}: asante, watetezi wa kutosha wamekubali. Hauhitajiki kwa kazi hii ({n}).',
  },
  declined: {
    en: 'Dharura: thank you, noted. Stay safe.',
    sw: 'Dharura: asante, tumepokea. Kaa salama.',
  },
  checkIn: {
    en: 'Dharura: check-in received, thank you. Next one by {time}.',
    sw: 'Dharura: taarifa imepokelewa, asante. Inayofuata kabla ya saa {time}.',
  },
  done: {
    en: 'Dharura {ref}: mission closed, thank you. How are you? Reply a number 1 (very bad) to 5 (very good) and a few words for your debrief.',
    sw: 'Dharura {ref}: kazi imefungwa, asante. Hujambo? Jibu namba 1 (vibaya sana) hadi 5 (vizuri sana) na maneno machache ya tathmini.',
  },
  caseEnded: {
    en: 'Dharura {ref}: the case is closed and mission {n} has ended. No more check-ins are needed. Thank you.',
    sw: 'Dharura {ref}: kesi imefungwa na kazi namba {n} imeisha. Hakuna haja ya kuripoti tena. Asante.',
  },
  noMission: {
    en: 'Dharura: we found no open call or mission {n} for this phone.',
    sw: 'Dharura: hatukupata wito wala kazi namba {n} kwa simu hii.',
  },
  wellbeingPrompt: {
    en: 'Dharura: how are you doing? Reply 1 (very bad) to 5 (very good). We read every answer.',
    sw: 'Dharura: hujambo? Jibu 1 (vibaya sana) hadi 5 (vizuri sana). Tunasoma kila jibu.',
  },
  wellbeingThanks: {
    en: 'Dharura: thank you. Look after yourself.',
    sw: 'Dharura: asante. Jitunze.',
  },
  wellbeingLow: {
    en: 'Dharura: thank you for telling us. A supervisor will call you. You are not alone.',
    sw: 'Dharura: asante kwa kutuambia. Msimamizi atakupigia simu. Hauko peke yako.',
  },
  sosDefender: {
    en: 'Dharura: SOS received, {ref}. Leadership is being alerted now. A false alarm? Send CANCEL and your PIN.',
    sw: 'Dharura: SOS imepokelewa, {ref}. Uongozi unaarifiwa sasa hivi. Kengele ya uongo? Tuma SITISHA na PIN yako.',
  },
  sosCancelled: {
    en: 'Dharura: SOS cancelled. Stay safe.',
    sw: 'Dharura: SOS imesitishwa. Kaa salama.',
  },
  sosWrongPin: {
    en: 'Dharura: PIN not recognised. The SOS is still active.',
    sw: 'Dharura: PIN haijatambuliwa. SOS bado inaendelea.',
  },
  sosNone: {
    en: 'Dharura: there is no active SOS to cancel.',
    sw: 'Dharura: hakuna SOS inayoendelea ya kusitisha.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export function networkText(
  key: keyof typeof networkSms,
  locale: Locale,
  vars: Record<string, string | number> = {},
): string {
  return fillTemplate(networkSms[key][locale], vars);
}

/** "14:05" in East Africa Time (UTC+3, no daylight saving), the time people read on their phones. */
export function eatClock(at: Date): string {
  const eat = eatWallClock(at);
  return `${String(eat.getUTCHours()).padStart(2, '0')}:${String(eat.getUTCMinutes()).padStart(2, '0')}`;
}
