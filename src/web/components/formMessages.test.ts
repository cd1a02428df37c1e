import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { en } from '../i18n/en.js';
import { sw } from '../i18n/sw.js';
import { flattenErrors, translateErrors, translateKey, zodErrorMap } from './formMessages.js';

/** A tiny i18next stand-in over the console's own strings. */
function translator(messages: Record<string, unknown>) {
  const lookup = (key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  const t = (key: string, options: Record<string, unknown> = {}) =>
    String(lookup(key) ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  return { t, exists: (key: string) => typeof lookup(key) === 'string' };
}

const schema = z.object({
  narrative: z.string().trim().min(3),
  name: z.string().trim().min(1),
  email: z.email(),
  score: z.number().int().min(0).max(3),
  kind: z.enum(['a', 'b']),
  why: z.string().min(1, 'form.justify'),
});

describe('the form layer’s messages', () => {
  it('says what is wrong in English and Kiswahili, and translates a schema’s own i18n key', () => {
    for (const [messages, lang] of [
      [en, 'en'],
      [sw, 'sw'],
    ] as const) {
      const { t, exists } = translator(messages);
      const result = schema.safeParse(
        { narrative: 'ab', name: '', email: 'nope', score: 7, kind: '', why: '' },
        { error: zodErrorMap(t) },
      );
      expect(result.success).toBe(false);
      const byPath = Object.fromEntries(
        result.error!.issues.map((i) => [i.path.join('.'), translateKey(t, exists, i.message)]),
      );
      expect(byPath).toEqual({
        narrative: t('form.tooShort', { min: 3 }),
        name: t('form.required'),
        email: t('form.email'),
        score: t('form.tooBig', { max: 3 }),
        kind: t('form.chooseOne'),
        why: t('form.justify'),
      });
      if (lang === 'en') expect(byPath.narrative).toBe('Write at least 3 characters.');
      else expect(byPath.name).toBe('Hili ni lazima.');
    }
  });

  it('leaves a sentence alone and lists nested errors in order', () => {
    const { t, exists } = translator(en);
    expect(translateKey(t, exists, 'Already a sentence.')).toBe('Already a sentence.');
    const errors = translateErrors(
      {
        narrative: { type: 'too_small', message: 'form.required' },
        justifications: { severity: { type: 'custom', message: 'form.justify' } },
        root: { server: { type: 'server', message: 'Refused.' } },
      },
      t,
      exists,
    );
    expect(flattenErrors(errors)).toEqual([
      { path: 'narrative', message: 'This is required.' },
      { path: 'justifications.severity', message: 'Say why you chose this score.' },
    ]);
  });
});
