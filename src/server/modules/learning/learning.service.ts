import type { Locale } from '../../../shared/locale.js';
import { createLearningReport, quarterOf } from './learning-report.js';
import { renderLearningReport } from './learning-report.pdf.js';
import type { LearningDeps } from './learning.deps.js';
import { createLessons } from './lessons.js';
import { createReviewGate } from './review-gate.js';

/** Learning (DESIGN §2.6): the lessons register, the review gate on closure and its reminders, the report. */
export function createLearningService(deps: LearningDeps) {
  const lessons = createLessons(deps);
  const gate = createReviewGate(deps);
  const report = createLearningReport(deps);
  return {
    lessons: lessons.list,
    createLesson: lessons.create,
    updateLesson: lessons.update,
    beforeClose: gate.beforeClose,
    remindDueReviews: gate.remindDue,
    scheduledReviews: gate.pending,
    report,
    /** The same report as a PDF, in English or Kiswahili. */
    async reportPdf(quarter: string, lang: Locale): Promise<{ pdf: Buffer; filename: string }> {
      const pdf = await renderLearningReport(await report(quarter), lang, deps.clock.now());
      return { pdf, filename: `dharura-learning-${quarter}-${lang}.pdf` };
    },
    currentQuarter: () => quarterOf(deps.clock.now()),
  };
}
export type LearningService = ReturnType<typeof createLearningService>;
