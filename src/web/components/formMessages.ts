import type { TFunction } from 'i18next';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { FieldError as ServerFieldError } from '../api/client.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The console's Zod error map (shared with the API's field messages). */
export { zodErrorMap } from '../../shared/validation-messages.js';

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
 * "not found") are translated; the API words its validator's messages in the request's language
 * (the console sends Accept-Language), so they are shown as they are.
 */
export function fieldMessage(t: TFunction, _lng: string, f: ServerFieldError, label?: string): string {
  const text =
    f.message === 'required'
      ? t('form.required')
      : f.message === 'not found'
        ? t('form.notFound')
        : f.message;
  return label ? `${label}: ${text}` : text;
}
