import type { z } from 'zod';
import type { Locale } from './locale.js';

/**
 * Field-level validation messages in both languages: the console's `form.*` strings (its i18n files
 * spread these) and the API's VALIDATION_FAILED `fields[].message`, from one Zod error map.
 */
type MessageKey =
  | 'required'
  | 'invalid'
  | 'tooShort'
  | 'tooLong'
  | 'tooSmall'
  | 'tooBig'
  | 'chooseOne'
  | 'chooseAtLeast'
  | 'chooseAtMost'
  | 'email';

export const validationMessages: Record<Locale, Record<MessageKey, string>> = {
  en: {
    required: 'This is required.',
    invalid: 'Check this value.',
    tooShort: 'Write at least {{min}} characters.',
    tooLong: 'Write at most {{max}} characters.',
    tooSmall: 'Enter {{min}} or more.',
    tooBig: 'Enter {{max}} or less.',
    chooseOne: 'Choose one.',
    chooseAtLeast: 'Choose at least {{min}}.',
    chooseAtMost: 'Choose at most {{max}}.',
    email: 'Enter an email address such as name@example.org.',
  },
  sw: {
    required: 'Hili ni lazima.',
    invalid: 'Kagua thamani hii.',
    tooShort: 'Andika herufi {{min}} au zaidi.',
    tooLong: 'Andika herufi zisizozidi {{max}}.',
    tooSmall: 'Weka {{min}} au zaidi.',
    tooBig: 'Weka {{max}} au chini ya hapo.',
    chooseOne: 'Chagua moja.',
    chooseAtLeast: 'Chagua angalau {{min}}.',
    chooseAtMost: 'Chagua zisizozidi {{max}}.',
    email: 'Weka anwani ya barua pepe kama jina@mfano.org.',
  },
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The Zod error map: every issue becomes a sentence in the reader's language (`t` looks up `form.*`
 * keys). A schema's own message is an i18n key in the console and is translated there instead.
 */
export function zodErrorMap(t: Translate): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') return min <= 1 ? t('form.required') : t('form.tooShort', { min });
        if (issue.origin === 'array' || issue.origin === 'set')
          return min <= 1 ? t('form.chooseOne') : t('form.chooseAtLeast', { min });
        return t('form.tooSmall', { min });
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') return t('form.tooLong', { max });
        if (issue.origin === 'array' || issue.origin === 'set') return t('form.chooseAtMost', { max });
        return t('form.tooBig', { max });
      }
      case 'invalid_type':
        return isBlank(issue.input) ? t('form.required') : t('form.invalid');
      case 'invalid_value':
        return isBlank(issue.input) ? t('form.chooseOne') : t('form.invalid');
      case 'invalid_format':
        return issue.format === 'email' ? t('form.email') : t('form.invalid');
      default:
        return t('form.invalid');
    }
  };
}

/** `form.tooShort` with `{ min: 10 }` → the sentence in `locale`. */
export function translateValidation(locale: Locale): Translate {
  return (key, options = {}) => {
    const name = key.replace(/^form\./, '') as MessageKey;
    const template: string = validationMessages[locale][name] ?? validationMessages[locale].invalid;
    return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options[k] ?? ''));
  };
}

/**
 * A finished issue as the API reports it (code, message and the rest; Zod drops the input): its
 * sentence in `locale`. A missing value shows in Zod's own message ("received undefined").
 */
export function issueMessage(
  issue: { code: string; message?: string | undefined } & Record<string, unknown>,
  locale: Locale,
): string {
  const missing = /received (undefined|null)\b/.test(issue.message ?? '');
  const input = 'input' in issue ? issue.input : missing ? undefined : '…';
  const map = zodErrorMap(translateValidation(locale));
  const out = map({ ...issue, input } as unknown as Parameters<typeof map>[0]);
  return typeof out === 'string' ? out : (out?.message ?? validationMessages[locale].invalid);
}
