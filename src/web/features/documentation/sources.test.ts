import { describe, expect, it } from 'vitest';
import { informationInput, interventionInput } from '../../../shared/contracts/documentation.js';
import {
  informationForm,
  interventionForm,
  toInformationBody,
  toInterventionBody,
} from './SourcesInterventions.js';

const E = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const S = '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('the sources and interventions forms', () => {
  it('asks for reliability and material type, and sends a body the API accepts', () => {
    const blank = {
      eventId: E,
      sourcePersonId: S,
      reliability: '',
      materialType: '',
      confidentiality: 'internal',
      remarks: '',
    };
    const bad = informationForm.safeParse(blank);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['materialType', 'reliability']);
    const ok = informationForm.parse({ ...blank, reliability: 'reliable', materialType: 'testimony' });
    const body = toInformationBody(ok);
    expect(body).not.toHaveProperty('remarks');
    expect(informationInput.safeParse(body).success).toBe(true);
  });

  it('records a manual intervention with the response vocabulary and impact, in East Africa Time', () => {
    const v = interventionForm.parse({
      interventionType: 'appeal_to_authorities',
      byParty: 'KHRC legal team',
      toParty: 'IPOA',
      at: '2026-03-02T10:30',
      response: 'pledged_commitment',
      impact: 'IPOA opened an inquiry.',
    });
    const body = toInterventionBody(v);
    expect(body.at).toBe('2026-03-02T07:30:00.000Z');
    expect(body).toMatchObject({ response: 'pledged_commitment', impact: 'IPOA opened an inquiry.' });
    expect(interventionInput.safeParse(body).success).toBe(true);
    // No party, no date: refused before anything is sent.
    const bad = interventionForm.safeParse({ ...v, byParty: '', at: '' });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['at', 'byParty']);
  });
});
