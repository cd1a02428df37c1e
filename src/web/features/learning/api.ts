import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiBlob } from '../../api/client.js';
import { saveFile } from '../../api/saveFile.js';
import type {
  LearningReportView,
  lessonListView,
  LessonView,
  scheduledReviewListView,
} from '../../../shared/contracts/learning.js';

/* The learning routes' contract (src/shared/contracts/learning.ts), as the console reads it. */
export type Lesson = LessonView;
export type ScheduledReview = z.infer<typeof scheduledReviewListView>['reviews'][number];
export type LearningReport = LearningReportView;
export interface LessonFilter {
  status?: string;
  ownerId?: string;
  overdue?: boolean;
}
const key = ['lessons'] as const;

export function useLessons(f: LessonFilter) {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.ownerId) p.set('ownerId', f.ownerId);
  if (f.overdue) p.set('overdue', 'true');
  return useQuery({
    queryKey: [...key, p.toString()],
    queryFn: ({ signal }) => api<z.infer<typeof lessonListView>>(`/api/lessons?${p.toString()}`, { signal }),
  });
}

export function useScheduledReviews() {
  return useQuery({
    queryKey: [...key, 'scheduled'],
    queryFn: ({ signal }) => api<{ reviews: ScheduledReview[] }>('/api/reviews/scheduled', { signal }),
  });
}

export function useLearningReport(quarter: string) {
  return useQuery({
    queryKey: [...key, 'report', quarter],
    enabled: /^\d{4}-Q[1-4]$/.test(quarter),
    queryFn: ({ signal }) => api<LearningReport>(`/api/learning/reports/${quarter}`, { signal }),
  });
}

export type LessonWrite =
  { create: Record<string, unknown> } | { id: string; patch: { version: number; status?: string } };

export function useLessonWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: LessonWrite) =>
      'create' in w
        ? api<Lesson>('/api/lessons', { method: 'POST', body: w.create })
        : api<Lesson>(`/api/lessons/${encodeURIComponent(w.id)}`, { method: 'PATCH', body: w.patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** The quarter's learning report as a PDF, in the reader's language (saved by the browser). */
export async function downloadLearningReport(quarter: string, lang: 'en' | 'sw'): Promise<void> {
  const path = `/api/learning/report.pdf?quarter=${encodeURIComponent(quarter)}&lang=${lang}`;
  saveFile(await apiBlob(path, { method: 'GET' }), `dharura-learning-${quarter}-${lang}.pdf`);
}
