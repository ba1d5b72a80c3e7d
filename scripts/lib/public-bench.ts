/**
 * The public site's part of `npm run bench` (issue 8, item 11): the gzip weight of the status
 * page, an incident page and the history page (HTML with the CSS it loads; Keel inlines its
 * CSS), for the sample content and for the corpus, and the wall time of the corpus's public
 * build (`astro build` with KEEL_AUDIENCE=public, the leak guard included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The status page's budget: HTML and CSS together, gzip (issue 8). */
const STATUS_PAGE_BUDGET = 15 * 1024;

interface PublicBenchOptions {
  /** The Keel project root (where astro.config.mjs is). */
  root: string;
  /** The content folder of the corpus. */
  corpus: string;
  /** "Now" of the builds. */
  now: string;
  say: (line?: string) => void;
}

function build(root: string, content: string, out: string, now: string): { ms: number; status: number | null; stderr: string } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_OPTIONS: '', ASTRO_TELEMETRY_DISABLED: '1', KEEL_AUDIENCE: 'public', KEEL_CONTENT: content, KEEL_OUT_DIR: out, KEEL_NOW: now },
  });
  return { ms: performance.now() - started, status: child.status, stderr: `${child.stdout}\n${child.stderr}` };
}

/** Gzip size of a page and of the stylesheets it links from the site (none when CSS is inlined). */
function pageWeight(site: string, page: string): { html: number; css: number } | undefined {
  const file = join(site, page);
  if (!existsSync(file)) return undefined;
  const html = readFileSync(file);
  let css = 0;
  for (const m of html.toString('utf8').matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)) {
    const sheet = join(site, m[1]!);
    if (existsSync(sheet)) css += gzipSync(readFileSync(sheet), { level: 9 }).length;
  }
  return { html: gzipSync(html, { level: 9 }).length, css };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Weights of the three pages of a built public site (the incident: an open one if any, else the newest). */
function weights(site: string, say: (line?: string) => void, label: string): void {
  const api = (file: string) => JSON.parse(readFileSync(join(site, 'api', 'v2', file), 'utf8')) as { incidents: { id: string }[] };
  const incident = api('incidents/unresolved.json').incidents[0]?.id ?? api('incidents.json').incidents[0]?.id;
  const pages: [string, string | undefined][] = [
    ['status page /', 'index.html'],
    [`incident /incidents/${incident ?? '(none)'}/`, incident === undefined ? undefined : `incidents/${incident}/index.html`],
    ['history /history/', 'history/index.html'],
  ];
  for (const [name, page] of pages) {
    const w = page === undefined ? undefined : pageWeight(site, page);
    if (!w) {
      say(`    ${label} ${name}: not built`);
      continue;
    }
    const total = w.html + w.css;
    const budget = page === 'index.html' ? `  (budget ${kib(STATUS_PAGE_BUDGET)}: ${total <= STATUS_PAGE_BUDGET ? 'within' : 'OVER'})` : '';
    say(`    ${label} ${name.padEnd(58)} ${kib(total).padStart(9)} gzip  [html ${kib(w.html)}, linked css ${kib(w.css)}]${budget}`);
  }
}

/** Builds the public site of the sample content and of the corpus; prints weights and build time. */
export function benchPublicSite({ root, corpus, now, say }: PublicBenchOptions): void {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  // Inside the project: Astro stages a build whose output lies outside it in a shared folder.
  const out = mkdtempSync(join(root, 'tmp', 'bench-public-'));
  try {
    say();
    say('public site (astro build, KEEL_AUDIENCE=public, leak guard included):');
    const sample = build(root, join(root, 'content'), join(out, 'sample'), '2026-11-22T13:00:00+01:00');
    if (sample.status !== 0) throw new Error(`public build of the sample content failed:\n${sample.stderr}`);
    weights(join(out, 'sample', 'public'), say, 'sample');
    const big = build(root, corpus, join(out, 'corpus'), now);
    const guard = /leak guard: [^\n]*/.exec(big.stderr)?.[0];
    say(`(g) public build of the corpus, end to end:        ${(big.ms / 1000).toFixed(2)} s wall   [exit ${big.status}${guard ? `; ${guard}` : ''}]`);
    if (big.status === 0) weights(join(out, 'corpus', 'public'), say, 'corpus');
    else say(big.stderr.split('\n').slice(-15).join('\n'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
