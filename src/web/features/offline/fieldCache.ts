import { api, isApiError } from '../../api/client.js';
import { rolesAllow, type Permission } from '../../../shared/permissions.js';
import { get, isUnlocked, open, put, seal, type Sealed } from './store.js';

/**
 * The field user's data, kept for when the network is gone (DESIGN §9): their missions, the cases they
 * are on, the vocabularies. Each answer is sealed under the session's key (store.ts) before it touches
 * IndexedDB; a read that cannot reach the server falls back to the last sealed answer.
 */
interface CacheRecord {
  key: string;
  at: number;
  value: Sealed;
}

/**
 * The reads a field user needs offline, fetched (and sealed) once the console starts — each only for a
 * user whose roles may make it (deny by default: no 403 is ever asked for).
 */
export const FIELD_READS: readonly { path: string; permission: Permission | null }[] = [
  { path: '/api/me/missions', permission: 'missions:check_in' },
  { path: '/api/me/actions', permission: 'cases:act' },
  { path: '/api/vocabularies', permission: null },
];

/**
 * A GET that remembers its answer, sealed, and answers from it when the network fails. `if-kept`: only
 * refresh a copy already kept (a case the user is on), never start one (any case they happen to open).
 */
export async function cachedGet<T>(
  path: string,
  signal?: AbortSignal,
  keep: 'always' | 'if-kept' = 'always',
): Promise<T> {
  try {
    const data = await api<T>(path, signal ? { signal } : {});
    if (isUnlocked() && (keep === 'always' || (await isKept(path)))) void remember(path, data);
    return data;
  } catch (e) {
    if (!(isApiError(e) && e.status === 0)) throw e;
    const kept = isUnlocked() ? await recall<T>(path) : undefined;
    if (kept === undefined) throw e;
    return kept;
  }
}

async function remember(path: string, data: unknown): Promise<void> {
  try {
    const record: CacheRecord = { key: path, at: Date.now(), value: await seal(data, `cache:${path}`) };
    await put('cache', record);
  } catch {
    // Storage full or unavailable: the console works online as before.
  }
}

async function isKept(path: string): Promise<boolean> {
  return (await get<CacheRecord>('cache', path).catch(() => undefined)) !== undefined;
}

async function recall<T>(path: string): Promise<T | undefined> {
  const record = await get<CacheRecord>('cache', path);
  return record ? open<T>(record.value, `cache:${path}`) : undefined;
}

/** At most this many of the user's cases are kept (the newest missions and actions first). */
export const MAX_KEPT_CASES = 20;

/** The cases a field user is on: those of their missions and of their own open actions. */
export function casesOn(
  missions: { missions: { caseId: string }[] } | undefined,
  actions: { actions: { caseId: string }[] } | undefined,
): string[] {
  const ids = [...(missions?.missions ?? []), ...(actions?.actions ?? [])].map((x) => x.caseId);
  return [...new Set(ids)].slice(0, MAX_KEPT_CASES);
}

/**
 * Fetch and seal the field reads now (the console has just started, online): the lists, then each case
 * the user is on (its page as the server shows it to them).
 */
export async function warmFieldCache(roles: readonly string[]): Promise<void> {
  const mine = FIELD_READS.filter((r) => r.permission === null || rolesAllow(roles, r.permission));
  const answers = await Promise.allSettled(mine.map((r) => cachedGet<unknown>(r.path)));
  const answer = <T>(path: string): T | undefined => {
    const i = mine.findIndex((r) => r.path === path);
    const a = i < 0 ? undefined : answers[i];
    return a?.status === 'fulfilled' ? (a.value as T) : undefined;
  };
  const cases = casesOn(answer('/api/me/missions'), answer('/api/me/actions'));
  await Promise.allSettled(cases.map((id) => cachedGet(`/api/cases/${encodeURIComponent(id)}`)));
}
