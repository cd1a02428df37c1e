import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { Form } from '../../components/Form.js';

/**
 * A form that opens inside a panel (a responder, a dispatch): a heading, a help line, the form layer's
 * error summary, the fields, then save and cancel. The first control takes focus when it opens;
 * nothing typed is cleared when the server refuses.
 */
export function PanelForm<TIn extends FieldValues, TOut>({
  id,
  form,
  onSubmit,
  title,
  help,
  summaryTestId,
  labels,
  submitLabel,
  onCancel,
  className,
  children,
}: {
  /** The form's id and data-testid; the submit button is `<id>-submit`. */
  id: string;
  form: UseFormReturn<TIn, unknown, TOut>;
  onSubmit: (values: TOut) => unknown;
  title: string;
  help?: string;
  summaryTestId: string;
  labels?: Record<string, string>;
  submitLabel: string;
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current
      ?.closest('form')
      ?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')
      ?.focus();
  }, []);
  const pending = form.formState.isSubmitting;
  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      summaryTestId={summaryTestId}
      labels={labels}
      id={id}
      className={className ? `form response-form ${className}` : 'form response-form'}
      aria-labelledby={`${id}-title`}
      data-testid={id}
      before={
        <div ref={ref}>
          <h3 id={`${id}-title`}>{title}</h3>
          {help ? <p className="muted small">{help}</p> : null}
        </div>
      }
    >
      {children}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={pending}
          data-testid={`${id}-submit`}
        >
          {pending ? t('network.form.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('network.form.cancel')}
        </button>
      </div>
    </Form>
  );
}
