import type { Locale } from '../../../shared/locale.js';

/** Every word of the period report, in English and Kiswahili. */
export const reportCopy = {
  title: { en: 'Dharura period report', sw: 'Ripoti ya kipindi ya Dharura' },
  internal: {
    en: 'Internal: staff figures, not for publication. No person is named; case summaries give a month, a county and codes only.',
    sw: 'Ya ndani: takwimu za wafanyakazi, si za kuchapishwa. Hakuna mtu anayetajwa; muhtasari wa kesi unatoa mwezi, kaunti na misimbo tu.',
  },
  period: { en: 'Period', sw: 'Kipindi' },
  filters: { en: 'Filters', sw: 'Vichujio' },
  none: { en: 'none', sw: 'hakuna' },
  generated: { en: 'Generated', sw: 'Imetolewa' },
  figures: { en: '1. The dashboards’ figures', sw: '1. Takwimu za dashibodi' },
  totalCases: { en: 'Cases received', sw: 'Kesi zilizopokelewa' },
  openByPriority: { en: 'Open cases by priority', sw: 'Kesi zilizo wazi kwa kipaumbele' },
  timings: {
    en: 'Minutes from receipt (median / 90th percentile)',
    sw: 'Dakika tangu kupokelewa (wastani wa kati / asilimia 90)',
  },
  measure: {
    acknowledge: { en: 'acknowledge', sw: 'kukiri' },
    decide: { en: 'decide', sw: 'kuamua' },
    first_action: { en: 'first action', sw: 'hatua ya kwanza' },
  },
  sla: { en: 'Clocks that ran out (SLA breaches)', sw: 'Saa zilizopitwa (ukiukaji wa SLA)' },
  breachedOf: { en: 'breached of', sw: 'zimepitwa kati ya' },
  openClocks: { en: 'Clocks running on open cases', sw: 'Saa zinazoendelea kwenye kesi zilizo wazi' },
  running: { en: 'running', sw: 'zinaendelea' },
  overdue: { en: 'overdue', sw: 'zimechelewa' },
  impacts: { en: 'Outcomes and impacts', sw: 'Matokeo na athari' },
  referrals: { en: 'Referrals', sw: 'Rufaa' },
  referralLine: {
    en: 'sent {sent}, accepted {accepted} ({inTime} within 24 h), declined {declined}, completed {completed}',
    sw: 'zimetumwa {sent}, zimekubaliwa {accepted} ({inTime} ndani ya saa 24), zimekataliwa {declined}, zimekamilika {completed}',
  },
  funds: { en: 'Emergency funds', sw: 'Fedha za dharura' },
  fundLine: {
    en: 'requested {requested} (KES {requestedKes}), paid {paid} (KES {paidKes}), minutes to pay {median} / {p90}',
    sw: 'maombi {requested} (KES {requestedKes}), yamelipwa {paid} (KES {paidKes}), dakika hadi malipo {median} / {p90}',
  },
  institutional: {
    en: 'Institutional responses by agency and station',
    sw: 'Majibu ya taasisi kwa wakala na kituo',
  },
  institutionalLine: {
    en: '{total} requests: recorded {recorded}, refused {refused}, ignored {ignored}, hostile {hostile}, other {other}; OB numbers {ob}',
    sw: 'maombi {total}: yamerekodiwa {recorded}, yamekataliwa {refused}, yamepuuzwa {ignored}, uhasama {hostile}, mengine {other}; namba za OB {ob}',
  },
  feedback: { en: 'Victim feedback', sw: 'Maoni ya waathiriwa' },
  feedbackLine: {
    en: 'responses {responses}, average satisfaction {average} of 5, satisfied (4–5) {satisfied}',
    sw: 'majibu {responses}, wastani wa kuridhika {average} kati ya 5, wameridhika (4–5) {satisfied}',
  },
  wellbeing: { en: 'Responders (aggregate)', sw: 'Wahudumu (kwa jumla)' },
  wellbeingLine: {
    en: 'wellbeing checks {checks} from {responders} responders, average {average}, low scores {low}; missions {missions}',
    sw: 'ukaguzi wa ustawi {checks} kutoka kwa wahudumu {responders}, wastani {average}, alama za chini {low}; misheni {missions}',
  },
  nothing: { en: 'Nothing in this period.', sw: 'Hakuna katika kipindi hiki.' },
  map: { en: '2. Cases by county', sw: '2. Kesi kwa kaunti' },
  mapLegend: { en: 'Darker: more cases. White: none.', sw: 'Rangi nzito: kesi zaidi. Nyeupe: hakuna.' },
  tracker: { en: '3. The public tracker', sw: '3. Takwimu za umma' },
  trackerIntro: {
    en: 'Verified cases by violation type and month as published: counts of 1 to 4 show as “<5” and some are hidden (“x”).',
    sw: 'Kesi zilizothibitishwa kwa aina ya ukiukaji na mwezi kama zilivyochapishwa: idadi ya 1 hadi 4 ni “<5” na nyingine zimefichwa (“x”).',
  },
  trackerNotYet: {
    en: 'Not published yet: the tracker holds back the current month.',
    sw: 'Bado haijachapishwa: takwimu za umma hazionyeshi mwezi huu.',
  },
  violation: { en: 'Violation', sw: 'Ukiukaji' },
  summaries: { en: '4. Selected cases (anonymised)', sw: '4. Kesi teule (bila utambulisho)' },
  summaryLine: {
    en: '{types} in {county}, received in {month}; priority {priority}, status {status}.',
    sw: '{types} katika {county}, ilipokelewa {month}; kipaumbele {priority}, hali {status}.',
  },
  summaryImpacts: { en: 'Outcomes: {list}.', sw: 'Matokeo: {list}.' },
  summaryResponses: { en: 'Institutions: {list}.', sw: 'Taasisi: {list}.' },
  unknownCounty: { en: 'an unrecorded county', sw: 'kaunti isiyorekodiwa' },
  attribution: {
    en: 'County boundaries © OpenStreetMap contributors (ODbL 1.0)',
    sw: 'Mipaka ya kaunti © wachangiaji wa OpenStreetMap (ODbL 1.0)',
  },
} as const;

const monthNames = {
  en: 'January February March April May June July August September October November December'.split(' '),
  sw: 'Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba'.split(' '),
};

/** `2026-10` → "October 2026" / "Oktoba 2026". */
export function monthName(month: string, locale: Locale): string {
  const [y, m] = month.split('-');
  return `${monthNames[locale][Number(m) - 1] ?? m} ${y}`;
}

/** A copy line with `{name}` placeholders filled. */
export function fill(template: string, values: Record<string, string | number | null>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    return v === null || v === undefined ? '—' : String(v);
  });
}
