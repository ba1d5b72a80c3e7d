/**
 * The Keel Astro integration: picks the audience, validates the content before anything is
 * built (failing the build with the CLI's report), and injects that audience's routes only.
 *
 * Environment:
 * - `KEEL_AUDIENCE`  public | internal (default internal)
 * - `KEEL_CONTENT`   content folder (default `content`)
 * - `KEEL_OUT_DIR`   output root (default `dist`); the site goes to `<root>/<audience>/`
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ClockError, now } from '../domain/clock.ts';
import { formatReport } from '../validate/diagnostic.ts';
import { resolveAudience, resolveContentDir, resolveOutRoot, validateOnce, type Audience } from './state.ts';

/**
 * Routes of one audience: the files below `src/routes/<audience>/`, mapped to URL patterns
 * the way Astro maps src/pages/ (`index.astro` → `/`, `incidents/[id].astro` →
 * `/incidents/[id]`, `api/summary.json.ts` → `/api/summary.json`). Names starting with `_`
 * are helpers, not routes.
 */
export function audienceRoutes(root: string, audience: Audience): { pattern: string; entrypoint: string }[] {
  const dir = join(root, 'src', 'routes', audience);
  const out: { pattern: string; entrypoint: string }[] = [];
  const walk = (rel: string) => {
    for (const dirent of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (dirent.name.startsWith('_') || dirent.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) {
        walk(child);
        continue;
      }
      const route = /^(.*)\.(astro|md|mdx|js|ts)$/.exec(child);
      if (!route || /\.(d|test|spec)\.ts$/.test(child)) continue;
      const pattern = `/${route[1]!.replace(/(^|\/)index$/, '')}`.replace(/(.)\/$/, '$1');
      out.push({ pattern, entrypoint: relative(root, join(dir, child)).split('\\').join('/') });
    }
  };
  walk('');
  return out.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/** Writes to stderr and leaves the process with `code`, no stack trace. */
function exit(text: string, code: number): never {
  process.stderr.write(`${text}\n`);
  process.exit(code);
}

export default function keel(): AstroIntegration {
  return {
    name: 'keel',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, injectRoute, logger }) => {
        const root = fileURLToPath(config.root);
        let audience: Audience;
        try {
          audience = resolveAudience();
        } catch (cause) {
          exit(`keel: ${(cause as Error).message}`, 2);
        }
        const contentDir = resolveContentDir(root);
        const outRoot = resolveOutRoot(root);
        const outDir = join(outRoot, audience);
        // Caches (Astro's content store, Vite's dependency cache) per output folder, beside
        // it: builds of both audiences, or into different output roots, can then run side by
        // side, and a temporary output root takes its caches with it.
        const cacheDir = join(outRoot, '.cache', audience);
        updateConfig({
          outDir: pathToFileURL(`${outDir}/`),
          cacheDir: pathToFileURL(`${cacheDir}/`),
          vite: { cacheDir: join(cacheDir, 'vite') },
        });

        if (command !== 'preview') {
          try {
            now();
          } catch (cause) {
            if (cause instanceof ClockError) exit(`keel: ${cause.message}`, 2);
            throw cause;
          }
          const result = await validateOnce(contentDir);
          if (result.diagnostics.length > 0) {
            const report = formatReport(result.diagnostics, result.summary, 'text');
            if (!result.ok) {
              exit(`${report}\nkeel: the ${audience} site was not built because the content has errors`, 1);
            }
            process.stderr.write(`${report}\n`);
          }
          logger.info(`${audience} site from ${relative(process.cwd(), contentDir) || '.'}: ${result.summary.files} files checked`);
        }

        for (const route of audienceRoutes(root, audience)) injectRoute({ ...route, prerender: true });
      },
    },
  };
}
