import type { ReactNode } from 'react';
import {
  get,
  useFormContext,
  useFormState,
  type RegisterOptions,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from 'react-hook-form';
import { useRegisterField } from './Form.js';

/** What a control needs to be tied to its label, hint and error (and, in a <Form>, to its field). */
export interface ControlProps extends Partial<UseFormRegisterReturn> {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** An error from outside a <Form>; inside one, the field's own error is shown. */
  error?: string | undefined;
  /** Shown after the label, e.g. "(optional)". */
  optional?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** The error message of a path in the surrounding <Form>. */
function useFieldError(form: UseFormReturn, name: string): string | undefined {
  const state = useFormState({ control: form.control, name });
  const found = get(state.errors, name) as { message?: unknown } | undefined;
  return typeof found?.message === 'string' ? found.message : undefined;
}

/**
 * One labelled form control with an optional hint and error message, wired up for screen readers:
 * the hint and the error are the control's description, and an error marks it invalid. Given a
 * `name` inside a <Form>, the control is registered with the form (`registerOptions` apply), shows the
 * field's error, and the error summary links to it.
 */
export function Field({
  name,
  registerOptions,
  ...props
}: FieldProps & { name?: string; registerOptions?: RegisterOptions }) {
  const form = useFormContext() as UseFormReturn | null;
  if (!name || !form) return <FieldLayout {...props} registered={{}} />;
  return <BoundField {...props} form={form} name={name} registerOptions={registerOptions} />;
}

function BoundField({
  form,
  name,
  registerOptions,
  ...props
}: FieldProps & { form: UseFormReturn; name: string; registerOptions: RegisterOptions | undefined }) {
  const formError = useFieldError(form, name);
  useRegisterField(name, props.id);
  return (
    <FieldLayout
      {...props}
      error={props.error ?? formError}
      registered={form.register(name, registerOptions)}
    />
  );
}

function FieldLayout({
  id,
  label,
  hint,
  error,
  optional,
  className,
  children,
  registered,
}: FieldProps & { registered: Partial<UseFormRegisterReturn> }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> {optional}</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        ...registered,
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A group of checkboxes or radios with a legend, hint and error. Given a `name` inside a <Form>, it
 * shows that field's error and the error summary links to the group (its inputs register themselves).
 */
export function FieldSet(props: FieldSetProps) {
  const form = useFormContext() as UseFormReturn | null;
  if (!props.name || !form) return <FieldSetLayout {...props} />;
  return <BoundFieldSet {...props} form={form} name={props.name} />;
}

function BoundFieldSet({ form, ...props }: FieldSetProps & { form: UseFormReturn; name: string }) {
  const formError = useFieldError(form, props.name);
  useRegisterField(props.name, props.id);
  return <FieldSetLayout {...props} error={props.error ?? formError} />;
}

interface FieldSetProps {
  id: string;
  name?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}

function FieldSetLayout({ id, legend, hint, error, className, children }: FieldSetProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      id={id}
      className={className ? `fieldset ${className}` : 'fieldset'}
      aria-describedby={describedBy || undefined}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
