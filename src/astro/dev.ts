/**
 * `keel dev`'s live reload: the dev server watches the content folder (it lies outside Keel's
 * project root), validates again when a file is added, changed or removed, prints the report in
 * the terminal, and shows the errors in the browser's overlay until they are fixed; then the
 * collections are reloaded and the pages with them.
 */
import { join, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import { formatReport } from '../rules/report.ts';
import { revalidate } from './state.ts';
import type { ValidationResult } from '../rules/validate.ts';

type ServerSetup = Parameters<NonNullable<AstroIntegration['hooks']['astro:server:setup']>>[0];

/** How long to wait for more changes before validating (an editor's save writes several times). */
const SETTLE_MS = 120;

/** Vite's error overlay payload for the content's errors, or none when there are none. */
export function overlayError(result: ValidationResult): { message: string; stack: string; plugin: string; id?: string } | undefined {
  if (result.ok) return undefined;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return {
    plugin: 'keel',
    message: `${formatReport(errors, result.summary, 'text')}\nFix the content and save: this page reloads when it validates.`,
    stack: '',
    ...(errors[0] ? { id: `${errors[0].file}:${errors[0].line}:${errors[0].column}` } : {}),
  };
}

/**
 * A Vite plugin that leaves content files to watchContent: Vite would otherwise reload every
 * page for a changed file it does not know (a content file is no module), racing the reload
 * that follows validation, so a page could load before the collections were refreshed.
 */
export function contentHotUpdate(contentDir: string): { name: string; hotUpdate: (options: { file: string }) => [] | undefined } {
  const root = contentDir.endsWith(sep) ? contentDir : contentDir + sep;
  return { name: 'keel:content', hotUpdate: ({ file }) => (file.startsWith(root) ? [] : undefined) };
}

/**
 * What the dev server's watcher skips in a checkout of Keel: its scratch and output folders
 * (`tmp/`, `dist/`), where builds and tests write hundreds of files that Vite would otherwise
 * answer with page reloads; the content folder is watched even when it lies in one of them.
 */
export function scratchIgnored(projectRoot: string, contentDir: string): (path: string) => boolean {
  const under = (dir: string) => (dir.endsWith(sep) ? dir : dir + sep);
  const scratch = ['tmp', 'dist'].map((d) => under(join(projectRoot, d)));
  const content = under(contentDir);
  return (path) => scratch.some((d) => path.startsWith(d)) && !path.startsWith(content) && !content.startsWith(under(path));
}

export function watchContent({ server, refreshContent, logger }: ServerSetup, contentDir: string, initial: ValidationResult): void {
  const client = server.environments.client.hot;
  let error = overlayError(initial);
  // A page opened (or reloaded) while the content has errors shows them too.
  client.on('connection', () => {
    if (error) client.send({ type: 'error', err: error });
  });
  const root = contentDir.endsWith(sep) ? contentDir : contentDir + sep;
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const check = async () => {
    // Until the new result is known, a page that connects (reloading) is shown no stale error.
    error = undefined;
    const result = await revalidate(contentDir);
    if (result.diagnostics.length > 0) process.stderr.write(`${formatReport(result.diagnostics, result.summary, 'text')}\n`);
    error = overlayError(result);
    if (error) {
      client.send({ type: 'error', err: error });
      return;
    }
    logger.info(`content valid again: ${result.summary.files} files checked; reloading`);
    await refreshContent?.({ loaders: ['keel', 'keel-settings'] });
    client.send({ type: 'full-reload', path: '*' });
  };
  const changed = (path: string) => {
    if (!path.startsWith(root)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(check).catch((cause: unknown) => logger.error(String(cause)));
    }, SETTLE_MS);
  };
  server.watcher.add(contentDir);
  for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, changed);
}
