/**
 * The public-route import guard follows imports: a component that a public route uses, and what
 * that component imports in turn, is held to the same allowlist as the route itself. A planted
 * component that imports src/kinds fails the check; the same component used only by an internal
 * page does not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import astro from 'eslint-plugin-astro';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRouteImports } from '../scripts/lint/public-route-imports.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ALLOWED = ['src/projections/public/', 'src/core/', 'src/site/components/', 'src/site/layouts/', 'src/site/styles/', 'src/site/routes/public/'];

const astroFile = (imports: string[]) => `---\n${imports.join('\n')}\n---\n<p>page</p>\n`;

const TREE: Record<string, string> = {
  'src/site/routes/public/index.astro': astroFile([
    `import Card from '../../components/Card.astro';`,
    `import { publicStatus } from '../../../projections/public/status.ts';`,
  ]),
  // Clean itself; its child leaks.
  'src/site/components/Card.astro': astroFile([`import Badge from './Badge.astro';`, `import { at } from '../../core/time.ts';`]),
  'src/site/components/Badge.astro': astroFile([`import { KINDS } from '../../kinds/index.ts';`, `import yaml from 'js-yaml';`]),
  // Used by internal pages only: it may import what it needs.
  'src/site/components/InternalTable.astro': astroFile([`import { KINDS } from '../../kinds/index.ts';`]),
  'src/site/routes/internal/index.astro': astroFile([`import InternalTable from '../../components/InternalTable.astro';`]),
};

let tmp: string;
let results: Map<string, string[]>;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keel-guard-'));
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), text);
  }
  const eslint = new ESLint({
    cwd: tmp,
    overrideConfigFile: true,
    overrideConfig: [
      ...astro.configs.recommended,
      {
        files: ['src/site/**/*.astro'],
        plugins: { keel: { rules: { 'public-route-imports': publicRouteImports } } },
        rules: { 'keel/public-route-imports': ['error', { allowed: ALLOWED }] },
      },
    ],
  });
  const linted = await eslint.lintFiles(['src/site/**/*.astro']);
  results = new Map(linted.map((r) => [r.filePath.slice(tmp.length + 1), r.messages.map((m) => `${m.line}:${m.column} ${m.message}`)]));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('keel/public-route-imports follows imports from public routes', () => {
  it('fails a component two imports away from a public route that imports src/kinds or a package', () => {
    expect(results.get('src/site/components/Badge.astro')).toEqual([
      "2:1 src/site/components/Badge.astro (reached from the public route src/site/routes/public/index.astro) may not import '../../kinds/index.ts' (src/kinds/index.ts): only src/projections/public/, src/core/, src/site/components/, src/site/layouts/, src/site/styles/, src/site/routes/public/ and astro:*.",
      "3:1 src/site/components/Badge.astro (reached from the public route src/site/routes/public/index.astro) may not import the package 'js-yaml': only src/projections/public, src/core, the site's components, layouts and styles, and astro:*.",
    ]);
  });

  it('passes the clean route and component, and a component only internal pages use', () => {
    expect(results.get('src/site/routes/public/index.astro')).toEqual([]);
    expect(results.get('src/site/components/Card.astro')).toEqual([]);
    expect(results.get('src/site/components/InternalTable.astro')).toEqual([]);
    expect(results.get('src/site/routes/internal/index.astro')).toEqual([]);
  });

  it("is what the project's ESLint configuration runs on every site component", async () => {
    const config = (await new ESLint({ cwd: ROOT }).calculateConfigForFile(join(ROOT, 'src/site/components/Time.astro'))) as {
      rules: Record<string, unknown[]>;
    };
    expect(config.rules['keel/public-route-imports']).toEqual([2, { allowed: expect.arrayContaining(ALLOWED) as unknown }]);
  });
});
