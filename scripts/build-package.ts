/**
 * Builds the installed package's lib/ from src/: Node refuses to strip types under
 * node_modules, so the package ships JavaScript. TypeScript compiles the .ts modules
 * (tsconfig.build.json: `.ts` imports become `.js`); every other file Keel reads at run time
 * (.astro components and routes, styles, YAML data) is copied beside them, with the `.ts`
 * imports of .astro files rewritten the same way. Runs as `prepare`: before `npm pack`, after `npm ci` in a checkout, and when npm installs Keel from a git URL (npm runs `prepare` for git dependencies, never `prepack`).
 *
 *   npm run build:package
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../src/core/walk.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const LIB = join(ROOT, 'lib');

/** Relative imports of a `.ts` module in an .astro file's front matter: `from '../x.ts'`, `import('./y.ts')`. */
const TS_IMPORT = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g;

rmSync(LIB, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('@typescript/native/package.json')), 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write('build-package: tsc failed\n');
  process.exit(compiled.status ?? 1);
}

let copied = 0;
for (const rel of listFiles(SRC)) {
  const ext = extname(rel);
  if (ext === '.ts') continue;
  const to = join(LIB, rel);
  mkdirSync(dirname(to), { recursive: true });
  if (ext === '.astro') writeFileSync(to, readFileSync(join(SRC, rel), 'utf8').replace(TS_IMPORT, '$1$2.js$3'));
  else copyFileSync(join(SRC, rel), to);
  copied++;
}

// Nothing in lib/ may still import a .ts module: Node would refuse it under node_modules.
const left = listFiles(LIB).filter(
  (rel) => /\.(js|astro)$/.test(rel) && /(?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]+\.ts['"]/.test(readFileSync(join(LIB, rel), 'utf8')),
);
if (left.length > 0) {
  process.stderr.write(`build-package: these files still import .ts modules:\n  ${left.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`build-package: lib/ holds ${listFiles(LIB).length} files (${copied} copied as they are)\n`);
