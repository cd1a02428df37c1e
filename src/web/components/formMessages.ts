import type { TFunction } from 'i18next';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldError as ServerFieldError } from '../api/client.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The console's Zod error map: every issue becomes a sentence in the user's language. A schema's own
 * message is an i18n key ("intake.narrativeRequired") and is translated by `translateKey` instead.
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

/** A message that is an i18n key becomes its text; anything else (already a sentence) stays. */
export function translateKey(t: Translate, exists: (key: string) => boolean, message: string): string {
  return /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(message) && exists(message) ? t(message) : message;
}

/** Every message of react-hook-form's error tree, translated in place. */
export function translateErrors<T extends FieldValues>(
  errors: FieldErrors<T>,
  t: Translate,
  exists: (key: string) => boolean,
): FieldErrors<T> {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    if (typeof rec.message === 'string') rec.message = translateKey(t, exists, rec.message);
    for (const [key, value] of Object.entries(rec)) if (key !== 'ref' && key !== 'message') walk(value);
  };
  walk(errors);
  return errors;
}

/** One problem of a form, by its field path ('narrative', 'reporter.phone', 'root.server' …). */
export interface Problem {
  path: string;
  message: string;
}

/** The field errors of react-hook-form as a flat list, in the order the fields were found. */
export function flattenErrors(errors: FieldErrors, prefix = ''): Problem[] {
  const out: Problem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'root' && !prefix) continue;
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const rec = value as Record<string, unknown>;
    if (typeof rec.message === 'string' && rec.message) out.push({ path, message: rec.message });
    else out.push(...flattenErrors(rec as FieldErrors, path));
  }
  return out;
}

/**
 * A person-readable message for a field the server rejected. The server's codes ("required",
 * "not found") are translated; its validator's own detail is English, so Kiswahili gets a plain
 * "check this" instead.
 */
export function fieldMessage(t: TFunction, lng: string, f: ServerFieldError, label?: string): string {
  const text =
    f.message === 'required'
      ? t('form.required')
      : f.message === 'not found'
        ? t('form.notFound')
        : lng === 'en'
          ? f.message
          : t('form.invalid');
  return label ? `${label}: ${text}` : text;
}
