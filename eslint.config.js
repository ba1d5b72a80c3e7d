// @ts-check
// ESLint flat config (`npm run lint`): typescript-eslint's type-aware recommended rules plus a
// few strict ones on .ts, the recommended rules on .js/.mjs/.cjs, eslint-plugin-astro on .astro,
// and the import allowlist of the public routes (dependency-cruiser cannot read .astro files).
//
// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 does not ship: the
// `typescript` package is @typescript/typescript6 (the TS 6 API, published by the TypeScript team
// for running side by side with TS 7), and `tsc` is TypeScript 7 from `@typescript/native`.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { publicRouteImports } from './scripts/lint/public-route-imports.js';

/**
 * Where public routes, and the site files they reach, may import from (see DESIGN.md "Layout" and
 * .dependency-cruiser.cjs): a folder ending in / allows everything below it, a file itself.
 */
const PUBLIC_ROUTE_ALLOWED = [
  'src/projections/public/',
  'src/core/',
  'src/site/components/',
  'src/site/layouts/',
  'src/site/styles/',
  'src/site/routes/public/',
  'src/site/data/public.ts',
];

/** @type {import('eslint').Linter.RuleEntry} */
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', '.astro/', 'tmp/', 'lib/', 'public/schemas/', 'content/', 'tests/fixtures/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Beyond `recommended`: rules that catch real bugs.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': unusedVars,
      // Keel passes functions declared as method shorthand around (rng.pick, view.windowAt);
      // none of them reads `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.recommended],
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  astro.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
    },
  },
  {
    // Every file of the site: the rule checks those a public route reaches (the routes and the
    // components, layouts and page data they import), and skips the rest.
    files: ['src/site/**/*.{astro,ts,mjs,js}'],
    ignores: ['**/*.test.ts'],
    plugins: { keel: { rules: { 'public-route-imports': publicRouteImports } } },
    rules: { 'keel/public-route-imports': ['error', { allowed: PUBLIC_ROUTE_ALLOWED }] },
  },
);
