import type { Ref } from 'react';
import type { Problem } from './formMessages.js';

/**
 * The problems of a form, above it: takes focus after a failed submit, and links each problem to its
 * field (the pattern screen-reader and keyboard users find easiest). The one error summary of the
 * console: <Form> renders it, and so does any form that reports problems another way.
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
  /** The id of the control each problem's path belongs to (the link's target). */
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
