/**
 * The Keel Astro integration: picks the audience, validates the content before anything is
 * built (failing the build with the CLI's report), and injects that audience's routes only.
 *
 * Environment:
 * - `KEEL_AUDIENCE`  public | internal (default internal)
 * - `KEEL_CONTENT`   content folder (default `content`)
 * - `KEEL_OUT_DIR`   output root (default `dist`); the site goes to `<root>/<audience>/`
 */
import { extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { audience as resolveAudience, contentDir as resolveContentDir, now, outRoot as resolveOutRoot, type Audience } from '../core/env.ts';
import { UsageError } from '../core/usage-error.ts';
import { listFiles } from '../core/walk.ts';
import { plural } from '../core/words.ts';
import { formatReport } from '../rules/report.ts';
import { guardPublicBuild } from './leak-guard.ts';
import { closeSearchFeed, indexingPrerenderer, openSearchFeed } from './search-feed.ts';
import { dataStoreAtRuntime, resetPublishedCollections } from './data-store.ts';
import { releaseForPublicBuild } from './positions.ts';
import { contentHotUpdate, scratchIgnored, watchContent } from './dev.ts';
import { startSloEvaluations } from './slo-evaluations.ts';
import { pageHtmlHandOver } from './page-html.ts';
import { openStage, prerenderInto, publishSite } from './staging.ts';
import { buildContentDir, releaseValidations, tolerateErrors, validateOnce } from './state.ts';

/** Where each audience's routes live, relative to the source folder (src/, or lib/ when installed). */
const ROUTES_DIR = 'site/routes';

/**
 * Routes of one audience: the files below `<srcDir>/site/routes/<audience>/`, mapped to URL
 * patterns the way Astro maps src/pages/ (`index.astro` → `/`, `incidents/[id].astro` →
 * `/incidents/[id]`, `api/summary.json.ts` → `/api/summary.json`). Names starting with `_`
 * are helpers, not routes.
 */
export function audienceRoutes(root: string, srcDir: string, audience: Audience): { pattern: string; entrypoint: string }[] {
  const dir = join(srcDir, ROUTES_DIR, audience);
  const out: { pattern: string; entrypoint: string }[] = [];
  for (const file of listFiles(dir, { skip: (name) => name.startsWith('_') || name.startsWith('.') })) {
    const route = /^(.*)\.(astro|md|mdx|js|ts)$/.exec(file);
    if (!route || /\.(d|test|spec)\.ts$/.test(file)) continue;
    const pattern = `/${route[1]!.replace(/(^|\/)index$/, '')}`.replace(/(.)\/$/, '$1');
    out.push({ pattern, entrypoint: relative(root, join(dir, file)).split('\\').join('/') });
  }
  return out.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/** Writes to stderr and leaves the process with `code`, no stack trace. */
function exit(text: string, code: number): never {
  process.stderr.write(`${text}\n`);
  process.exit(code);
}

export default function keel(): AstroIntegration {
  let building: { audience: Audience; contentDir: string; publicDir: string; outDir: string; concurrency: number } | undefined;
  let watching: string | undefined;
  return {
    name: 'keel',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, injectRoute, addMiddleware, logger }) => {
        const root = fileURLToPath(config.root);
        let audience: Audience;
        try {
          audience = resolveAudience();
          // "now" is read here so that a malformed KEEL_NOW stops the build before any work.
          if (command !== 'preview') now();
        } catch (cause) {
          if (cause instanceof UsageError) exit(`keel: ${cause.message}`, cause.exitCode);
          throw cause;
        }
        const contentDir = buildContentDir(resolveContentDir(root));
        const outRoot = resolveOutRoot(root);
        const outDir = join(outRoot, audience);
        // Caches (Astro's content store, Vite's dependency cache) per output folder, beside
        // it: builds of both audiences, or into different output roots, can then run side by
        // side, and a temporary output root takes its caches with it.
        const cacheDir = join(outRoot, '.cache', audience);
        // A build writes below Keel's root and publishes the site to outDir when it is done (./staging.ts).
        const stage = command === 'build' ? openStage(root, audience) : undefined;
        updateConfig({
          outDir: pathToFileURL(`${stage?.site ?? outDir}/`),
          cacheDir: pathToFileURL(`${cacheDir}/`),
          vite: { cacheDir: join(cacheDir, 'vite'), plugins: stage ? [prerenderInto(stage.prerender)] : [] },
          // The public status page is one request, its styles inline. The internal site's pages
          // (24,000 on the bench's corpus) share one stylesheet the browser caches: inlined, its
          // 5.7 KB a page were 138 MiB of the corpus build's output to render, encode and write.
          build: { inlineStylesheets: audience === 'public' ? 'always' : 'never' },
        });

        // The dev server keeps serving while the content has errors: it shows them (src/astro/dev.ts).
        if (command === 'dev') tolerateErrors(true);
        if (command !== 'preview') {
          const result = await validateOnce(contentDir);
          if (result.diagnostics.length > 0) {
            const report = formatReport(result.diagnostics, result.summary, 'text');
            if (!result.ok && command !== 'dev') {
              exit(`${report}\nkeel: the ${audience} site was not built because the content has errors`, 1);
            }
            process.stderr.write(`${report}\n`);
          }
          logger.info(`${audience} site from ${relative(process.cwd(), contentDir) || '.'}: ${result.summary.files} files checked`);
          if (command === 'build' && audience === 'public') releaseForPublicBuild(result.index);
          // The SLO engine runs on a worker while Astro loads the content; the pages' data takes its evaluations.
          if (command === 'build' && audience === 'internal') startSloEvaluations(result, now());
        }

        for (const route of audienceRoutes(root, fileURLToPath(config.srcDir), audience)) injectRoute({ ...route, prerender: true });
        // A page that throws in a build is named, with its cause, not Astro's trace (src/astro/page-guard.ts);
        // in dev, Astro's overlay shows it. The installed package runs compiled .js files: the guard has this file's extension.
        if (command === 'build')
          addMiddleware({ entrypoint: new URL(`./page-guard${extname(fileURLToPath(import.meta.url))}`, import.meta.url), order: 'pre' });
        // The internal site's search index is made while the pages are generated (src/astro/search-feed.ts).
        if (stage && audience === 'internal') {
          openSearchFeed(stage.site);
          // …and each page reaches it as Astro's string, encoded once (src/astro/page-html.ts).
          updateConfig({ vite: { plugins: [pageHtmlHandOver()] } });
        }
        if (command === 'build') {
          // Integrations after Keel could write files (a sitemap) after the guard has looked.
          if (audience === 'public' && config.integrations.at(-1)?.name !== 'keel') {
            exit('keel: the Keel integration must come last in astro.config.mjs, so that the leak guard sees every file of the public site', 1);
          }
          building = { audience, contentDir, publicDir: fileURLToPath(config.publicDir), outDir, concurrency: config.build.concurrency };
          resetPublishedCollections();
          updateConfig({ vite: { plugins: [dataStoreAtRuntime(cacheDir)] } });
        }
        if (command === 'dev') {
          watching = contentDir;
          updateConfig({ vite: { plugins: [contentHotUpdate(contentDir)], server: { watch: { ignored: [scratchIgnored(root, contentDir)] } } } });
        }
      },
      // The configuration as resolved, after every integration's updateConfig.
      'astro:config:done': ({ config }) => {
        if (building) building.concurrency = config.build.concurrency;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        // Astro renders and writes one page at a time unless build.concurrency says otherwise.
        if (building?.audience === 'internal') setPrerenderer((astro) => indexingPrerenderer(astro, { sequential: building?.concurrency === 1 }));
      },
      'astro:server:setup': async (setup) => {
        if (watching !== undefined) watchContent(setup, watching, await validateOnce(watching));
      },
      // The leak guard runs here, in the build itself, rather than as a step of `keel build`:
      // every public build is guarded however it is started (`keel build`, `astro build` with
      // KEEL_AUDIENCE=public, a CI script), and it reuses the index this build validated.
      // Keel is the last integration (checked above), so every file is written by now.
      'astro:build:done': async ({ dir, logger }) => {
        if (building?.audience === 'internal') {
          // The pages are written: what they were made from can go before Pagefind writes its last bundle.
          releaseValidations();
          const search = await closeSearchFeed();
          logger.info(
            `search: ${search.indexed} pages indexed by Pagefind (of ${search.pages} read), ${(search.bytes / 1024 / 1024).toFixed(1)} MiB in ${plural(search.bundles, 'bundle')} (${(search.waitedMs / 1000).toFixed(2)} s after the pages, ${(search.totalMs / 1000).toFixed(2)} s in all)`,
          );
        }
        if (building === undefined) return;
        const site = fileURLToPath(dir);
        if (building.audience === 'public') {
          const started = performance.now();
          const result = await validateOnce(building.contentDir);
          const report = guardPublicBuild(site, result.index, now(), building.publicDir, building.outDir);
          if (report !== undefined) exit(report, 1);
          logger.info(`leak guard: no internal value in the public site (${((performance.now() - started) / 1000).toFixed(2)} s)`);
        }
        // Last: only a finished (and, public, guarded) site reaches the output folder.
        const moving = performance.now();
        await publishSite(site, building.outDir);
        logger.info(
          `${building.audience} site moved to ${relative(process.cwd(), building.outDir) || '.'} (${((performance.now() - moving) / 1000).toFixed(2)} s)`,
        );
      },
    },
  };
}
