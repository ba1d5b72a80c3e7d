/**
 * `node --expose-gc scripts/bench-heap.ts CONTENT_DIR` (with KEEL_NOW set for the corpus):
 * where the validated index's memory goes, the index every build keeps until its last page.
 * Validates the folder in process, then lets go of one part of the index at a time and prints
 * the JavaScript heap after a full collection each time: the positions (each entry's `locate`,
 * which holds its file's text to place findings on demand), the data as written (`raw`), the
 * bodies, and what remains (the parsed data, diagnostics, measurement series).
 */
import { validateContent } from '../src/rules/validate.ts';

const dir = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!dir || !gc) {
  process.stderr.write('Usage: node --expose-gc scripts/bench-heap.ts CONTENT_DIR\n');
  process.exit(2);
}
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const start = heapMiB();
const { index, summary } = await validateContent(dir, { cwd: process.cwd() });
const entries: { locate?: unknown; raw?: unknown; body?: string }[] = [...Object.values(index.collections), ...Object.values(index.invalid ?? {})].flat();
let last = heapMiB();
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`${summary.files} files, ${entries.length} entries: heap ${Math.round(start)} MiB before, ${Math.round(last)} MiB with the index`);
const release = (what: string, drop: (e: (typeof entries)[number]) => void) => {
  for (const e of entries) drop(e);
  const now = heapMiB();
  say(`  ${what.padEnd(40)} ${Math.round(last - now)} MiB`);
  last = now;
};
release('positions (locate, the files’ text)', (e) => (e.locate = undefined));
release('data as written (raw)', (e) => (e.raw = undefined));
release('bodies', (e) => {
  if (typeof e.body === 'string') e.body = '';
});
index.measurements = [];
release('measurement series', () => undefined);
say(`  ${'the rest (parsed data, diagnostics, …)'.padEnd(40)} ${Math.round(last - start)} MiB`);
