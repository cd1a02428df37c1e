import type { ErrorBodyView, FieldIssue } from '../../shared/contracts/errors.js';
import { i18n } from '../i18n/index.js';
import { uuidv7 } from '../../shared/idempotency.js';
import { reportNetwork } from './connectivity.js';

/** One field the server rejected, e.g. `{ path: 'email', message: '…' }` (message already localised). */
export type FieldError = FieldIssue;
type ErrorBody = ErrorBodyView;

/**
 * An API failure. `message` is meant for people: the server localises it from Accept-Language; failures
 * that never reached the server (network, unreadable body) get a message from the console's own strings.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly fields: FieldError[] = [],
    /** On a CONFLICT over a versioned edit: the resource as the server has it now. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A message to show for any thrown value. */
export function errorText(e: unknown): string {
  return isApiError(e) ? e.message : i18n.t('errors.unexpected');
}

let csrfToken: string | null = null;

/** Kept from the last /api/auth/me, login or preferences response; sent on every state-changing call. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token for a state-changing request the console sends without `api()` (raw upload chunks). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /**
   * The write's idempotency key (a UUID v7): a caller that may send the same write again (the field
   * outbox) keeps one key per write; otherwise each call gets a fresh one.
   */
  idempotencyKey?: string;
}

/** Call the Dharura API. Resolves with the parsed JSON body (undefined for 204); rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language || 'en',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (stateChanging.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (stateChanging.has(method)) headers['idempotency-key'] = options.idempotencyKey ?? uuidv7();

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    reportNetwork(false);
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  let text: string;
  try {
    text = response.status === 204 ? '' : await response.text();
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    // The connection dropped while the answer was coming: the server may have done the work.
    reportNetwork(false);
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  reportNetwork(true);
  if (response.status === 204) return undefined as T;
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(payload)) {
      const { code, message, requestId, fields, current } = payload.error;
      throw new ApiError(response.status, code, message, requestId, fields ?? [], current);
    }
    throw new ApiError(response.status, `HTTP_${response.status}`, i18n.t('errors.unexpected'));
  }
  return payload as T;
}

/**
 * A state-changing request whose answer is a file (a PDF dossier): the same headers, CSRF token and
 * error bodies as `api`, the body as a Blob.
 */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = { 'accept-language': i18n.language || 'en' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (stateChanging.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  if (response.ok) return response.blob();
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  if (isErrorBody(payload)) {
    const { code, message, requestId, fields } = payload.error;
    throw new ApiError(response.status, code, message, requestId, fields ?? []);
  }
  throw new ApiError(response.status, `HTTP_${response.status}`, i18n.t('errors.unexpected'));
}
