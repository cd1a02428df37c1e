import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Migrates once per run; each file's createTestDatabase() copies the result (test/template-db.ts).
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // Two cores: more parallel files only thrash the embedded databases.
    maxWorkers: 2,
    // Each worker imports the server once and runs file after file (every file still builds its own app
    // and database): a fresh worker per file cost ~0.9 s of start-up and a full module import each.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
