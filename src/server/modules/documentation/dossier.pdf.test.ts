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
