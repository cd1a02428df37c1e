/**
 * The outbox's rules, without the browser (tested in outboxLogic.test.ts): what happens to a queued
 * write after each attempt, how long to wait before the next one, and how a conflict is resolved
 * without losing either version.
 */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'conflict';

/** The field writes that go through the outbox (DESIGN §9). */
export type OutboxKind = 'report' | 'check-in' | 'note' | 'arrest' | 'act' | 'action' | 'photo';

/** What one attempt came back with. */
export type Attempt =
  | { ok: true; data: unknown }
  /** Never reached an answer: offline, a dropped connection, a lost response. */
  | { ok: false; network: true }
  | { ok: false; network: false; status: number; code: string; message: string; current?: unknown };

export interface Outcome {
  state: OutboxState;
  /** When to try again (ms from now), for a write that stays queued. */
  retryInMs?: number;
  error?: string;
  /** The server's current version of the edited resource, on a conflict. */
  current?: unknown;
}

const BASE_MS = 2_000;
const MAX_MS = 5 * 60_000;

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * After an attempt: sent; queued again (no answer, the server was busy or down — the same
 * Idempotency-Key makes the retry safe even if the first one was done); a conflict to resolve; or
 * failed (the server refused it: the user reads why and may discard it).
 */
export function afterAttempt(attempt: Attempt, attempts: number): Outcome {
  if (attempt.ok) return { state: 'sent' };
  if (attempt.network) return { state: 'queued', retryInMs: backoffMs(attempts) };
  if (attempt.code === 'CONFLICT' && attempt.current !== undefined)
    return { state: 'conflict', error: attempt.message, current: attempt.current };
  // Still running on the server (a replay raced the first try), rate-limited, or a server fault.
  if (attempt.code === 'IDEMPOTENCY_IN_PROGRESS' || attempt.status === 429 || attempt.status >= 500)
    return { state: 'queued', retryInMs: backoffMs(attempts), error: attempt.message };
  return { state: 'failed', error: attempt.message };
}

/** An edit that carries the version it was made on, and a free-text field that may be merged. */
export interface VersionedEdit {
  expectedVersion: number;
  notes?: string | null;
  [field: string]: unknown;
}

export type Resolution = 'keep-both' | 'keep-mine' | 'keep-theirs';

/**
 * Resolve a conflict on a versioned edit. Both versions stay on screen until the user chooses; the
 * answer is the edit to send again on the current version (or null: keep theirs, send nothing).
 * "Keep both" keeps their notes and adds mine below, so neither text is lost.
 */
export function resolveConflict(
  mine: VersionedEdit,
  theirs: { version: number; notes?: string | null },
  choice: Resolution,
): VersionedEdit | null {
  if (choice === 'keep-theirs') return null;
  const next: VersionedEdit = { ...mine, expectedVersion: theirs.version };
  if (choice === 'keep-both' && mine.notes !== undefined) {
    const texts = [theirs.notes, mine.notes].filter((n): n is string => Boolean(n?.trim()));
    next.notes = [...new Set(texts)].join('\n\n');
  }
  return next;
}

/** The outbox's count: every write not yet accepted by the server. */
export function pendingCount(items: readonly { state: OutboxState }[]): number {
  return items.filter((i) => i.state !== 'sent').length;
}
