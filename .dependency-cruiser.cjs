// dependency-cruiser: the layers of DESIGN.md ("Layout"), checked by `npm run deps`.
//
//   core <- schemas <- kinds <- content <- rules;  domain uses core and the schemas' types;
//   rules may use domain (budget per incident for policy/incident-p0) and lint (the
//   blameless-language lint and the Markdown sections, which use core only);
//   model turns the content index into the domain's inputs (SLO engine, deadlines) for the CLI,
//   the rules and the projections, which may import it; it imports none of them;
//   projections use domain and model; public routes import only projections/public and core.
//
// Paths are relative to the repository root. Type-only imports (`import type`, `import { type X }`)
// are told apart from value imports because `tsPreCompilationDeps` is on: they carry the
// dependency type 'type-only'. dependency-cruiser cannot read .astro files; ESLint checks the
// imports of the public routes' .astro files (see eslint.config.js).

/** Colocated unit tests (src/.../name.test.ts) are not part of the layers: they may set up their
 * cases with modules of higher layers and with tests/support/. Everything else follows the rules. */
const TESTS = '\\.test\\.ts$';

/** Folders of src/ that each layer may import from (besides itself and npm packages). */
const layer = (name, allowed) => ({
  name: `layer-${name}`,
  comment: `src/${name}/ imports from src/ only: ${allowed.length ? allowed.join(', ') : 'nothing (a leaf)'}.`,
  severity: 'error',
  from: { path: `^src/${name}/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: `^src/(${[name, ...allowed].join('|')})/` },
});

/** Modules that nothing imports by design: entry points, tests and configuration. */
const ENTRY_POINTS = [
  TESTS,
  '\\.d\\.ts$',
  '^src/content\\.config\\.ts$', // read by Astro
  '^src/cli/main\\.ts$', // bin/keel.mjs
  '^src/astro/integration\\.ts$', // astro.config.mjs
  '^src/content/mdx-worker\\.ts$', // loaded by URL as a worker thread
  '/routes/', // pages, found by Astro
  '^src/site/components/.*\\.ts$', // read by .astro components, which dependency-cruiser cannot read
  '^src/site/client/.*\\.ts$', // the scripts of .astro components
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('core', []),
    layer('schemas', ['core']),
    layer('kinds', ['core', 'schemas']),
    layer('content', ['core', 'schemas', 'kinds']),
    // Rules may use the pure domain (policy/incident-p0 reads the SLO engine's budget per incident)
    // and the lint (unified/remark/retext plugins, rules as data in src/lint/blameless.yaml).
    // And the model: the deadlines keel.yaml sets, the SLO engine's inputs.
    layer('rules', ['core', 'schemas', 'kinds', 'content', 'domain', 'lint', 'model']),
    layer('lint', ['core']),
    layer('domain', ['core', 'schemas']),
    {
      name: 'domain-schemas-types-only',
      comment: 'src/domain/ uses the schemas for their types only (import type).',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { path: '^src/schemas/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-pure',
      comment: 'src/domain/ is pure TypeScript: no Astro and no file system.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { path: ['^(node:)?fs(/|$)', '^astro(:|/|$)', '(^|/)node_modules/(astro|@astrojs/[^/]+)/'] },
    },
    {
      name: 'domain-no-zod-values',
      comment: 'src/domain/ may name Zod types (import type) but does not run Zod.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { path: ['(^|/)node_modules/zod/', '^zod(/|$)'], dependencyTypesNot: ['type-only'] },
    },
    // Rule generators are pure: they read the SLO engine's alert table (one table, never a copy).
    layer('generators', ['core', 'domain']),
    // The model turns the content index into what the domain, the generators and the pull read;
    // the CLI, the rules and the projections import it, never the other way round.
    layer('model', ['core', 'schemas', 'kinds', 'content', 'domain', 'generators']),
    // Measurement sources: the only code that talks to the network; it knows nothing of content.
    layer('pull', ['core']),
    layer('importers', ['core', 'schemas', 'kinds', 'content']),
    layer('projections', ['core', 'domain', 'schemas', 'kinds', 'content', 'model']),
    {
      name: 'projections-types-only',
      comment: 'src/projections/ uses schemas and content for their types only (import type).',
      severity: 'error',
      from: { path: '^src/projections/', pathNot: TESTS },
      to: { path: '^src/(schemas|content)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'public-routes-allowlist',
      comment:
        'Public routes (and their page data, src/site/data/public.ts) import only the public projection, core, the public page data, ' +
        'the site components, layouts and styles, astro:* virtual modules and other public routes (so nothing internal can reach a public page).',
      severity: 'error',
      from: { path: ['^src/site/routes/public/', '^src/site/data/public\\.ts$'] },
      to: {
        pathNot: ['^src/(projections/public|core|site/components|site/layouts|site/styles|site/routes/public)/', '^src/site/data/public\\.ts$', '^astro:'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'public-routes-allowlist-types',
      comment: 'Type-only imports of public routes: the same folders, plus the `astro` package (e.g. GetStaticPaths).',
      severity: 'error',
      from: { path: ['^src/site/routes/public/', '^src/site/data/public\\.ts$'] },
      to: {
        pathNot: [
          '^src/(projections/public|core|site/components|site/layouts|site/styles|site/routes/public)/',
          '^src/site/data/public\\.ts$',
          '^astro:',
          '(^|/)node_modules/astro/',
        ],
        dependencyTypes: ['type-only'],
      },
    },
    {
      name: 'src-not-to-scripts-or-tests',
      comment: 'scripts/ (developer tooling) and tests/ may use src/, never the other way round.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|tests)/', pathNot: '^tests/support/' },
    },
    {
      name: 'src-tests-only-to-test-support',
      comment: 'Of tests/, unit tests in src/ may use tests/support/ (e.g. the rule tester), and only that.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^tests/support/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module of src/ that nothing imports and that imports nothing is dead (entry points and tests excepted).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ENTRY_POINTS },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^(dist|\\.astro|tmp|content|public)/', '^tests/fixtures/'] },
    // Keep `import type` in the graph, marked 'type-only'.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mjs', '.js', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
