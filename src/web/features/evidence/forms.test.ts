import { describe, expect, it } from 'vitest';
import { testimonyInput } from '../../../shared/contracts/evidence.js';
import { formatBytes } from './EvidenceSection.js';
import { testimonyForm, toTestimonyBody } from './TestimoniesSection.js';

const problems = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('the evidence forms', () => {
  it('asks for the statement of a written testimony, and sends what the contract accepts', () => {
    const empty = testimonyForm.safeParse({
      medium: 'text',
      text: '',
      evidenceId: '',
      language: 'sw',
      consent: 'court',
    });
    expect(problems(empty)).toEqual([['text', 'form.required']]);
    const ok = testimonyForm.parse({
      medium: 'text',
      text: 'I saw it.',
      evidenceId: 'x',
      language: 'sw',
      consent: 'court',
    });
    const body = toTestimonyBody(ok);
    expect(body).toEqual({ medium: 'text', text: 'I saw it.', language: 'sw', consent: 'court' });
    expect(testimonyInput.safeParse(body).success).toBe(true);
  });

  it('asks for the recording of an audio testimony; the summary is optional', () => {
    const none = testimonyForm.safeParse({
      medium: 'audio',
      text: '',
      evidenceId: '',
      language: 'luo',
      consent: 'internal',
    });
    expect(problems(none)).toEqual([['evidenceId', 'form.required']]);
    const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const body = toTestimonyBody(
      testimonyForm.parse({
        medium: 'audio',
        text: '',
        evidenceId: id,
        language: 'luo',
        consent: 'public_redacted',
      }),
    );
    expect(body).toEqual({ medium: 'audio', evidenceId: id, language: 'luo', consent: 'public_redacted' });
    expect(testimonyInput.safeParse(body).success).toBe(true);
  });

  it('shows sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
  });
});
