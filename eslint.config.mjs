// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** What code bundled for Temporal's sandbox may not import: workflows, and the process contracts they import. */
const workflowSafe = (what) => ({
  paths: nodeBuiltins.map((name) => ({ name, message: `${what} may not use Node built-ins: do it in an activity.` })),
  patterns: [
    { group: ['@nestjs/*'], message: `${what} may not import NestJS.` },
    { group: ['class-validator', 'class-validator/*', 'class-transformer', 'class-transformer/*', 'class-validator-jsonschema'], message: `${what} may not import class-validator or class-transformer: a DTO binds a contract (defineProcess), never the other way round.` },
    { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: `${what} may not import database drivers, TypeORM or non-workflow Temporal packages.` },
    { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: `${what} import activity types only (import type), and call them through proxyActivities.` },
    { group: ['**/apps/*', '**/libs/persistence', '**/libs/persistence/*', '**/libs/dto', '**/libs/dto/*', '**/libs/config', '**/libs/config/*', '**/libs/temporal', '**/libs/temporal/*'], message: `${what} may import only pure domain code (libs/domain files) and contracts.` },
    {
      // The registry and the DTOs pull in class-validator: of libs/processes only the contracts are workflow-safe.
      regex: '(^|/)libs/processes(/(?!process-contract$)[^/]+|/[^/]+/(?![^/]*\\.(contract|rules)$)[^/]+)?$',
      message: `${what} may import a process's contract or pure rules (libs/processes/<code>/*.contract, *.rules), never the registry or a DTO.`,
    },
    {
      group: ['**/*.dto', '**/registry', '**/define-process', '**/application-schema', '**/process-options'],
      message: `${what} may import a process's contract, never the registry or a DTO.`,
    },
  ],
});

/** apps/ and infra/ start workflows by type name (libs/processes/registry.ts) and import no workflow code. */
const NO_WORKFLOW_CODE = { group: ['**/workflows', '**/workflows/*'], message: 'Start a workflow by its type name from the registry (libs/processes): only the worker bundles workflows/, by path.' };

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
      '@typescript-eslint/no-restricted-imports': ['error', workflowSafe('Workflows')],
    },
  },
  {
    // Process contracts and pure rules are imported by workflows, so they are bundled with them.
    files: ['libs/processes/process-contract.ts', 'libs/processes/*/*.contract.ts', 'libs/processes/*/*.rules.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', workflowSafe('Process contracts')],
    },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [NO_WORKFLOW_CODE, { group: ['**/infra', '**/infra/*'], message: 'Apps may not import infra/ (the launcher, tests and tools): what both need lives in libs/.' }] },
      ],
    },
  },
  {
    files: ['infra/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_WORKFLOW_CODE] }],
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
