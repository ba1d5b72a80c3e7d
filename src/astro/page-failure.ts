/** How the build reports a page that threw (src/astro/page-guard.ts): a module of its own so that it is unit-tested without Astro. */
import { escapeControls, excerpt } from '../core/escape.ts';

/** The report of a page that failed: the page, the cause on one line, the stack only under KEEL_DEBUG=1. */
export function pageFailure(route: string, url: string, cause: unknown, showStack: boolean): string {
  const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const lines = [
    `keel: the page ${escapeControls(url)} (route ${escapeControls(route)}) failed to build: ${escapeControls(excerpt(message.split('\n')[0] ?? '', 300))}`,
  ];
  const stack = cause instanceof Error ? (cause.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
  lines.push(
    showStack && stack.length > 0 ? stack.join('\n') : '  a bug in Keel (or content it does not handle): please report it; KEEL_DEBUG=1 shows the stack',
  );
  return lines.join('\n');
}
