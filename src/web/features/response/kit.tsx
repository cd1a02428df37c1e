import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { Form } from '../../components/Form.js';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText, isApiError } from '../../api/client.js';
import { termLabel, type Term } from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { eatToIso, formatDateTime, uiLocale } from '../cases/format.js';
import { ErrorSummary, fieldMessage, type Problem } from '../cases/problems.js';

/** A vocabulary term in the console's language ("Escort" / "Kumsindikiza mtu"). */
export function useTerm() {
  const { i18n } = useTranslation();
  return (list: readonly Term[], code: string) => termLabel(list, code, uiLocale(i18n.language));
}

/** "23 Nov 2026, 14:05 EAT". */
export function useWhen() {
  const { t, i18n } = useTranslation();
  return (iso: string) => `${formatDateTime(iso, i18n.language)} ${t('cases.eat')}`;
}

/** Who recorded something: "You", their role(s) on the case team, or "A staff member". */
export function useWho(c: CaseDetail) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  return (userId: string | null): string => {
    if (!userId) return t('case.staffMember');
    if (userId === user.id) return t('case.you');
    const roles = c.members.filter((m) => m.userId === userId).map((m) => m.roleInCase);
    if (!roles.length) return t('case.staffMember');
    const key = (r: string) => `caseRole.${r}`;
    return roles.map((r) => (i18n.exists(key(r)) ? String(t(key(r) as never)) : r)).join(', ');
  };
}

/** "by you" / "by Approver" / "by a staff member", for the line under a record. */
export function useBy(c: CaseDetail) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const who = useWho(c);
  return (userId: string | null): string =>
    userId && userId === user.id ? t('case.byYou') : t('response.by', { who: who(userId) });
}

/**
 * The errors of one form: what the console found before sending, or what the server refused (its
 * message is already in the user's language). The summary takes focus so the problem is announced.
 */
export function useFormErrors(
  controlOf: Record<string, string>,
  testId: string,
  /** Short field names by path: a summary of several "Choose one." says which field each is. */
  labels: Record<string, string> = {},
) {
  const { t, i18n } = useTranslation();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Focus the summary once React has rendered it (a frame later is not always enough: a refetch of the
  // case after the refusal can re-render the section in between).
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown > 0) summaryRef.current?.focus();
  }, [shown]);

  const show = (found: Problem[], message: string | null) => {
    setProblems(found);
    setServerError(message);
    setShown((n) => n + 1);
  };
  const named = (path: string, message: string) => {
    const label = labels[path] ?? labels[path.split('.')[0]!];
    return label ? `${label}: ${message}` : message;
  };
  return {
    /** A problem found before sending, named after its field. */
    problem: (path: string, message: string): Problem => ({ path, message: named(path, message) }),
    /** The first problem of a field, or of anything under it (`details.hearingDates.0` → `details`). */
    errorFor: (path: string) =>
      problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message,
    /** Client-side problems; true when there were any (and they are now shown). */
    check: (found: Problem[]) => {
      if (found.length) show(found, null);
      return found.length > 0;
    },
    fail: (e: unknown) => {
      const fields = isApiError(e) ? e.fields : [];
      show(
        fields.map((f) => ({ path: f.path, message: named(f.path, fieldMessage(t, i18n.language, f)) })),
        errorText(e),
      );
    },
    clear: () => {
      setProblems([]);
      setServerError(null);
    },
    summary: (
      <ErrorSummary
        ref={summaryRef}
        title={serverError ?? t('form.checkTitle')}
        problems={problems}
        controlOf={controlOf}
        show={problems.length > 0 || serverError !== null}
        testId={testId}
      />
    ),
  };
}

/**
 * A form of the response phase: a heading, the error summary, the fields, then save and cancel.
 * The first control takes focus when it opens; nothing is cleared when the server refuses.
 */
export function ResponseForm({
  id,
  title,
  help,
  summary,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
  children,
  className,
  testId,
}: {
  id: string;
  /** Defaults to the id. */
  testId?: string;
  title: string;
  help?: string;
  summary: ReactNode;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void | Promise<void>;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) void onSubmit();
  };
  return (
    <form
      id={id}
      ref={ref}
      className={className ? `form response-form ${className}` : 'form response-form'}
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      data-testid={testId ?? id}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {help ? <p className="muted small">{help}</p> : null}
      {summary}
      {children}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={pending}
          data-testid={`${testId ?? id}-submit`}
        >
          {pending ? t('response.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('response.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * A response form on the form layer: the same heading, summary, fields and buttons as ResponseForm,
 * with react-hook-form and a Zod schema doing the state and the checks.
 */
export function ResponseFormOf<TIn extends FieldValues, TOut>({
  id,
  title,
  help,
  form,
  labels,
  summaryTestId,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
  children,
  className,
  testId,
  serverPaths,
}: {
  id: string;
  /** Defaults to the id. */
  testId?: string;
  /** The form's path for a path the server reports differently. */
  serverPaths?: Record<string, string>;
  title: string;
  help?: string;
  form: UseFormReturn<TIn, unknown, TOut>;
  /** Short field names by path, before each problem in the summary. */
  labels?: Record<string, string>;
  summaryTestId: string;
  pending: boolean;
  submitLabel: string;
  /** May throw: the refusal is shown in the summary and nothing typed is cleared. */
  onSubmit: (values: TOut) => unknown;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document
      .getElementById(id)
      ?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')
      ?.focus();
  }, [id]);
  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      summaryTestId={summaryTestId}
      labels={labels ?? {}}
      serverPaths={serverPaths ?? {}}
      id={id}
      className={className ? `form response-form ${className}` : 'form response-form'}
      aria-labelledby={`${id}-title`}
      data-testid={testId ?? id}
      before={
        <>
          <h3 id={`${id}-title`}>{title}</h3>
          {help ? <p className="muted small">{help}</p> : null}
        </>
      }
    >
      {children}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={pending}
          data-testid={`${testId ?? id}-submit`}
        >
          {pending ? t('response.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('response.cancel')}
        </button>
      </div>
    </Form>
  );
}

/**
 * One section of the response phase: heading, a short explanation, the records, and an "Add …"
 * button that opens the section's form. After saving, a confirmation takes focus; after cancelling,
 * focus goes back to the button.
 */
export function ResponseSection({
  id,
  title,
  intro,
  addLabel,
  canAdd,
  closedNote,
  banner,
  children,
  form,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  addLabel: string;
  /** The user may add and the case's status accepts it. */
  canAdd: boolean;
  /** Shown instead of the button when the case's status does not accept this yet. */
  closedNote?: string | null;
  banner?: ReactNode;
  children: ReactNode;
  form: (close: (saved?: string) => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const close = (message?: string) => {
    setOpen(false);
    if (message) setSaved(message);
    else window.requestAnimationFrame(() => buttonRef.current?.focus());
  };

  return (
    <section className="card case-section response-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="response-section__head">
        <h2 id={`${id}-title`}>{title}</h2>
        {canAdd ? (
          <button
            ref={buttonRef}
            type="button"
            className="button button--small"
            aria-expanded={open}
            aria-controls={open ? `${id}-form` : undefined}
            onClick={() => {
              setSaved(null);
              setOpen((v) => !v);
            }}
            data-testid={`${id}-add`}
          >
            <span aria-hidden="true">+</span> {addLabel}
          </button>
        ) : null}
      </div>
      {intro ? <p className="muted small response-section__intro">{intro}</p> : null}
      {banner}
      {saved ? (
        <p ref={savedRef} tabIndex={-1} className="alert alert--ok" role="status" data-testid={`${id}-saved`}>
          {saved}
        </p>
      ) : null}
      {children}
      {open ? form(close) : null}
      {!canAdd && closedNote ? <p className="muted small">{closedNote}</p> : null}
    </section>
  );
}

/** Yes / No radios for a required yes-or-no question. */
export function YesNo({
  name,
  value,
  onChange,
  testId,
}: {
  name: string;
  value: boolean | null;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="choices choices--inline">
      {([true, false] as const).map((v) => (
        <label key={String(v)} className="choice">
          <input
            type="radio"
            name={name}
            checked={value === v}
            onChange={() => onChange(v)}
            data-testid={`${testId}-${v ? 'yes' : 'no'}`}
          />
          {v ? t('response.yes') : t('response.no')}
        </label>
      ))}
    </div>
  );
}

/** Trimmed text, or undefined when empty (optional fields are left out of the body). */
export const optional = (s: string): string | undefined => s.trim() || undefined;

/** A required choice of a select that starts on "Choose…": the contract's codes, "choose one." when empty. */
export const choice = <const T extends readonly [string, ...string[]]>(codes: T) =>
  z.string().pipe(z.enum(codes, { error: 'response.chooseOne' }));

/** A date and time as typed (East Africa Time); empty is allowed, anything else must be a date. */
export const eatDateTime = z.string().refine((v) => !v || eatToIso(v) !== undefined, 'form.invalid');

/** Free text as typed, trimmed, within the contract's limit. */
export const text = (max: number) => z.string().trim().max(max);
