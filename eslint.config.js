// @ts-check
// ESLint flat config (`npm run lint`): typescript-eslint's type-aware recommended rules plus a
// few strict ones on .ts, the recommended rules on .js/.mjs/.cjs, eslint-plugin-astro on .astro,
// and the import allowlist of the public routes (dependency-cruiser cannot read .astro files).
//
// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 does not ship: the
// `typescript` package is @typescript/typescript6 (the TS 6 API, published by the TypeScript team
// for running side by side with TS 7), and `tsc` is TypeScript 7 from `@typescript/native`.
import path from 'node:path';
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Where public routes may import from (see DESIGN.md "Layout" and .dependency-cruiser.cjs). */
const PUBLIC_ROUTE_ALLOWED = [
  'src/projections/public/',
  'src/core/',
  'src/site/components/',
  'src/site/layouts/',
  'src/site/styles/',
  'src/site/routes/public/',
];

/** @type {import('eslint').Rule.RuleModule} */
const publicRouteImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Public routes import only the public projection, core, components, layouts, styles and astro:* modules.' },
    schema: [],
  },
  create(context) {
    const root = import.meta.dirname;
    /** @param {import('eslint').Rule.Node & { importKind?: string, exportKind?: string }} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('astro:')) return;
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      if (typeOnly && source === 'astro') return;
      if (source.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), source))
          .split(path.sep)
          .join('/');
        if (PUBLIC_ROUTE_ALLOWED.some((dir) => target.startsWith(dir))) return;
        context.report({ node, message: `A public route may not import '${source}' (${target}): only ${PUBLIC_ROUTE_ALLOWED.join(', ')} and astro:*.` });
        return;
      }
      context.report({
        node,
        message: `A public route may not import the package '${source}': only src/projections/public, src/core, the site's components, layouts and styles, and astro:*.`,
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

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
    files: ['src/site/routes/public/**/*.{astro,ts,mjs,js}'],
    plugins: { keel: { rules: { 'public-route-imports': publicRouteImports } } },
    rules: { 'keel/public-route-imports': 'error' },
  },
);
