import type { FieldErrors } from 'react-hook-form';
import type { Problem } from './formMessages.js';

/** A problem the form shows, with where it came from: the form's own check, or 'server'. */
export interface ShownProblem extends Problem {
  type: string;
}

/** react-hook-form's field errors as a flat list with their types (the root error is left out). */
export function flattenTyped(errors: FieldErrors, prefix = ''): ShownProblem[] {
  const out: ShownProblem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'root' && !prefix) continue;
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const rec = value as Record<string, unknown>;
    if (typeof rec.message === 'string' && rec.message)
      out.push({ path, message: rec.message, type: typeof rec.type === 'string' ? rec.type : 'validate' });
    else out.push(...flattenTyped(rec as FieldErrors, path));
  }
  return out;
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/**
 * What a form shows after someone edits a field, once a submit has failed (the form layer re-checks on
 * every edit from then on). Only problems already shown are kept — nothing new appears while someone
 * types — and each only while it still holds:
 * - a problem of the form's own check stays while the fresh check still finds one at that path (with
 *   the fresh message), and goes once the field is fixed;
 * - a problem the server reported stays until its field is edited (only the server can re-check it);
 * - the server's summary title goes with the last of the field problems it came with (a refusal with
 *   no field problems, e.g. a conflict, stays until the next submit).
 */
export function recheck(
  shown: readonly ShownProblem[],
  fresh: readonly Problem[],
  changed: string | undefined,
  serverTitle: boolean,
): { problems: ShownProblem[]; keepServerTitle: boolean } {
  const problems: ShownProblem[] = [];
  for (const p of shown) {
    if (p.type === 'server') {
      if (!changed || !related(p.path, changed)) problems.push(p);
      continue;
    }
    const now = fresh.find((f) => f.path === p.path);
    if (now) problems.push({ ...p, message: now.message });
  }
  return { problems, keepServerTitle: serverTitle && (shown.length === 0 || problems.length > 0) };
}

/** Whether two lists of problems are the same (nothing to redraw). */
export function sameProblems(a: readonly ShownProblem[], b: readonly ShownProblem[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.path === b[i]!.path && p.message === b[i]!.message && p.type === b[i]!.type)
  );
}
