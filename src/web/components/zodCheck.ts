import type { FieldValues, Resolver, ResolverResult } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { i18n } from '../i18n/index.js';
import { translateErrors, zodErrorMap } from './formMessages.js';

const translate = (key: string, options: Record<string, unknown> = {}) =>
  String((i18n.t as (k: string, o: Record<string, unknown>) => string)(key, options));
const exists = (key: string) => i18n.exists(key);

/**
 * A form's check against a Zod schema: every message in the user's language. The one place the
 * console's forms meet Zod at run time (useZodForm, and the sign-in page, which loads it lazily).
 */
export async function zodCheck(
  schema: z.ZodType<FieldValues, FieldValues>,
  ...args: Parameters<Resolver<FieldValues, unknown, FieldValues>>
): Promise<ResolverResult<FieldValues, FieldValues>> {
  const base = zodResolver(schema as never, {
    error: zodErrorMap(translate),
  }) as unknown as Resolver<FieldValues, unknown, FieldValues>;
  const result = await base(...args);
  translateErrors(result.errors, translate, exists);
  return result;
}

/** The same check for plain values, outside react-hook-form (a form of plain inputs read on submit). */
export function checkValues(
  schema: z.ZodType<FieldValues, FieldValues>,
  values: FieldValues,
): Promise<ResolverResult<FieldValues, FieldValues>> {
  return zodCheck(schema, values, undefined, { fields: {}, shouldUseNativeValidation: false });
}
