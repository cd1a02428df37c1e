import { api, isApiError, type ApiError } from '../../api/client.js';
import { uuidv7 } from '../../../shared/idempotency.js';
import { MAX_OUTBOX_PHOTO_BYTES, sendPhoto, type PhotoRequest } from './photoUpload.js';
import { all, get, put, remove, seal, sealBytes, open, openBytes, unlock, type Sealed } from './store.js';
import {
  afterAttempt,
  resolveConflict,
  type Attempt,
  type OutboxKind,
  type OutboxState,
} from './outboxLogic.js';
import type { Resolution, VersionedEdit } from './outboxLogic.js';
import { whenWiped } from './wipe.js';

/**
 * The offline outbox (DESIGN §9): every field write goes through `fieldWrite`. Online, it is sent at once;
 * offline, or when the network fails on the way, it is queued (sealed in IndexedDB), shown in the
 * outbox with its state, and sent again with backoff when the network returns. Its id is its
 * Idempotency-Key (a UUID v7 made once, before the first try), so a retry after a lost answer gets the
 * first answer back and the server has the write exactly once.
 */
export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  state: OutboxState;
  createdAt: number;
  attempts: number;
  nextAt: number;
  /** The server's refusal (already in the user's language), for a failed or conflicting write. */
  error?: string;
  /** The write itself: method, path and body, sealed. Dropped once sent. */
  request?: Sealed;
  /** The server's current version of the edited resource, sealed (a conflict). */
  current?: Sealed;
  /** A photo's bytes, sealed (kind `photo`). Dropped once sent. */
  file?: Sealed;
  /** A photo's size in bytes (clear: the outbox shows it). */
  size?: number;
}

export interface OutboxRequest {
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  body: unknown;
}

/** What a field write came to: sent (with the server's answer) or queued in the outbox. */
export type FieldWriteResult<T> = { status: 'sent'; data: T } | { status: 'queued'; id: string };

const SENT_KEPT_MS = 10 * 60_000;
let items: OutboxItem[] = [];
const listeners = new Set<() => void>();
let loaded: Promise<void> | null = null;
let flushing: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

whenWiped(() => {
  items = [];
  loaded = null;
  clearTimeout(timer);
  emit();
});

function emit(): void {
  for (const fn of listeners) fn();
}

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function snapshot(): readonly OutboxItem[] {
  return items;
}

/** Read what this browser kept (after a reload): the list shows without the key; sending needs it. */
export function loadOutbox(): Promise<void> {
  loaded ??= all<OutboxItem>('outbox')
    .then(async (stored) => {
      const now = Date.now();
      for (const i of stored.filter((s) => s.state === 'sent' && now - s.createdAt > SENT_KEPT_MS))
        await remove('outbox', i.id);
      items = stored
        .filter((s) => !(s.state === 'sent' && now - s.createdAt > SENT_KEPT_MS))
        // A write that was being sent when the page went away: its answer is unknown, so try again.
        .map((s) => (s.state === 'sending' ? { ...s, state: 'queued' as const } : s))
        .sort((a, b) => a.id.localeCompare(b.id));
      emit();
    })
    .catch(() => {
      items = [];
    });
  return loaded;
}

async function save(item: OutboxItem): Promise<void> {
  items = items.some((i) => i.id === item.id)
    ? items.map((i) => (i.id === item.id ? item : i))
    : [...items, item].sort((a, b) => a.id.localeCompare(b.id));
  emit();
  await put('outbox', item);
}

async function attempt<T>(
  id: string,
  req: OutboxRequest,
  file?: Sealed,
): Promise<Attempt & { data?: T; error?: ApiError }> {
  try {
    const data = file
      ? ((await sendPhoto(id, req as PhotoRequest, await openBytes(file, `${id}:file`))) as T)
      : await api<T>(req.path, { method: req.method, body: req.body, idempotencyKey: id });
    return { ok: true, data };
  } catch (e) {
    if (!isApiError(e) || e.status === 0) return { ok: false, network: true };
    return {
      error: e,
      ok: false,
      network: false,
      status: e.status,
      code: e.code,
      message: e.message,
      ...(e.current !== undefined ? { current: e.current } : {}),
    };
  }
}

/** Apply an attempt's outcome to the item (and schedule the next flush if it stays queued). */
async function settle(item: OutboxItem, result: Attempt): Promise<OutboxItem> {
  const outcome = afterAttempt(result, item.attempts);
  const next: OutboxItem = { ...item, state: outcome.state, nextAt: Date.now() + (outcome.retryInMs ?? 0) };
  if (outcome.error) next.error = outcome.error;
  else delete next.error;
  if (outcome.state === 'sent') {
    delete next.request;
    delete next.file;
  }
  if (outcome.current !== undefined) next.current = await seal(outcome.current, `${item.id}:current`);
  await save(next);
  if (outcome.retryInMs !== undefined) schedule(outcome.retryInMs);
  return next;
}

/**
 * The one write path of the field screens. Online: sent now (a network failure on the way queues it,
 * with the same key). Offline: queued at once. Either way the caller learns which.
 */
export async function fieldWrite<T>(kind: OutboxKind, req: OutboxRequest): Promise<FieldWriteResult<T>> {
  await loadOutbox();
  const id = uuidv7();
  const item: OutboxItem = {
    id,
    kind,
    state: navigator.onLine ? 'sending' : 'queued',
    createdAt: Date.now(),
    attempts: 0,
    nextAt: 0,
    request: await seal(req, id),
  };
  await save(item);
  if (!navigator.onLine) return { status: 'queued', id };
  // Earlier writes go first: the server sees them in the order they were made.
  if (items.some((i) => i.id < id && (i.state === 'queued' || i.state === 'sending'))) {
    await save({ ...item, state: 'queued' });
    void flush();
    return { status: 'queued', id };
  }
  const result = await attempt<T>(id, req);
  const settled = await settle({ ...item, attempts: 1 }, result);
  if (settled.state === 'sent') return { status: 'sent', data: result.data as T };
  if (settled.state === 'queued') return { status: 'queued', id };
  // Refused while the user is still on the form: the form shows why, as before, and the outbox lets it
  // go. A conflict stays in the outbox, with both versions, for the user to choose.
  if (settled.state === 'failed') await discard(id);
  throw result.error ?? new Error(settled.error);
}

function schedule(ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), ms);
}

/** Send every queued write that is due, oldest first; stop at the first with no answer (still offline). */
export function flush(force = false): Promise<void> {
  flushing ??= (async () => {
    await loadOutbox();
    if (!navigator.onLine || !items.some((i) => i.state === 'queued')) return;
    await unlock();
    for (const queued of items.filter((i) => i.state === 'queued')) {
      if (!force && queued.nextAt > Date.now()) {
        schedule(queued.nextAt - Date.now());
        return;
      }
      const current = items.find((i) => i.id === queued.id);
      if (current?.state !== 'queued' || !current.request) continue;
      const sending: OutboxItem = { ...current, state: 'sending', attempts: current.attempts + 1 };
      await save(sending);
      const req = await open<OutboxRequest>(current.request, current.id);
      const settled = await settle(sending, await attempt(current.id, req, current.file));
      if (settled.state === 'queued') return;
    }
  })()
    .catch(() => schedule(5_000))
    .finally(() => {
      flushing = null;
    });
  return flushing;
}

/**
 * An evidence photo taken without a network (or whose upload found none): sealed — its bytes and what
 * is said about it — into the outbox, and uploaded exactly once when the network returns
 * (photoUpload.ts). Never tried at once: the evidence form uploads directly when it can.
 */
export async function queuePhoto(
  caseId: string,
  file: Blob & { name: string },
  capture?: unknown,
): Promise<FieldWriteResult<never>> {
  if (file.size > MAX_OUTBOX_PHOTO_BYTES) throw new RangeError('too large for the outbox');
  await loadOutbox();
  const id = uuidv7();
  const req: OutboxRequest = {
    method: 'POST',
    path: `/api/cases/${encodeURIComponent(caseId)}/evidence/uploads`,
    body: { fileName: file.name, size: file.size, ...(capture ? { capture } : {}) },
  };
  await save({
    id,
    kind: 'photo',
    state: 'queued',
    createdAt: Date.now(),
    attempts: 0,
    nextAt: 0,
    size: file.size,
    request: await seal(req, id),
    file: await sealBytes(await file.arrayBuffer(), `${id}:file`),
  });
  if (navigator.onLine) void flush(true);
  return { status: 'queued', id };
}

/** Drop a write from the outbox (a refused one the user gives up on, or "keep theirs"). */
export async function discard(id: string): Promise<void> {
  items = items.filter((i) => i.id !== id);
  emit();
  await remove('outbox', id);
}

/** Both versions of a conflicting edit, to show side by side. */
export async function conflictVersions(
  id: string,
): Promise<{ mine: VersionedEdit; theirs: { version: number; notes?: string | null } } | null> {
  const item = await get<OutboxItem>('outbox', id);
  if (!item?.request || !item.current) return null;
  const req = await open<OutboxRequest>(item.request, id);
  const theirs = await open<{ version: number; notes?: string | null }>(item.current, `${id}:current`);
  return { mine: req.body as VersionedEdit, theirs };
}

/**
 * Resolve a conflict as the user chose: keep theirs (drop mine), or send mine — alone or beside theirs
 * — as a new write on the current version (a new key: it is a new request).
 */
export async function resolve(id: string, choice: Resolution): Promise<void> {
  const item = items.find((i) => i.id === id);
  const versions = await conflictVersions(id);
  if (!item?.request || !versions) return;
  const req = await open<OutboxRequest>(item.request, id);
  const next = resolveConflict(versions.mine, versions.theirs, choice);
  await discard(id);
  if (next) await fieldWrite(item.kind, { ...req, body: next });
}
