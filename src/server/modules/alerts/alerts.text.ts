import type { LocalisedText } from '../../channels/notifier.js';
import type { EscalationReason } from '../cases/escalation.js';

/** Why an alert was raised, as the person paged reads it. */
export const reasonLabels: Record<EscalationReason, LocalisedText> = {
  new_urgent_report: { en: 'new urgent report', sw: 'ripoti mpya ya dharura' },
  clock_breached: { en: 'a response deadline was missed', sw: 'muda wa kushughulikia umepitwa' },
  flag_raised: { en: 'escalation flag raised', sw: 'kiashiria cha hatari kimewekwa' },
  arrest_clock: {
    en: 'arrest: 24-hour court deadline',
    sw: 'kukamatwa: muda wa saa 24 wa kufikishwa mahakamani',
  },
  decision_escalated: { en: 'decision escalated', sw: 'uamuzi umepandishwa ngazi' },
  sos: { en: 'SOS from a responder', sw: 'SOS kutoka kwa mtetezi aliye uwanjani' },
  missed_check_in: {
    en: 'a responder missed a check-in',
    sw: 'mtetezi aliye uwanjani hajaripoti kwa wakati',
  },
  dispatch_unanswered: {
    en: 'no responder accepted a dispatch',
    sw: 'hakuna mtetezi aliyekubali wito',
  },
  evidence_integrity: {
    en: 'stored evidence failed its integrity check',
    sw: 'ushahidi uliohifadhiwa umeshindwa ukaguzi wa uadilifu',
  },
  referral_unanswered: {
    en: 'a service provider has not answered a referral',
    sw: 'mtoa huduma hajajibu rufaa',
  },
  review_due: {
    en: 'a scheduled after-action review is due',
    sw: 'tathmini ya baada ya hatua iliyopangwa imefika wakati wake',
  },
  appeal_response_due: {
    en: 'an urgent appeal has had no response by its due date',
    sw: 'ombi la dharura halijajibiwa kufikia tarehe yake ya mwisho',
  },
};

/** Alerts the system raises about itself, not about a case. */
export const systemReasonLabels: Record<string, LocalisedText> = {
  oncall_uncovered: {
    en: 'on-call coverage broken: a rotation has nobody on call, or nobody reachable by SMS',
    sw: 'zamu ina tatizo: mzunguko hauna mtu wa zamu, au hakuna anayeweza kufikiwa kwa SMS',
  },
};

export function reasonLabel(reason: string): LocalisedText {
  return reasonLabels[reason as EscalationReason] ?? systemReasonLabels[reason] ?? { en: reason, sw: reason };
}

/**
 * The page itself: reference, reason, priority and county — never a name, a place more exact than the
 * county, or anything from the narrative. The county is left out for restricted cases.
 */
export function alertText(a: {
  /** The alert's short number: staff reply `ACK <number>` / `POKEA <number>` from their verified phone. */
  number: number;
  reference: string | null;
  reason: string;
  priority: string;
  county: string | null;
  repeat: boolean;
}): LocalisedText {
  const label = reasonLabel(a.reason);
  const ref = a.reference ?? '';
  const countyEn = a.county ? `, ${a.county} County` : '';
  const countySw = a.county ? `, Kaunti ya ${a.county}` : '';
  const againEn = a.repeat ? ' (reminder: not yet acknowledged)' : '';
  const againSw = a.repeat ? ' (ukumbusho: bado haijapokelewa)' : '';
  return {
    en: `Dharura ${a.priority} alert ${ref}: ${label.en}${countyEn}.${againEn} Reply ACK ${a.number} or open the console to acknowledge.`,
    sw: `Tahadhari ya Dharura ${a.priority} ${ref}: ${label.sw}${countySw}.${againSw} Jibu POKEA ${a.number} au fungua dashibodi ili kuthibitisha umeipokea.`,
  };
}

/** Reasons whose alerts join an area group in a surge (DESIGN §2.7), and the group's window. */
export const GROUPED_REASONS: readonly string[] = ['new_urgent_report'];
export const GROUP_WINDOW_MINUTES = 5;

/**
 * What a group alert keeps in `detail` (DESIGN §2.7). Three kinds:
 * - `area` (the default): urgent reports of one place within the window. `ward` is the finest place
 *   known (the ward, else the sub-county).
 * - `event`: the alerts of the cases attached to one event (`eventReference`).
 * - `station`: the arrest clocks of one event's detainees held at one police station (`station`).
 */
export interface AreaGroup {
  county: string;
  ward: string;
  windowMinutes: number;
  kind?: 'area' | 'event' | 'station';
  eventId?: string;
  eventReference?: string;
  station?: string;
}

/** The key of an area group: one paging group per reason, county and place at a time. */
export const areaKeyOf = (reason: string, county: string, ward: string) =>
  `area:${reason}:${county.trim().toLowerCase()}:${ward.trim().toLowerCase()}`;
/** The key of an event's group: one paging group per event at a time. */
export const eventKeyOf = (eventId: string) => `event:${eventId}`;
/** The key of a station's arrest-clock group within an event. */
export const stationKeyOf = (eventId: string, station: string) =>
  `station:${eventId}:${station.trim().toLowerCase().replace(/\s+/g, ' ')}`;

const again = (repeat: boolean) => ({
  en: repeat ? ' (reminder: not yet acknowledged)' : '',
  sw: repeat ? ' (ukumbusho: bado haijapokelewa)' : '',
});

/**
 * The page of a group (DESIGN §2.7): "12 new urgent reports in Kayole Central in 5 min", "5 detainees at
 * Kayole Police Station: 24-hour clocks (EV-2026-…)", "40 alerts joined event EV-2026-…". The place, the
 * station or the event reference only; no case reference, no name, nothing from a narrative. Re-pages
 * carry the count at that moment.
 */
export function groupAlertText(g: {
  count: number;
  reason: string;
  priority: string;
  area: AreaGroup;
  repeat: boolean;
}): LocalisedText {
  const { count, area } = g;
  const r = again(g.repeat);
  const tail = {
    en: `${r.en} Open the console to acknowledge the group.`,
    sw: `${r.sw} Fungua dashibodi ili kuthibitisha kundi.`,
  };
  if (area.kind === 'station') {
    const ref = area.eventReference ? ` (${area.eventReference})` : '';
    return {
      en: `Dharura ${g.priority}: ${count === 1 ? '1 detainee' : `${count} detainees`} at ${area.station}: 24-hour clocks${ref}.${tail.en}`,
      sw: `Dharura ${g.priority}: ${count === 1 ? 'Mzuiliwa 1' : `Wazuiliwa ${count}`} ${area.station}: muda wa saa 24${ref}.${tail.sw}`,
    };
  }
  if (area.kind === 'event') {
    return {
      en: `Dharura ${g.priority}: ${count === 1 ? '1 alert' : `${count} alerts`} on event ${area.eventReference}.${tail.en}`,
      sw: `Dharura ${g.priority}: ${count === 1 ? 'Tahadhari 1' : `Tahadhari ${count}`} za tukio ${area.eventReference}.${tail.sw}`,
    };
  }
  const urgent = g.reason === 'new_urgent_report';
  const label = reasonLabel(g.reason);
  const what = urgent
    ? {
        en: count === 1 ? '1 new urgent report' : `${count} new urgent reports`,
        sw: count === 1 ? 'Ripoti 1 mpya ya dharura' : `Ripoti ${count} mpya za dharura`,
      }
    : { en: `${count} × ${label.en}`, sw: `${count} × ${label.sw}` };
  return {
    en: `Dharura ${g.priority}: ${what.en} in ${area.ward} in ${area.windowMinutes} min.${tail.en}`,
    sw: `Dharura ${g.priority}: ${what.sw} ${area.ward} ndani ya dakika ${area.windowMinutes}.${tail.sw}`,
  };
}
/** Replies to `ACK <n>` / `POKEA <n>` by SMS, in the staff member's language. */
export const ackReplies = {
  acknowledged: {
    en: 'Dharura: alert {n} acknowledged. Thank you, you are on it.',
    sw: 'Dharura: tahadhari {n} imepokelewa. Asante, unaishughulikia.',
  },
  closed: {
    en: 'Dharura: alert {n} is already resolved; nothing to acknowledge.',
    sw: 'Dharura: tahadhari {n} imeshatatuliwa; hakuna cha kuthibitisha.',
  },
} as const satisfies Record<string, LocalisedText>;
