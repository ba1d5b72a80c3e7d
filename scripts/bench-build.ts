/**
 * The site builds of `npm run bench` (`npm run bench -- build`), each next to a floor measured
 * in the same run:
 *
 * - internal: the INTERNAL site of the 10,000-file corpus, its measurements included (issue 15),
 *   with the search index's share: Pagefind indexes the pages while Astro generates them, and
 *   the build logs how long it waited for the index after the last page and how long the index
 *   took in all (src/astro/integration.ts); the pages it indexed and the bundles' size on disk
 *   (issue 17);
 * - public: the PUBLIC site of the same corpus, 5,000 incidents, with the leak guard's own time
 *   (issue 21);
 * - history: the PUBLIC site of the tests' four-year, 800-incident Statuspage history
 *   (tests/support/statuspage-history.ts) imported as `keel import statuspage` does (issue 19),
 *   and beside it, when `hugo` is on PATH and KEEL_BENCH_CSTATE names a checkout of the cState
 *   theme, the same history built by cState on Hugo, the issue's comparison (scripts/lib/cstate.ts).
 *
 * The floor is a plain Astro build, no Keel code: a throwaway Astro project (in the project's
 * tmp/, so that it resolves the installed astro package) whose one content collection (the glob
 * loader) holds as many Markdown pages as Keel's build wrote HTML pages, each the size of one of
 * the content files the Keel build read (Markdown bodies as they are, YAML files as Markdown
 * text of the same length), rendered by one page route and listed by one index page.
 *
 * Peak memory is that of the build's whole process tree: /proc is polled every 50 ms and the
 * resident sizes of the build process and all its descendants are summed; the build process's
 * own kernel-kept maximum (getrusage's maxRSS, reported at exit) is taken when it is higher
 * (a peak between two polls).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { StatuspageExport } from '../src/importers/statuspage.ts';
import { buildEnv, buildNodeFlags } from '../src/cli/astro.ts';
import { CORPUS_NOW } from './lib/corpus.ts';
import { writeCstateSite } from './lib/cstate.ts';
import { writeImportedHistory } from './lib/history.ts';

export const BUILD_PARTS = ['internal', 'public', 'history'] as const;
export type BuildPart = (typeof BUILD_PARTS)[number];

export interface BuildBenchOptions {
  /** The Keel project root (where astro.config.mjs is). */
  root: string;
  /** The 10,000-file corpus, measurements included. */
  corpus: string;
  /** Which builds: internal, public (the corpus's), history (the 800-incident history). */
  parts: ReadonlySet<BuildPart>;
  say: (line?: string) => void;
  /** Keep the built sites and the floor projects (their folders are printed). */
  keep?: boolean;
}

export interface Measured {
  ms: number;
  status: number | null;
  /** Peak resident memory of the process tree, MiB. */
  peakMiB: number;
  /** CPU time of the build process (user + system, every thread), ms. */
  cpuMs: number;
  output: string;
}

const PAGE_SIZE = 4096;

/** Resident bytes of a process (0 when it is gone). */
function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

/** pid → parent pid of every process visible in /proc. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) is parenthesised and may hold spaces: fields follow the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // Exited between the listing and the read.
    }
  }
  return out;
}

/** Resident bytes of `pid` and all its descendants. */
function treeRss(pid: number): number {
  const ppids = parents();
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of ppids) {
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  let sum = 0;
  for (const p of tree) sum += rssOf(p);
  return sum;
}

/**
 * Reports the process's own peak resident memory (KiB; for peaks between two polls) and CPU
 * time (µs, every thread) on exit. CPU time counts the work done whatever else the machine runs.
 * The main thread's exit only: a preloaded module runs in every worker thread too, whose exits
 * come first (the internal build's SLO worker exits some 20 s in).
 */
const MAX_RSS =
  "--import=data:text/javascript,import{isMainThread}from'node:worker_threads';if(isMainThread)process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nkeel-bench-maxrss:'+u.maxRSS+' cpu:'+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

/**
 * `/usr/bin/time`'s report of a command that is not Node (hugo): its maximum resident size (KiB)
 * and CPU time, in the same shape as MAX_RSS's line.
 */
const TIME_FORMAT = 'keel-bench-time:%M %U %S';

/** Runs `node args` in `cwd`, timed spawn to exit, with the peak memory of its process tree. */
export function measuredNode(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  return measured(process.execPath, [MAX_RSS, ...args], cwd, { ...env, NODE_OPTIONS: '' });
}

/** Runs another program the same way, through /usr/bin/time for its own peak and CPU time. */
function measuredCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  return existsSync(TIME) ? measured(TIME, ['-f', TIME_FORMAT, command, ...args], cwd, env) : measured(command, args, cwd, env);
}

const TIME = '/usr/bin/time';

function measured(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let peak = 0;
    const poll = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    }, 50);
    child.on('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.on('close', (status) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      const node = /keel-bench-maxrss:(\d+) cpu:(\d+)/.exec(output);
      const time = /keel-bench-time:(\d+) ([\d.]+) ([\d.]+)/.exec(output);
      const ownBytes = node ? Number(node[1]) * 1024 : time ? Number(time[1]) * 1024 : 0;
      resolveRun({
        ms,
        status,
        peakMiB: Math.max(peak, ownBytes) / 1024 / 1024,
        cpuMs: node ? Number(node[2]) / 1000 : time ? (Number(time[2]) + Number(time[3])) * 1000 : Number.NaN,
        output: output.replace(/\n?keel-bench-(maxrss|time):.*\n?/, '\n'),
      });
    });
  });
}

/** Files below `dir` (relative paths), sorted. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** HTML pages of a built site. */
function countPages(site: string): number {
  return filesBelow(site).filter((f) => f.endsWith('.html')).length;
}

/**
 * One floor page's Markdown for a content file: a Markdown body as it is (an MDX one without
 * its comments), a YAML file as Markdown of the same length (its lines are list items and
 * paragraphs; document separators become blank lines).
 */
function floorMarkdown(file: string, text: string, n: number): string {
  const title = `title: "Page ${n}"`;
  if (/\.mdx?$/i.test(file)) {
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
    return `---\n${title}\n---\n${body}`;
  }
  return `---\n${title}\n---\n${text.replace(/^---$/gm, '')}`;
}

/**
 * Writes the plain Astro project of the floor into `dir`: `pages` Markdown pages (one of them
 * the index listing the others), each made from one of `sources` in turn (content files).
 */
function writeFloorProject(dir: string, pages: number, sources: { file: string; text: string }[]): void {
  const md = join(dir, 'pages-md');
  mkdirSync(md, { recursive: true });
  mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  // The same build settings as Keel's (src/astro/config.ts), no integration.
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "export default { output: 'static', build: { inlineStylesheets: 'always', format: 'directory' }, devToolbar: { enabled: false }, prefetch: false };\n",
  );
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    "import { defineCollection } from 'astro/content/config';\nimport { glob } from 'astro/loaders';\n\nexport const collections = { pages: defineCollection({ loader: glob({ pattern: '*.md', base: './pages-md' }) }) };\n",
  );
  writeFileSync(
    join(dir, 'src', 'pages', '[id].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('pages')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head>
<body><h1>{entry.data.title}</h1><Content /></body></html>
`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', 'index.astro'),
    `---
import { getCollection } from 'astro:content';
const pages = await getCollection('pages');
---
<html lang="en"><head><meta charset="utf-8" /><title>Pages</title></head>
<body><h1>Pages</h1><ul>{pages.map((p) => <li><a href={\`/\${p.id}/\`}>{p.data.title}</a></li>)}</ul></body></html>
`,
  );
  for (let i = 0; i < pages - 1; i++) {
    const source = sources[i % sources.length]!;
    writeFileSync(join(md, `page-${String(i).padStart(5, '0')}.md`), floorMarkdown(source.file, source.text, i));
  }
}

/** The content files a Keel build reads as pages' sources (measurements are data, not pages). */
function contentSources(content: string): { file: string; text: string }[] {
  return filesBelow(content)
    .filter((f) => /\.(md|mdx|ya?ml)$/i.test(f) && !f.startsWith('measurements/'))
    .map((file) => ({ file, text: readFileSync(join(content, file), 'utf8') }));
}

/** Astro's "✓ Completed in 1m 14s." (or "48.45s.") after "generating static routes", in ms. */
function generationMs(output: string): number | undefined {
  const done = /generating static routes[\s\S]*?✓ Completed in (?:(\d+)m ?)?(?:([\d.]+)s)?/.exec(output);
  if (!done) return undefined;
  return (Number(done[1] ?? 0) * 60 + Number(done[2] ?? 0)) * 1000;
}

/**
 * The search index's share of an internal build, as the build logs it ("search: 10034 pages
 * indexed by Pagefind (of 10042 read), 37.0 MiB in 4 bundles (1.88 s after the pages, 69.58 s in
 * all)"): Pagefind indexes while Astro generates the pages, so what it adds to the build is the
 * time after the last page; beside it, how long Astro took to generate the pages, and the
 * bundles' size as written (`<site>/pagefind/`, `<site>/pagefind-2/`, …).
 */
function searchIndexLine(keel: Measured, site: string, pages: number): string {
  const logged =
    /search: (\d+) pages indexed by Pagefind \(of (\d+) read\), [\d.]+ MiB(?: in (\d+) bundles?)? \(([\d.]+) s after the pages, ([\d.]+) s in all\)/.exec(
      keel.output,
    );
  const folders = readdirSync(site).filter((f) => /^pagefind(-\d+)?$/.test(f));
  const files = folders.flatMap((folder) => filesBelow(join(site, folder)).map((f) => join(site, folder, f)));
  const bundle = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const index = files.filter((f) => /\/pagefind(-\d+)?\/(index|filter|fragment)\//.test(f));
  const indexBytes = index.reduce((sum, f) => sum + statSync(f).size, 0);
  if (!logged) return `search index: ${(bundle / 1024 / 1024).toFixed(1)} MiB bundle; the build logged no Pagefind time`;
  const afterMs = Number(logged[4]) * 1000;
  const generated = generationMs(keel.output);
  return `search (Pagefind, beside the pages): ${s(Number(logged[5]) * 1000)} in all, ${s(afterMs)} of it after the pages${generated === undefined ? '' : ` (generated in ${s(generated)})`}, of the build's ${s(keel.ms)}; ${logged[1]} pages indexed (of ${logged[2]} read, of ${pages} in the site); ${folders.length} bundle${folders.length === 1 ? '' : 's'}, ${(bundle / 1024 / 1024).toFixed(1)} MiB, of which the index ${(indexBytes / 1024 / 1024).toFixed(1)} MiB in ${index.length} files`;
}

const ASTRO = (root: string) => join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (x: number) => `${Math.round(x)} MiB`;

interface SiteResult {
  keel: Measured;
  floor: Measured;
  pages: number;
  floorPages: number;
}

/**
 * Builds one Keel site (`astro build` with KEEL_AUDIENCE), then the plain-Astro floor with as
 * many pages, and prints both with their ratio.
 */
async function siteAgainstFloor(
  label: string,
  { root, say, keep }: BuildBenchOptions,
  content: string,
  audience: 'internal' | 'public',
  now: string,
  work: string,
): Promise<SiteResult | undefined> {
  const out = join(work, `keel-${label}`);
  const env = {
    ...process.env,
    ...buildEnv(process.env),
    ASTRO_TELEMETRY_DISABLED: '1',
    KEEL_AUDIENCE: audience,
    KEEL_CONTENT: content,
    KEEL_OUT_DIR: out,
    KEEL_NOW: now,
  };
  // With the Node flags and environment `keel build` gives this audience's build.
  const keel = await measuredNode([...buildNodeFlags(audience), ASTRO(root), 'build'], root, env);
  if (keel.status !== 0) {
    say(`    ${label}: keel build failed (exit ${keel.status}):`);
    say(keel.output.split('\n').slice(-20).join('\n'));
    return undefined;
  }
  const site = join(out, audience);
  const pages = countPages(site);
  const floorDir = join(work, `floor-${label}`);
  writeFloorProject(floorDir, pages, contentSources(content));
  const floor = await measuredNode([ASTRO(root), 'build'], floorDir, { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' });
  if (floor.status !== 0) {
    say(`    ${label}: the floor's build failed (exit ${floor.status}):`);
    say(floor.output.split('\n').slice(-20).join('\n'));
    return undefined;
  }
  const floorPages = countPages(join(floorDir, 'dist'));
  const files = filesBelow(site).length;
  const bytes = filesBelow(site).reduce((sum, f) => sum + statSync(join(site, f)).size, 0);
  const guard = /leak guard: [^\n]*/.exec(keel.output)?.[0];
  const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000))} pages/s`;
  say(
    `    keel ${audience} build:  ${s(keel.ms).padStart(7)} wall, ${s(keel.cpuMs).padStart(7)} CPU, peak ${mib(keel.peakMiB).padStart(8)}, ${perSecond(pages, keel.ms)}   [${pages} HTML pages, ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB${guard ? `; ${guard}` : ''}]`,
  );
  say(
    `    floor, plain Astro: ${s(floor.ms).padStart(7)} wall, ${s(floor.cpuMs).padStart(7)} CPU, peak ${mib(floor.peakMiB).padStart(8)}, ${perSecond(floorPages, floor.ms)}   [${floorPages} Markdown pages]`,
  );
  say(
    `    ratio keel/floor: ${(keel.ms / floor.ms).toFixed(2)}× the wall time, ${(keel.cpuMs / floor.cpuMs).toFixed(2)}× the CPU time, ${(keel.peakMiB / floor.peakMiB).toFixed(2)}× the peak memory`,
  );
  if (audience === 'internal') say(`    ${searchIndexLine(keel, site, pages)}`);
  if (!keep) {
    rmSync(out, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
  return { keel, floor, pages, floorPages };
}

/**
 * cState on Hugo beside Keel (issue 19's comparison), when `hugo` is on PATH and KEEL_BENCH_CSTATE
 * names a checkout of the cState theme: the same history as cState content (scripts/lib/cstate.ts),
 * built as cState's Netlify configuration does, `hugo --gc --minify`. Otherwise says how to enable it.
 */
async function cstateBeside(keel: Measured, exports: StatuspageExport[], work: string, say: (line?: string) => void): Promise<Measured | undefined> {
  const theme = process.env.KEEL_BENCH_CSTATE;
  const hugo = process.env.PATH?.split(':')
    .map((dir) => join(dir, 'hugo'))
    .find((file) => existsSync(file));
  if (!theme || !hugo) {
    say(
      `    cState on Hugo: not measured (${!hugo ? 'no hugo on PATH' : 'KEEL_BENCH_CSTATE is not set'}); install Hugo and set KEEL_BENCH_CSTATE=<a checkout of github.com/cstate/cstate> to time it beside Keel`,
    );
    return undefined;
  }
  const site = join(work, 'cstate');
  mkdirSync(site, { recursive: true });
  const issues = writeCstateSite(site, exports, dirname(resolve(theme)), basename(resolve(theme)));
  const run = await measuredCommand(hugo, ['--gc', '--minify', '--quiet', '-d', join(site, 'public')], site, process.env);
  if (run.status !== 0) {
    say(`    cState on Hugo: hugo failed (exit ${run.status}):`);
    say(run.output.split('\n').slice(-12).join('\n'));
    return undefined;
  }
  const pages = countPages(join(site, 'public'));
  say(
    `    cState on Hugo:     ${s(run.ms).padStart(7)} wall, ${s(run.cpuMs).padStart(7)} CPU, peak ${mib(run.peakMiB).padStart(8)}, ${Math.round(pages / (run.ms / 1000))} pages/s   [${pages} HTML pages from ${issues} issues]`,
  );
  say(
    `    ratio keel/cState: ${(keel.ms / run.ms).toFixed(2)}× the wall time, ${(keel.cpuMs / run.cpuMs).toFixed(2)}× the CPU time, ${(keel.peakMiB / run.peakMiB).toFixed(2)}× the peak memory`,
  );
  return run;
}

/** The build parts of the bench; see the module comment. */
export async function benchBuilds(options: BuildBenchOptions): Promise<void> {
  const { root, corpus, parts, say, keep } = options;
  mkdirSync(join(root, 'tmp'), { recursive: true });
  // Inside the project: the floor resolves the installed astro, and Astro stages a build
  // whose output lies outside its root in a shared folder.
  const work = mkdtempSync(join(root, 'tmp', 'bench-build-'));
  try {
    if (parts.has('internal')) {
      say();
      say('internal site of the corpus (astro build, KEEL_AUDIENCE=internal; goal ≤ 60 s, ≤ 3 GB, ≤ 1.5× the floor):');
      const r = await siteAgainstFloor('internal', options, corpus, 'internal', CORPUS_NOW, work);
      if (r)
        say(
          `    goal: ${r.keel.ms <= 60_000 ? 'met' : 'NOT met'} (60 s), ${r.keel.peakMiB <= 3072 ? 'met' : 'NOT met'} (3 GB), ${r.keel.ms / r.floor.ms <= 1.5 ? 'met' : 'NOT met'} (1.5×)`,
        );
    }
    if (parts.has('public')) {
      say();
      say('public site of the corpus, 5,000 incidents (leak guard included; goal < 1 GB, guard a few seconds):');
      const r = await siteAgainstFloor('public', options, corpus, 'public', CORPUS_NOW, work);
      if (r) say(`    goal: ${r.keel.peakMiB < 1024 ? 'met' : 'NOT met'} (< 1 GB)`);
    }
    if (parts.has('history')) {
      const { content, files, now, exports } = writeImportedHistory(join(work, 'history'));
      say();
      say(
        `public site of the 800-incident, four-year Statuspage history of the tests (${files} files from keel import statuspage), against plain Astro and cState on Hugo (goal: not slower than cState, peak memory toward 300 MB):`,
      );
      const r = await siteAgainstFloor('history', options, content, 'public', now, work);
      if (r) {
        const cstate = await cstateBeside(r.keel, exports, work, say);
        say(
          `    goal: peak memory toward 300 MB (was about 735 MB): ${mib(r.keel.peakMiB)}${cstate ? `; not slower than cState: ${(r.keel.ms / cstate.ms).toFixed(2)}× its wall time, ${(r.keel.cpuMs / cstate.cpuMs).toFixed(2)}× its CPU time` : ''}`,
        );
      }
    }
  } finally {
    if (keep) say(`\nbuilt sites and floor projects kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
