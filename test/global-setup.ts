import type { TestProject } from 'vitest/node';
import { createTemplate, type TemplateRef } from './template-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database each test file copies (test/template-db.ts). */
    dharuraTemplate: TemplateRef;
  }
}

/** Migrate once per run; each test file's `createTestDatabase()` starts from a copy. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const template = await createTemplate(process.env.DATABASE_URL || undefined);
  project.provide('dharuraTemplate', template.ref);
  if (process.env.TEST_TIMINGS)
    console.log(`template database (${template.ref.kind}): ${Math.round(performance.now() - started)} ms`);
  return () => template.drop();
}
