import type { Ref } from 'react';
import type { TFunction } from 'i18next';
import type { FieldError } from '../../api/client.js';

/** A problem with one field, by the server's path ('narrative', 'reporter.phone', 'reason', …). */
export interface Problem {
  path: string;
  message: string;
}

/**
 * A person-readable message for a field the server rejected. The server's codes ("required",
 * "not found") are translated; its validator's own detail is English, so Kiswahili gets a plain
 * "check this" instead.
 */
export function fieldMessage(t: TFunction, lng: string, f: FieldError, label?: string): string {
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

/**
 * The problems of a form, above it: takes focus after a failed submit, and links each problem to its
 * field (the pattern screen-reader and keyboard users find easiest).
 */
export function ErrorSummary({
  ref,
  title,
  problems,
  controlOf,
  show,
  testId,
}: {
  ref?: Ref<HTMLDivElement>;
  title: string;
  problems: Problem[];
  controlOf: Record<string, string>;
  show: boolean;
  testId?: string;
}) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={show ? 'error-summary' : 'error-summary error-summary--empty'}
      aria-labelledby={show ? `${testId ?? 'form'}-summary-title` : undefined}
      data-testid={testId}
    >
      {show ? (
        <>
          <p className="error-summary__title" id={`${testId ?? 'form'}-summary-title`} role="alert">
            {title}
          </p>
          {problems.length ? (
            <ul>
              {problems.map((p) => {
                const target = controlOf[p.path];
                return (
                  <li key={`${p.path}:${p.message}`}>
                    {target ? (
                      <a
                        href={`#${target}`}
                        onClick={(e) => {
                          e.preventDefault();
                          const el = document.getElementById(target);
                          el?.focus();
                          el?.scrollIntoView({ block: 'center' });
                        }}
                      >
                        {p.message}
                      </a>
                    ) : (
                      p.message
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
