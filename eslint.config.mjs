// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
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
      // The registry and the DTOs pull in class-validator: of libs/processes only the contracts (the processes' and the shared
      // steps', *.contract) are workflow-safe.
      regex: '(^|/)libs/processes(/(?!process-contract$|[^/]*\\.contract$)[^/]+|/[^/]+/(?![^/]*\\.(contract|rules)$)[^/]+)?$',
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
    // Plain ES modules run by Node as they are (the embedded OpenID provider: oidc-provider is ESM only): linted without type information.
    files: ['infra/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly' } },
  },
  {
    ignores: ['infra/**/*.mjs'],
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
    files: ['libs/processes/process-contract.ts', 'libs/processes/*.contract.ts', 'libs/processes/*/*.contract.ts', 'libs/processes/*/*.rules.ts'],
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
    // The consoles run in the browser: hooks by React's rules (the compiler-backed set), and
    // from libs/ only types, the labels and pure domain data (bundled as they are).
    files: ['apps/console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The consoles run in the browser: no Node built-ins.' })),
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', 'class-validator', 'class-transformer'], message: 'The consoles talk to the API over HTTP; server packages stay out of the bundle.' },
            { group: ['**/apps/api/**', '**/apps/worker/**', '**/apps/departments/**', '**/workflows', '**/workflows/*', '**/infra', '**/infra/*'], message: 'The consoles import only libs/ (the shared contracts), never another app.' },
            {
              regex: '(^|/)libs/(?!i18n/labels$|i18n/value-labels$|domain/departments$|domain/step-decisions$|domain/masking$)',
              allowTypeImports: true,
              message: 'From libs/ the consoles import types only, besides the labels (libs/i18n/labels, value-labels) and pure data and rules (libs/domain/departments, step-decisions, masking): anything else would bundle server code.',
            },
          ],
        },
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
