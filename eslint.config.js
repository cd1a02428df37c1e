import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The platform layer: it serves the modules and never reaches into them. */
const platform = [
  './src/server/config.ts',
  './src/server/errors.ts',
  './src/server/logger.ts',
  './src/server/lib',
  './src/server/db',
  './src/server/jobs/queue.ts',
  './src/server/jobs/catalogue.ts',
  './src/server/security',
  './src/server/plugins',
];
/** What sits above the platform: features, their channels, the demo and the composition root. */
const abovePlatform = [
  './src/server/modules',
  './src/server/channels',
  './src/server/demo',
  './src/server/composition',
  './src/server/app.ts',
  './src/server/main.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'data',
      'node_modules',
      'src/server/db/migrations',
      'coverage',
      'scratch',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'e2e/**', 'bin/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  // Dependencies point one way: no import cycles, and the layers below never import the layers above.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Follow TypeScript files (by default only .js is parsed, and a cycle through .ts is never seen).
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Runtime cycles (a type-only import is erased and cannot form one). Packages are not followed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/web',
              from: './src/server',
              message: 'The console talks to the server over HTTP only; shared code lives in src/shared.',
            },
            {
              target: './src/shared',
              from: ['./src/server', './src/web'],
              message: 'src/shared is imported by the server and the console and imports neither.',
            },
          ],
        },
      ],
    },
  },
  {
    // The platform's own code (its tests boot the whole app, as every integration test does).
    files: platform.map((p) => (p.endsWith('.ts') ? p.slice(2) : `${p.slice(2)}/**`)),
    ignores: ['**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: platform.map((target) => ({
            target,
            from: abovePlatform,
            message: 'The platform layer imports no module, channel, demo or composition code.',
          })),
        },
      ],
    },
  },
  {
    // Queries live in repositories: Drizzle, SQL and the database drivers are imported only by
    // `*.repo.ts` files and the platform (db/, security/, jobs/queue.ts …). Tests build data through
    // factories and repositories, not queries of their own.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/**/*.repo.ts',
      ...platform.map((p) => (p.endsWith('.ts') ? p.slice(2) : `${p.slice(2)}/**`)),
    ],
    rules: {
      // Row types (`import type { CaseRow }`) may travel; tables and query builders may not.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'Queries belong in a *.repo.ts file.', allowTypeImports: true },
            { name: 'pg', message: 'Database connections belong in db/ or a *.repo.ts file.' },
            { name: '@electric-sql/pglite', message: 'Database connections belong in db/.' },
          ],
          patterns: [
            {
              group: ['drizzle-orm/*'],
              message: 'Queries belong in a *.repo.ts file.',
              allowTypeImports: true,
            },
            {
              group: ['**/db/schema/*', '**/db/schema/index.js'],
              message: 'Tables are read and written by repositories.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Every sealed field's AAD comes from security/aad.ts: a hand-typed `table.column:${key}` is refused.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/security/aad.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TemplateLiteral[quasis.0.value.raw=/^[a-z_]+\\.[a-z_]+:$/]',
          message: 'Build encryption AAD with aad()/aadOf() from security/aad.ts.',
        },
        {
          selector: 'TemplateLiteral[quasis.0.value.raw=/^[a-z_]+\\.$/][quasis.1.value.raw=/^:/]',
          message: 'Build encryption AAD with aad()/aadOf() from security/aad.ts.',
        },
      ],
    },
  },
);
