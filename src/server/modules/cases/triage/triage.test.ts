import { describe, expect, it } from 'vitest';
import { findMatches, normaliseText, triage } from './triage.js';
import { heldOutFresh, heldOutMessages, labelledMessages, type LabelledMessage } from './triage.fixture.js';
import { recognisePlace } from './place.js';

/** Precision and recall of "in danger now" over labelled messages, per language, printed with every mistake. */
function score(name: string, messages: readonly LabelledMessage[]) {
  const out: Record<string, { n: number; precision: number; recall: number }> = {};
  const wrong: string[] = [];
  for (const lang of ['en', 'sw', 'sheng', 'all'] as const) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const sub = messages.filter((m) => lang === 'all' || m.lang === lang);
    for (const m of sub) {
      const got = triage(m.text).inDangerNow;
      if (got && m.danger) tp++;
      else if (got && !m.danger) fp++;
      else if (!got && m.danger) fn++;
      if (lang === 'all' && got !== m.danger)
        wrong.push(`${m.danger ? 'missed' : 'false alarm'} (${m.lang}): ${m.text}`);
    }
    out[lang] = { n: sub.length, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp / (tp + fn) };
  }
  process.stdout.write(
    `triage ${name}: ` +
      Object.entries(out)
        .map(([l, r]) => `${l} (${r.n}) precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)}`)
        .join('; ') +
      (wrong.length ? `\n  ${wrong.join('\n  ')}` : '') +
      '\n',
  );
  return out;
}

/** The tuning set: the first labelled set and the first held-out set (read while tuning verb forms). */
const tuning = [...labelledMessages, ...heldOutMessages];

describe('triage that reads the message', () => {
  it('finds "in danger now" in the tuning set (49 messages) with precision ≥ 0.9 and recall ≥ 0.9 in each language', () => {
    const r = score('tuning', tuning);
    expect(tuning.length + heldOutFresh.length).toBeGreaterThanOrEqual(45);
    for (const lang of ['en', 'sw', 'sheng'] as const) {
      expect(tuning.filter((m) => m.lang === lang && m.danger).length).toBeGreaterThanOrEqual(4);
      expect(tuning.filter((m) => m.lang === lang && !m.danger).length).toBeGreaterThanOrEqual(4);
      expect(r[lang]!.precision).toBeGreaterThanOrEqual(0.9);
      expect(r[lang]!.recall).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('keeps its precision on 18 messages written before this tuning and never used for it (held out)', () => {
    const r = score('held-out', heldOutFresh);
    expect(heldOutFresh.length).toBeGreaterThanOrEqual(18);
    // Measured: before the verb forms precision 1.0, recall 0.333 (en 0.333, sw 0.0, Sheng 0.667); after,
    // precision 1.0, recall 0.556 (en 0.333, sw 0.333, Sheng 1.0). Floors catch a regression only.
    expect(r.all!.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.all!.recall).toBeGreaterThanOrEqual(0.5);
  });

  it('reads Kiswahili verb forms: tense decides urgency, idioms and taking a child along do not', () => {
    const on = (t: string) => triage(t).inDangerNow;
    // Present progressive with an object: happening now, whatever the stem's inflection.
    expect(triage('Jirani yangu mume wake anamchoma kwa kisu').matches).toContainEqual({
      code: 'happening_now',
      kind: 'urgent',
      words: ['anamchoma'],
    });
    expect(on('Wanawachapa vijana hapa stage')).toBe(true);
    expect(on('Tunapigwa na askari')).toBe(true);
    // Perfect and past are threats that need an immediacy word, and the past cancels it.
    expect(on('Wamebebwa na gari ya polisi')).toBe(false);
    expect(on('Wamebebwa na gari ya polisi, saidieni')).toBe(true);
    expect(on('Walimpiga mwezi uliopita, sasa amepona')).toBe(false);
    // Idioms of piga, and picking a child up, are not violence.
    expect(on('Wanapiga kura leo')).toBe(false);
    expect(on('Nilimpigia simu sasa hivi')).toBe(false);
    expect(on('Anamchukua mtoto shuleni sasa')).toBe(false);
    // English plurals of a listed word.
    expect(findMatches('men with rungus').map((m) => m.code)).toEqual(['weapon']);
  });

  it('reads a danger word anywhere, not only the first: the issue #15 message', () => {
    const t = triage('Habari yenu. Jirani yangu yuko hatarini, mume wake anampiga sasa hivi Kayole.');
    expect(t.inDangerNow).toBe(true);
    expect(t.matches.find((m) => m.code === 'happening_now')?.words).toEqual(['anampiga']);
    expect(t.reason).toBe('happening_now');
  });

  it('normalises case, punctuation, repeated letters and Sheng spellings, on word boundaries', () => {
    expect(normaliseText('SAIDIA!!! Saii, plz...')).toEqual(['saidia', 'sai', 'please']);
    expect(normaliseText('Helppp')).toEqual(['help']);
    // "skill" does not contain the word "kill"; "nobody" does not contain "body".
    expect(findMatches('Skills training for nobody')).toEqual([
      { code: 'nobody_in_danger', kind: 'safe', words: ['training'] },
    ]);
    expect(findMatches('They ARRESTED him').map((m) => m.words)).toEqual([['arrested']]);
  });

  it('reads a word that names an object property as a word (the fuzzer sent "constructor")', () => {
    expect(normaliseText('constructor toString valueOf hasOwnProperty')).toEqual([
      'constructor',
      'tostring',
      'valueof',
      'hasownproperty',
    ]);
    expect(triage('constructor').inDangerNow).toBe(false);
    expect(triage('toString kibera constructor').suggestedViolationTypes).toEqual([]);
  });

  it('suggests violation types and sensitivity', () => {
    const rape = triage('Msichana mdogo amebakwa jana');
    expect(rape.suggestedViolationTypes).toEqual(['rape']);
    expect(rape.sensitivity).toBe('sensitive');
    expect(rape.inDangerNow).toBe(false);
    expect(triage('Police killed a man in Mathare').suggestedViolationTypes).toEqual([
      'extrajudicial_killing',
    ]);
    expect(triage('A man was killed in a road accident').suggestedViolationTypes).toEqual([]);
    expect(triage('Wamemkamata mwanaharakati Nakuru').suggestedViolationTypes).toEqual([
      'arbitrary_detention',
    ]);
    expect(triage('Wamemkamata mwanaharakati Nakuru').sensitivity).toBe('normal');
  });

  it('lets "nobody is in danger" and the past cancel a threat, but not something happening now', () => {
    expect(triage('He was arrested now he is safe now').inDangerNow).toBe(false);
    expect(triage('Arrested last year, now they are at my door again').inDangerNow).toBe(true);
  });
});

describe('places recognised from the text (kenya-locations)', () => {
  it('finds a ward, an estate shared by several wards, a sub-county or a county', () => {
    expect(recognisePlace('Police are beating people in Kware right now')).toEqual({
      county: 'Nairobi',
      subCounty: 'Embakasi South',
      ward: 'Kware',
      words: 'kware',
    });
    // Kayole Central/North/South all lie in Embakasi Central.
    expect(recognisePlace('Wamemkamata kijana Kayole')).toEqual({
      county: 'Nairobi',
      subCounty: 'Embakasi Central',
      words: 'kayole',
    });
    expect(recognisePlace('Eastleigh North, they took him')).toMatchObject({ ward: 'Eastleigh North' });
    expect(recognisePlace('maandamano Kibera leo')).toMatchObject({ county: 'Nairobi', subCounty: 'Kibra' });
    expect(recognisePlace('Two activists arrested in Nakuru county')).toMatchObject({ county: 'Nakuru' });
    expect(recognisePlace('Nothing about a place here, central to nothing')).toBeNull();
  });
  it('lets a named county settle a name found in several counties', () => {
    // Kapsaos is a ward in Kericho and in Uasin Gishu.
    expect(recognisePlace('Watu wamekamatwa Kapsaos')).toBeNull();
    expect(recognisePlace('Watu wamekamatwa Kapsaos, Kericho')).toMatchObject({
      county: 'Kericho',
      subCounty: 'Ainamoi',
      ward: 'Kapsaos',
    });
    // "Township" alone is an ordinary word, never a ward.
    expect(recognisePlace('Township, Kiambu county')).toEqual({ county: 'Kiambu', words: 'kiambu' });
  });
});
