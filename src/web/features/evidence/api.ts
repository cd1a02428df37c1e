import { saveFile } from '../../api/saveFile.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, currentCsrfToken } from '../../api/client.js';
import { i18n } from '../../i18n/index.js';
import {
  CHUNK_CONTENT_TYPE,
  type captureInput,
  type EvidenceDetailView,
  type EvidenceList,
  type testimonyInput,
  type TestimonyView,
  type UploadView,
} from '../../../shared/contracts/evidence.js';
import { casesKey } from '../cases/api.js';

/* The evidence routes' contract (src/shared/contracts/evidence.ts), as the console reads it. */

export type { EvidenceDetailView, EvidenceList, TestimonyView, UploadView };
export type EvidenceItem = EvidenceList['evidence'][number];
export type TestimonyBody = z.input<typeof testimonyInput>;
export type CaptureBody = z.input<typeof captureInput>;

export const evidenceKey = (caseId: string) => [...casesKey, 'evidence', caseId] as const;
const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const itemPath = (id: string) => `/api/evidence/${encodeURIComponent(id)}`;

export function useEvidence(caseId: string) {
  return useQuery({
    queryKey: evidenceKey(caseId),
    queryFn: ({ signal }) => api<EvidenceList>(`${casePath(caseId)}/evidence`, { signal }),
    staleTime: 5_000,
  });
}

export function useEvidenceDetail(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'evidence-item', id],
    queryFn: ({ signal }) => api<EvidenceDetailView>(itemPath(id), { signal }),
  });
}

export function useTestimonies(caseId: string) {
  return useQuery({
    queryKey: [...evidenceKey(caseId), 'testimonies'],
    queryFn: ({ signal }) =>
      api<{ testimonies: TestimonyView[] }>(`${casePath(caseId)}/testimonies`, { signal }).then(
        (r) => r.testimonies,
      ),
  });
}

export function useRecordTestimony(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TestimonyBody) =>
      api<TestimonyView>(`${casePath(caseId)}/testimonies`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

export function useHashCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ outcome: 'ok' }>(`${itemPath(id)}/hash-check`, { method: 'POST', body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: casesKey }),
  });
}

async function raw(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept-language', i18n.language || 'en');
  const csrf = currentCsrfToken();
  if (csrf) headers.set('x-csrf-token', csrf);
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'INTERNAL',
      body?.error?.message ?? i18n.t('errors.unexpected'),
    );
  }
  return res;
}

/** Where an unfinished upload of this file is kept, so a retry (even after a reload) resumes it. */
const resumeKey = (caseId: string, f: File) =>
  `dharura.upload.${caseId}.${f.name}.${f.size}.${f.lastModified}`;

/**
 * Upload a file with the resumable protocol (ADR 0010): start (or find) the upload, then send fixed-size
 * chunks from the offset the server holds. A failed chunk is retried from the server's offset a few
 * times; if it still fails the upload stays open and the same file picked again resumes it.
 */
export async function uploadEvidence(
  caseId: string,
  file: File,
  capture: CaptureBody | undefined,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadView> {
  const key = resumeKey(caseId, file);
  let up: UploadView | null = null;
  const saved = localStorage.getItem(key);
  if (saved) up = await api<UploadView>(`/api/evidence/uploads/${saved}`).catch(() => null);
  up ??= await api<UploadView>(`${casePath(caseId)}/evidence/uploads`, {
    method: 'POST',
    body: { fileName: file.name, size: file.size, ...(capture ? { capture } : {}) },
  });
  localStorage.setItem(key, up.uploadId);
  let failures = 0;
  while (!up.complete) {
    onProgress(up.offset, file.size);
    const chunk = file.slice(up.offset, Math.min(file.size, up.offset + up.chunkBytes));
    try {
      const res = await raw(`/api/evidence/uploads/${up.uploadId}`, {
        method: 'PUT',
        headers: { 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': String(up.offset) },
        body: chunk,
        ...(signal ? { signal } : {}),
      });
      up = (await res.json()) as UploadView;
      failures = 0;
    } catch (e) {
      // Refusals (type, size) end the upload; a dropped connection is retried from the server's offset.
      if (e instanceof ApiError && e.status !== 409 && e.status < 500) {
        localStorage.removeItem(key);
        throw e;
      }
      if (signal?.aborted || ++failures > 4) throw e;
      await new Promise((r) => setTimeout(r, 1000 * failures));
      up = await api<UploadView>(`/api/evidence/uploads/${up.uploadId}`);
    }
  }
  localStorage.removeItem(key);
  onProgress(file.size, file.size);
  return up;
}

/** The original, with a reason (a custody entry): saved as a file by the browser. */
export async function downloadOriginal(id: string, fileName: string | null, reason: string): Promise<void> {
  const res = await raw(`${itemPath(id)}/download`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  saveFile(await res.blob(), fileName ?? id);
}

export const viewUrl = (id: string) => `${itemPath(id)}/view`;
