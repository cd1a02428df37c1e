import { useRef } from 'react';
import {
  useForm,
  type FieldValues,
  type Resolver,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';

/**
 * useZodForm for the sign-in page, whose script must stay small on a 2G line: the same check (the
 * schema, Zod and the message map) is loaded on the first submit, or before it by `preload`, instead of
 * with the page. Fields render and take typing before any of it arrives.
 */
export function useLazyZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  loadSchema: () => Promise<S>,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  const loadRef = useRef(loadSchema);
  loadRef.current = loadSchema;
  const resolver = useRef((async (values, context, opts) => {
    const [{ zodCheck }, schema] = await Promise.all([import('./zodCheck.js'), loadRef.current()]);
    return zodCheck(schema, values, context, opts);
  }) as Resolver<FieldValues, unknown, FieldValues>).current as unknown as Resolver<
    z.input<S>,
    unknown,
    z.output<S>
  >;
  return useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
    ...options,
    resolver,
  });
}

/** Fetch the check's code ahead of the first submit (after the page has rendered). */
export function preloadZodCheck(): Promise<unknown> {
  return import('./zodCheck.js');
}
