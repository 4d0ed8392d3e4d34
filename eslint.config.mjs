// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.data/**', 'coverage/**', 'test-output/**', '**/*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A forgotten await loses an error or a write: never allowed, anywhere.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code must stay deterministic and bundle for Temporal's sandbox: no Node
    // built-ins, no NestJS, no TypeORM or drivers, and activities by type only.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows may not use Node built-ins: do it in an activity.' })),
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflows may not import NestJS.' },
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: 'Workflows may not import database drivers, TypeORM or non-workflow Temporal packages.' },
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Workflows import activity types only (import type), and call them through proxyActivities.' },
            { group: ['**/apps/*', '**/libs/persistence', '**/libs/persistence/*', '**/libs/dto', '**/libs/dto/*', '**/libs/config', '**/libs/config/*', '**/libs/temporal', '**/libs/temporal/*'], message: 'Workflows may import only pure domain code (libs/domain files) and contracts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'infra/demo/**/*.ts', 'infra/chaos/**/*.ts', 'infra/bench/**/*.ts'],
    rules: {
      // Tests, demos, the chaos run and the bench read JSON answers as users do: untyped.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
