import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { DocumentationView } from '../../../shared/contracts/documentation.js';
import { renderDossier, type DossierContent } from './dossier.pdf.js';

const documentation: DocumentationView = {
  events: [],
  people: [
    {
      id: 'p1',
      role: 'victim',
      kind: 'individual',
      pseudonym: 'Victim 1',
      ordinal: 1,
      sex: null,
      ageGroup: null,
    },
  ],
  acts: [],
  information: [],
  interventions: [],
  powerfulPerpetrator: false,
};

const base: DossierContent = {
  reference: 'KE-2026-000777',
  status: 'active',
  generatedAt: new Date('2026-03-01T09:00:00Z'),
  generatedBy: 'user u1',
  identities: null,
  revealReason: null,
  documentation,
  timeline: [{ at: new Date('2026-03-01T08:00:00Z'), type: 'case.received' }],
  custody: [],
  evidence: null,
};

async function text(content: DossierContent): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(await renderDossier(content)) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('the dossier PDF', () => {
  it('says so when no evidence module is wired, and prints pseudonyms only', async () => {
    const out = await text(base);
    expect(out).toContain('KE-2026-000777');
    expect(out).toContain('No evidence recorded.');
    expect(out).toContain('Victim 1');
    expect(out).toContain('No event attached.');
    expect(out).toContain('No arrest recorded.');
  });

  it('lists the evidence with its SHA-256 and custody count, and names people only when given identities', async () => {
    const sha = 'a'.repeat(64);
    const out = await text({
      ...base,
      identities: new Map([['p1', 'Zawadi Akinyi']]),
      revealReason: 'Court filing',
      evidence: [
        {
          id: 'ev1',
          kind: 'p3_form',
          label: 'P3 form',
          sha256: sha,
          recordedAt: new Date(),
          custodyEntries: 3,
        },
      ],
    });
    expect(out).toContain('Zawadi Akinyi (Victim 1)');
    expect(out).toContain('P3 form (p3_form)');
    expect(out.replace(/\s/g, '')).toContain(sha);
    expect(out).toContain('3 custody entries');
  });
});

describe('the dossier PDF in the requester language', () => {
  const full: DossierContent = {
    ...base,
    documentation: {
      ...documentation,
      people: [
        ...documentation.people,
        {
          id: 'p2',
          role: 'perpetrator',
          kind: 'institution',
          pseudonym: 'Perpetrator 1',
          ordinal: 1,
          sex: null,
          ageGroup: null,
        },
        {
          id: 'p3',
          role: 'source',
          kind: 'individual',
          pseudonym: 'Source 1',
          ordinal: 1,
          sex: null,
          ageGroup: null,
        },
      ],
      acts: [
        {
          id: 'a1',
          eventId: 'e1',
          victimPersonId: 'p1',
          victim: 'Victim 1',
          actType: 'torture',
          startedAt: '2026-02-27T10:00:00Z',
          startedPrecision: 'day',
          county: 'Nairobi',
          place: null,
          consequences: null,
          victimStatus: 'injured',
          detail: { examiner: 'Dr. Otieno', consistency: 'highly_consistent' },
          involvements: [
            {
              id: 'i1',
              actId: 'a1',
              perpetratorPersonId: 'p2',
              perpetrator: 'Perpetrator 1',
              degree: 'direct',
              perpetratorType: 'police',
              powerfulPerpetrator: true,
            },
          ],
        },
      ],
      information: [
        {
          id: 'n1',
          eventId: 'e1',
          sourcePersonId: 'p3',
          source: 'Source 1',
          reliability: 'reliable',
          materialType: 'testimony',
          confidentiality: 'internal',
          receivedAt: null,
          remarks: null,
        },
      ],
      interventions: [
        {
          id: 'v1',
          origin: 'manual',
          eventId: null,
          interventionType: 'appeal_to_authorities',
          byParty: 'Dharura',
          toParty: 'IPOA',
          at: '2026-02-28T09:00:00Z',
          response: 'no_response',
          impact: null,
        },
      ],
      powerfulPerpetrator: true,
    },
    evidence: [
      {
        id: 'ev1',
        kind: 'image',
        label: 'ev1abcde',
        sha256: 'b'.repeat(64),
        recordedAt: new Date(),
        custodyEntries: 2,
      },
    ],
  };

  it('prints every label in Kiswahili with ?lang=sw, and in English otherwise', async () => {
    const sw = (await text({ ...full, locale: 'sw' })).replace(/\s+/g, ' ');
    for (const s of [
      'Jalada la kesi — KE-2026-000777',
      'Hali: inaendelea',
      'Majina yamefichwa',
      'Tahadhari: mhusika mwenye mamlaka anahusika.',
      'Vitendo (1)',
      'Mateso', // torture, from the shared vocabulary
      'mwathiriwa: Mwathiriwa 1',
      'Hali ya mwathiriwa mwishoni: Amejeruhiwa',
      'Mchunguzi: Dr. Otieno',
      'Uwiano (Itifaki ya Istanbul): Inaendana sana',
      'Mhusika: Mhusika 1 — Polisi, Mhusika wa moja kwa moja [mhusika mwenye mamlaka]',
      'Vyanzo (1)',
      'Chanzo 1 — Inaaminika; Ushuhuda wa moja kwa moja; Kwa matumizi ya ndani tu',
      'Hatua zilizochukuliwa (1)',
      'Rufaa kwa mamlaka na Dharura kwa IPOA; jibu: Hakuna jibu',
      'Hakuna kukamatwa kulikorekodiwa.',
      'ev1abcde (picha)',
      'maingizo 2 ya mnyororo wa ulinzi',
      'Mfuatano wa matukio',
    ])
      expect(sw).toContain(s);
    for (const s of ['Case dossier', 'Acts (', 'Sources (', 'Custody', 'Perpetrator', 'Victim 1'])
      expect(sw).not.toContain(s);

    const en = (await text(full)).replace(/\s+/g, ' ');
    for (const s of [
      'Case dossier — KE-2026-000777',
      'Status: active',
      'victim: Victim 1',
      'Examiner: Dr. Otieno',
      'Perpetrator: Perpetrator 1 — Police, Direct perpetrator [powerful perpetrator]',
      'Source 1 — Reliable; First-hand testimony; Internal use only',
      'ev1abcde (image)',
    ])
      expect(en).toContain(s);
    expect(en).not.toContain('Jalada');
  });
});
