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

/** A GET that remembers its answer, sealed, and answers from it when the network fails. */
export async function cachedGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  try {
    const data = await api<T>(path, signal ? { signal } : {});
    if (isUnlocked()) void remember(path, data);
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

async function recall<T>(path: string): Promise<T | undefined> {
  const record = await get<CacheRecord>('cache', path);
  return record ? open<T>(record.value, `cache:${path}`) : undefined;
}

/** Fetch and seal the field reads now (the console has just started, online). */
export async function warmFieldCache(roles: readonly string[]): Promise<void> {
  const mine = FIELD_READS.filter((r) => r.permission === null || rolesAllow(roles, r.permission));
  await Promise.allSettled(mine.map((r) => cachedGet(r.path)));
}
