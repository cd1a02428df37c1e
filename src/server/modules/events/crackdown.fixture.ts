/**
 * The crackdown the acceptance test replays (crackdown.test.ts): what 40 phones text in one night, in
 * Kiswahili, English and Sheng, about arrests at Kayole, plus web reports. Deterministic: no randomness.
 */
export const PHONES = 40;
/** The last phones name no place in their first report (their alerts page alone until grouped by event). */
export const UNPLACED_PHONES = 4;
/** Phones whose relative also filled in the web form (a duplicate of her SMS report). */
export const WEB_DUPLICATE_PHONES = [20, 21, 22, 23, 24, 25, 26, 27];

export const phoneOf = (i: number) => `+2547${String(21_000_000 + i).padStart(8, '0')}`;

export interface ScriptStep {
  kind: 'first' | 'new_report' | 'follow_up' | 'retry' | 'web';
  phone: string | null;
  text: string;
  /** The gateway's message id (a retry repeats an earlier one). */
  id: string;
}

const PLACES = ['Kayole', 'Komarock', 'Matopeni', 'Kayole'];

const firsts = [
  (p: string) => `Polisi wanapiga watu sasa hivi ${p}, wamekamata vijana wengi kwenye maandamano`,
  (p: string) => `Police are beating protesters right now in ${p}, my son has been arrested`,
  (p: string) => `Sai karao wanashika maboi wote ${p}, wamebeba bro yangu kwa landrover`,
  (p: string) => `Askari wamemkamata mume wangu ${p} usiku huu, wanampeleka kituoni, msaada`,
];
const unplaced = [
  'Wamekamata kaka yangu kwenye maandamano, hatujui wamempeleka wapi',
  'They took my daughter from the protest, please help',
];
const newReports = [
  'MPYA Wamemkamata pia binamu yangu, yuko kituo cha polisi Kayole',
  'NEW They also arrested my neighbour, he is at Kayole police station',
];
const followUps = [
  'Bado yuko ndani kituoni, hawajampa chakula wala maji',
  'Still in the cells, they refuse to let us see him',
  'Wameandika OB lakini hawasemi atapelekwa mahakamani lini',
  'Ako na jeraha kichwani, hajapata daktari',
  'They are moving some to Central police station now',
  'Tumefika kituoni na familia zingine, tunangoja nje',
];

/** 300 SMS callbacks (40 first reports, 20 new reports, 210 follow-ups, 30 retries) and 20 web reports. */
export function crackdownScript(): ScriptStep[] {
  const out: ScriptStep[] = [];
  let seq = 0;
  const sent: ScriptStep[] = [];
  const sms = (kind: ScriptStep['kind'], i: number, text: string) => {
    const s: ScriptStep = { kind, phone: phoneOf(i), text, id: `ATXid_crack_${++seq}` };
    out.push(s);
    sent.push(s);
  };
  // A retry repeats the callback of a message sent a few steps before, same id and text.
  const retry = () => {
    const earlier = sent[Math.max(0, sent.length - 3)]!;
    out.push({ ...earlier, kind: 'retry' });
  };
  let web = 0;
  const webReport = () => {
    const i = web++;
    const dup = i < WEB_DUPLICATE_PHONES.length ? phoneOf(WEB_DUPLICATE_PHONES[i]!) : null;
    out.push({
      kind: 'web',
      phone: dup,
      text: dup
        ? `Mwanangu amekamatwa na polisi kwenye maandamano Kayole na yuko kituo cha polisi Kayole (${i})`
        : `Niliona polisi wakiwakamata waandamanaji wengi Kayole usiku huu na kuwapiga (${i})`,
      id: `web-${i}`,
    });
  };

  // A: every phone's first report within minutes, a retry every fourth.
  for (let i = 0; i < PHONES; i++) {
    const text =
      i >= PHONES - UNPLACED_PHONES
        ? unplaced[i % unplaced.length]!
        : firsts[i % firsts.length]!(PLACES[i % 4]!);
    sms('first', i, text);
    if (i % 4 === 3) retry();
  }
  // B: twenty phones report someone else (MPYA/NEW), follow-ups pour in, web reports start.
  let f = 0;
  for (let k = 0; k < 20; k++) {
    sms('new_report', k, newReports[k % newReports.length]!);
    for (let j = 0; j < 5; j++) sms('follow_up', (k * 5 + j) % PHONES, followUps[f++ % followUps.length]!);
    if (k % 2 === 1) retry();
    if (k % 2 === 0) webReport();
  }
  // C: more follow-ups, the rest of the web reports and retries.
  for (let k = 0; k < 110; k++) {
    sms('follow_up', (k * 7) % PHONES, followUps[f++ % followUps.length]!);
    if (k % 11 === 10) retry();
    if (k % 11 === 5) webReport();
  }
  return out;
}
