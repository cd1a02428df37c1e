import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormHTMLAttributes,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  FormProvider,
  useForm,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { errorText, isApiError } from '../api/client.js';
import { i18n } from '../i18n/index.js';
import { ErrorSummary } from './ErrorSummary.js';
import { fieldMessage, flattenErrors } from './formMessages.js';
import { flattenTyped, recheck, sameProblems } from './formRecheck.js';
import { zodCheck } from './zodCheck.js';

/** Each form's resolver, by its (stable) control: the form re-checks with it after a failed submit. */
const resolvers = new WeakMap<object, Resolver<FieldValues, unknown, unknown>>();

/**
 * react-hook-form with a Zod schema (usually one of src/shared/contracts or built from one): every
 * message in the user's language, checked on submit (and again on the next submit), and focus left to
 * the error summary rather than the first field.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  // The latest schema is used at each check (a schema may depend on props, e.g. the case's current level).
  const schemaRef = useRef(schema);
  schemaRef.current = schema;
  const resolver = useRef(((values, context, opts) =>
    zodCheck(schemaRef.current, values, context, opts)) as Resolver<FieldValues, unknown, FieldValues>)
    .current as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
    ...options,
    resolver,
  });
  resolvers.set(form.control, resolver as unknown as Resolver<FieldValues, unknown, unknown>);
  return form;
}

/** Which control (element id) each field path has, so the summary's links reach it. */
interface FieldRegistry {
  register: (path: string, id: string) => void;
}
const FieldRegistryContext = createContext<FieldRegistry | null>(null);

/** Called by <Field name> / <FieldSet name>: the summary links this path to this id. */
export function useRegisterField(path: string | undefined, id: string): void {
  const registry = useContext(FieldRegistryContext);
  if (path && registry) registry.register(path, id);
}

/**
 * A failed call's problems on the form: each field the server named (mapped to the form's own path
 * when they differ) and the server's message as the summary's title.
 */
export function showServerError<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  error: unknown,
  pathOf: Record<string, string> = {},
  labels: Record<string, string> = {},
): void {
  const fields = isApiError(error) ? error.fields : [];
  for (const f of fields) {
    const path = pathOf[f.path] ?? f.path;
    const label = labels[path] ?? labels[path.split('.')[0]!];
    const message = fieldMessage(i18n.t, i18n.language, f);
    form.setError(path as Path<T>, { type: 'server', message: label ? `${label}: ${message}` : message });
  }
  form.setError('root.server', { type: 'server', message: errorText(error) });
}

/**
 * A form of the console: react-hook-form's provider, the one error summary above the fields, and
 * submit handling. A failed check or a refused call puts focus on the summary (once React rendered it);
 * nothing typed is cleared. `onSubmit` may throw (or reject): the failure is shown in the summary.
 */
export function Form<TIn extends FieldValues, TOut>({
  form,
  onSubmit,
  summaryTestId,
  labels = {},
  serverLabels = labels,
  serverPaths = {},
  summaryTitle,
  before,
  children,
  ...rest
}: {
  form: UseFormReturn<TIn, unknown, TOut>;
  onSubmit: (values: TOut) => unknown;
  /** The summary's data-testid (also the prefix of its title's id). */
  summaryTestId: string;
  /** Short field names by path: a summary of several "Choose one." says which field each is. */
  labels?: Record<string, string>;
  /** Field names for the server's field errors only (default `labels`). */
  serverLabels?: Record<string, string>;
  /** The form's path for a path the server reports differently ('reporter.name' → 'reporterName'). */
  serverPaths?: Record<string, string>;
  /** The summary's title when the form's own check failed (default "Please check the form."). */
  summaryTitle?: string;
  /** Rendered above the summary (a heading, a help line). */
  before?: ReactNode;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'>) {
  const { t } = useTranslation();
  const controls = useRef<Record<string, string>>({});
  const registry = useRef<FieldRegistry>({
    register: (path, id) => {
      controls.current[path] = id;
    },
  });
  const summaryRef = useRef<HTMLDivElement>(null);
  const [failures, setFailures] = useState(0);
  /** A failed submit owes the summary the focus, paid once the summary shows its problems. */
  const focusOwed = useRef(false);

  const { errors, isSubmitting } = form.formState;
  const serverMessage = errors.root?.server?.message;
  const problems = flattenErrors(errors).map((p) => {
    const label = labels[p.path] ?? labels[p.path.split('.')[0]!];
    return label && !p.message.startsWith(`${label}: `) ? { ...p, message: `${label}: ${p.message}` } : p;
  });
  const show = problems.length > 0 || Boolean(serverMessage);
  // The failure count and the errors may reach the screen in different renders, and a hidden summary
  // cannot take focus: focus it in the frame after it is shown (never while someone types).
  useEffect(() => {
    if (failures > 0) focusOwed.current = true;
  }, [failures]);
  useEffect(() => {
    if (!show || !focusOwed.current) return;
    const frame = requestAnimationFrame(() => {
      focusOwed.current = false;
      summaryRef.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [failures, show]);

  // Once a submit failed, every edit re-checks the form: a fixed field's message goes, a server's goes
  // when its field is edited, and nothing new appears while someone types (formRecheck.ts).
  useEffect(() => {
    const resolver = resolvers.get(form.control);
    if (failures === 0 || !resolver) return;
    let run = 0;
    const sub = form.watch((_values, { name }) => {
      const mine = ++run;
      void (async () => {
        const errors = form.formState.errors;
        const shown = flattenTyped(errors);
        const title = errors.root?.server?.message;
        if (shown.length === 0 && !title) return;
        const fresh = await resolver(form.getValues(), undefined, {
          fields: {},
          shouldUseNativeValidation: false,
        });
        if (mine !== run) return;
        const next = recheck(shown, flattenErrors(fresh.errors), name, Boolean(title));
        if (sameProblems(shown, next.problems) && (next.keepServerTitle || !title)) return;
        form.clearErrors();
        for (const p of next.problems)
          form.setError(p.path as Path<TIn>, { type: p.type, message: p.message });
        if (next.keepServerTitle && title) form.setError('root.server', { type: 'server', message: title });
      })();
    });
    return () => sub.unsubscribe();
  }, [failures, form]);

  const submit = form.handleSubmit(
    async (values) => {
      try {
        await onSubmit(values);
      } catch (e) {
        showServerError(form as UseFormReturn<TIn, unknown, unknown>, e, serverPaths, serverLabels);
        setFailures((n) => n + 1);
      }
    },
    () => setFailures((n) => n + 1),
  );

  return (
    <FormProvider {...form}>
      <FieldRegistryContext.Provider value={registry.current}>
        <form
          noValidate
          {...rest}
          onSubmit={(event) => {
            event.preventDefault();
            if (!isSubmitting) void submit(event);
          }}
        >
          {before}
          <ErrorSummary
            ref={summaryRef}
            title={serverMessage ?? summaryTitle ?? t('form.checkTitle')}
            problems={problems}
            controlOf={controls.current}
            show={show}
            testId={summaryTestId}
          />
          {children}
        </form>
      </FieldRegistryContext.Provider>
    </FormProvider>
  );
}
