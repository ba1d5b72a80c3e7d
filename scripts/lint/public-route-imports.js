// @ts-check
// ESLint rule `keel/public-route-imports` (eslint.config.js): what a public route imports, and what
// everything it reaches through the site's components, layouts and page data imports, stays inside
// the allowlist (the public projection, core, the site's own files and astro:* modules). The
// import graph is followed from every file of src/site/routes/public/ through the .astro and .ts
// files of src/site/, so a component that a public page uses cannot import src/kinds (internal
// data types and values) even though the route itself is clean. dependency-cruiser checks the
// same layers for .ts files but cannot read .astro files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const PUBLIC_ROUTES = 'src/site/routes/public';

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`: the specifiers of a module's text. */
const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** @param {string} text */
export function specifiers(text) {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

/** The file a relative specifier names: as written, or with .ts, .astro or /index.ts. @param {string} from @param {string} spec */
function resolveFile(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.astro`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

/** @type {Map<string, Map<string, string>>} */
const memo = new Map();

/**
 * Every file of src/site/ that a public route reaches (the routes included), each with the route
 * that reaches it, as paths relative to `root` with `/`. Computed once per root and lint run.
 * @param {string} root
 * @returns {Map<string, string>}
 */
export function publicReach(root) {
  const known = memo.get(root);
  if (known) return known;
  const rel = (/** @type {string} */ file) => path.relative(root, file).split(path.sep).join('/');
  /** @type {Map<string, string>} */
  const reached = new Map();
  const queue = walk(path.join(root, PUBLIC_ROUTES)).filter((f) => /\.(astro|ts|js|mjs)$/.test(f) && !/\.test\.ts$/.test(f));
  for (const route of queue) reached.set(rel(route), rel(route));
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    if (file === undefined) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolveFile(file, spec);
      // Only the site's own modules are followed; the projection and core are the allowlist's edge.
      if (target === undefined || !rel(target).startsWith('src/site/') || reached.has(rel(target))) continue;
      reached.set(rel(target), reached.get(rel(file)) ?? rel(file));
      queue.push(target);
    }
  }
  memo.set(root, reached);
  return reached;
}

/** @type {import('eslint').Rule.RuleModule} */
export const publicRouteImports = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Public routes, and the components, layouts and page data they reach, import only the public projection, core, the site and astro:* modules.',
    },
    schema: [{ type: 'object', properties: { allowed: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.cwd;
    const allowed = /** @type {{ allowed?: string[] }} */ (context.options[0] ?? {}).allowed ?? [];
    const self = path.relative(root, context.filename).split(path.sep).join('/');
    const route = publicReach(root).get(self);
    // A file no public route reaches (an internal page's component) may import what it needs.
    if (route === undefined) return {};
    const via = route === self ? 'A public route' : `${self} (reached from the public route ${route})`;
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
        // A folder (ending in /) allows everything below it; a file, itself.
        if (allowed.some((entry) => (entry.endsWith('/') ? target.startsWith(entry) : target === entry))) return;
        context.report({ node, message: `${via} may not import '${source}' (${target}): only ${allowed.join(', ')} and astro:*.` });
        return;
      }
      context.report({
        node,
        message: `${via} may not import the package '${source}': only src/projections/public, src/core, the site's components, layouts and styles, and astro:*.`,
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
