/**
 * `npm run bench -- [--corpus DIR] [--seed N] [--scale F] [--runs N] [--keep] [--no-profile]`
 *
 * Times `keel validate` on the 10,000-file corpus (scripts/lib/corpus.ts) against the floor:
 * reading every file and YAML-parsing it in one fresh process (scripts/lib/floor.ts). Then
 * writes the corpus's measurements (hourly, 90 days per SLO) and times `keel report slos
 * --format json` against its own floor: reading and parsing the same CSV files (its validate
 * step reads them too). Then `keel validate --changed HEAD` with one changed file against the
 * full run, in a temporary git repository of the corpus (h). Prints plain figures and peak
 * memory (max RSS), asserts nothing. Last, the site builds against plain-Astro floors
 * (scripts/bench-build.ts); `npm run bench -- build` (or `internal`, `public`, `history`) runs
 * only those.
 * Every measurement is a fresh child process of this Node (process.execPath), timed end to
 * end, median of --runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_NOW, DEFAULT_SEED, generateCorpus } from './lib/corpus.ts';
import { writeHistory } from './lib/history.ts';
import { summarizeProfile } from './lib/profile.ts';
import { benchPublicSite } from './lib/public-bench.ts';
import { benchBuilds, BUILD_PARTS, type BuildPart } from './bench-build.ts';
import { LINT_RULES } from '../src/lint/rules.ts';

const ROOT = resolve(import.meta.dirname, '..');
const KEEL = join(ROOT, 'bin', 'keel.mjs');
const FLOOR = join(ROOT, 'scripts', 'lib', 'floor.ts');
/**
 * Preloaded into measured runs: reports the process's peak memory and CPU time (user + system,
 * every thread) on exit. CPU time counts the work done, whatever else the machine runs: on a
 * shared machine its ratios hold where wall times drift.
 */
const MAX_RSS =
  "--import=data:text/javascript,import{isMainThread}from'node:worker_threads';if(isMainThread)process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nkeel-bench-maxrss:'+u.maxRSS+' cpu:'+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

const USAGE = `Usage: npm run bench -- [build|internal|public|history ...] [--corpus DIR] [--seed N] [--scale F] [--runs N] [--keep] [--no-profile] [--no-public] [--no-changed]

  --corpus DIR   time this content folder instead of generating one
  --seed N       corpus seed (default ${DEFAULT_SEED})
  --scale F      corpus scale (default 1: 10,000 files)
  --runs N       runs per measurement, the median is reported (default 3)
  --keep         keep the generated corpus (its folder is printed)
  --no-profile   skip the profiled validate run that splits its time
  --no-public    skip the public site (page weights, public build of the corpus)
  --no-changed   skip keel validate --changed (a git repository of the corpus, one file changed)
  --no-lint      skip the lint's share of validate on the corpus's incidents
  --no-build     skip the site builds against their plain-Astro floors (scripts/bench-build.ts)

  build          only the site builds: internal (the corpus's internal site), public (the
                 corpus's public site) and history (an 800-incident imported history's public
                 site), each against a plain-Astro floor; name one or more to run only those
`;

const { values, positionals } = parseArgs({
  allowNegative: true,
  allowPositionals: true,
  options: {
    corpus: { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: true },
    public: { type: 'boolean', default: true },
    changed: { type: 'boolean', default: true },
    lint: { type: 'boolean', default: true },
    build: { type: 'boolean', default: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknownPart = positionals.find((p) => p !== 'build' && !(BUILD_PARTS as readonly string[]).includes(p));
if (unknownPart !== undefined) {
  process.stderr.write(`bench: unknown part "${unknownPart}"\n\n${USAGE}`);
  process.exit(2);
}
/** The build parts asked for by name (`npm run bench -- build`); empty: the whole bench. */
const onlyBuilds = new Set<BuildPart>(positionals.flatMap((p) => (p === 'build' ? BUILD_PARTS : [p as BuildPart])));
const runs = Math.max(1, Number(values.runs) || 3);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
const scale = values.scale === undefined ? 1 : Number(values.scale);

const say = (line = '') => process.stdout.write(`${line}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const env = { ...process.env, KEEL_NOW: CORPUS_NOW, NODE_OPTIONS: '' };

/** Runs node with args, timed end to end (spawn to exit). */
function timedNode(args: string[]): { ms: number; cpuMs: number; status: number | null; stdout: string; stderr: string; maxRssMiB: number | undefined } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [MAX_RSS, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (child.error) throw child.error;
  const rss = /keel-bench-maxrss:(\d+) cpu:(\d+)/.exec(child.stderr);
  return {
    ms,
    cpuMs: rss ? Number(rss[2]) / 1000 : Number.NaN,
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    maxRssMiB: rss ? Number(rss[1]) / 1024 : undefined,
  };
}
const mib = (x: number | undefined) => (x === undefined ? '?' : `${Math.round(x)} MiB`);

/**
 * (h) `keel validate` against `keel validate --changed HEAD` with one changed file, same run,
 * interleaved: the corpus copied into a temporary git repository (a package.json beside it, so
 * that the parse cache lives in its node_modules/.cache/keel), committed, one incident edited.
 * "Cold" runs start without the cache (and write it); "warm" runs find it.
 */
function benchChanged(corpus: string): void {
  const repo = mkdtempSync(join(tmpdir(), 'keel-bench-changed-'));
  const gitEnv = {
    ...env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.error?.message ?? r.stderr}`);
  };
  try {
    const content = join(repo, 'content');
    cpSync(corpus, content, { recursive: true });
    writeFileSync(join(repo, 'package.json'), '{ "private": true }\n');
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    try {
      git('init', '-q', '-b', 'main');
    } catch (cause) {
      say(`\n(h) keel validate --changed: skipped (${(cause as Error).message.trim()})`);
      return;
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'corpus');
    const incidents = join(content, 'incidents');
    const changedFile = join(incidents, readdirSync(incidents).sort()[0]!);
    writeFileSync(changedFile, readFileSync(changedFile, 'utf8').replace(/^title: .*$/m, 'title: Edited in a pull request'));
    const cache = join(repo, 'node_modules', '.cache', 'keel');
    const full: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const warmCpu: number[] = [];
    let last: ReturnType<typeof timedNode> | undefined;
    for (let i = 0; i < runs; i++) {
      full.push(timedNode([KEEL, 'validate', '--content', content]).ms);
      rmSync(cache, { recursive: true, force: true });
      cold.push(timedNode([KEEL, 'validate', '--content', content, '--changed', 'HEAD']).ms);
      last = timedNode([KEEL, 'validate', '--content', content, '--changed', 'HEAD']);
      warm.push(last.ms);
      warmCpu.push(last.cpuMs);
    }
    const lines = last!.stdout.trim().split('\n');
    say();
    say(`(h) one changed file in a git repository of the corpus, same run, interleaved:`);
    say(`    keel validate (every file):                     ${s(median(full))} wall   [runs ${full.map(s).join(', ')}]`);
    say(
      `    keel validate --changed HEAD, warm cache:        ${s(median(warm))} wall   [runs ${warm.map(s).join(', ')}; ${(median(full) / median(warm)).toFixed(1)}× faster; peak memory ${mib(last!.maxRssMiB)}]`,
    );
    say(
      `    keel validate --changed HEAD, cold (no cache):   ${s(median(cold))} wall   [runs ${cold.map(s).join(', ')}; parses every file once and writes the cache]`,
    );
    say(
      `    keel validate --changed HEAD, warm, CPU time:    ${s(median(warmCpu))} cpu    [runs ${warmCpu.map(s).join(', ')}; the goal is 0.5 s wall on a quiet machine, where wall ≈ CPU]`,
    );
    say(`    "${lines[0]}" … "${lines.at(-1)}"`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/**
 * (i) The blameless-language lint's share of `keel validate` on a body-heavy folder: the
 * corpus's incidents (their retrospectives average about 600 words, as real ones do: 138 public
 * postmortems of seven organisations average 530) with what they reference (keel.yaml,
 * services, SLOs, runbooks), validated with the lint and with every lint rule turned off in
 * keel.yaml (which skips the lint: src/rules/configuration.ts), interleaved.
 */
function benchLint(corpus: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'keel-bench-lint-'));
  try {
    const on = join(dir, 'on');
    const off = join(dir, 'off');
    for (const folder of [on, off]) {
      for (const part of ['keel.yaml', 'services', 'slos', 'runbooks', 'incidents']) {
        if (existsSync(join(corpus, part))) cpSync(join(corpus, part), join(folder, part), { recursive: true });
      }
    }
    const settings = readFileSync(join(off, 'keel.yaml'), 'utf8');
    writeFileSync(join(off, 'keel.yaml'), `${settings.replace(/\n?$/, '\n')}rules:\n${LINT_RULES.map(({ id }) => `  ${id}: off\n`).join('')}`);
    const withLint: ReturnType<typeof timedNode>[] = [];
    const without: ReturnType<typeof timedNode>[] = [];
    for (let i = 0; i < runs; i++) {
      withLint.push(timedNode([KEEL, 'validate', '--content', on]));
      without.push(timedNode([KEEL, 'validate', '--content', off]));
    }
    const summary = withLint[0]!.stdout.trim().split('\n').at(-1) ?? '';
    const share = (xs: number[], ys: number[]) => `${((100 * (median(xs) - median(ys))) / median(xs)).toFixed(0)}%`;
    const wall = (rs: ReturnType<typeof timedNode>[]) => rs.map((r) => r.ms);
    const cpu = (rs: ReturnType<typeof timedNode>[]) => rs.map((r) => r.cpuMs);
    say();
    say(`(i) the lint on the corpus's incidents (and what they reference), same run, interleaved:`);
    say(
      `    keel validate, lint on:                         ${s(median(wall(withLint)))} wall, ${s(median(cpu(withLint)))} CPU   [runs ${wall(withLint).map(s).join(', ')}; "${summary}"]`,
    );
    say(
      `    keel validate, every lint rule off:             ${s(median(wall(without)))} wall, ${s(median(cpu(without)))} CPU   [runs ${wall(without).map(s).join(', ')}]`,
    );
    say(
      `    the lint's share of validate: ${share(wall(withLint), wall(without))} of the wall time, ${share(cpu(withLint), cpu(without))} of the CPU time (goal: at most 25%)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- corpus -----------------------------------------------------------------------------------
let dir: string;
let temp: string | undefined;
// The history build reads its own generated history: run alone, it needs no corpus.
const historyOnly = onlyBuilds.size > 0 && [...onlyBuilds].every((part) => part === 'history');
if (historyOnly) {
  dir = '';
} else if (values.corpus) {
  dir = resolve(values.corpus);
  say(`corpus: ${dir} (given)`);
} else {
  temp = mkdtempSync(join(tmpdir(), 'keel-bench-'));
  dir = join(temp, 'content');
  const started = performance.now();
  // The site builds alone need the measurements (the internal site shows them) from the start.
  const result = generateCorpus({ out: dir, seed, scale, measurements: onlyBuilds.size > 0 });
  say(
    `corpus: ${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB, generated in ${s(performance.now() - started)} (seed ${seed}, scale ${scale}) at ${dir}`,
  );
}
const [load1] = loadavg();
say(
  `machine: ${cpus().length} cores, load average ${load1!.toFixed(2)} at start; node ${process.version}; KEEL_NOW=${CORPUS_NOW}; ${runs} run(s) each, median`,
);
say();

if (onlyBuilds.size > 0) {
  try {
    await benchBuilds({ root: ROOT, corpus: dir, parts: onlyBuilds, say, keep: values.keep });
  } finally {
    if (temp && !values.keep) rmSync(temp, { recursive: true, force: true });
    else if (temp) say(`\ncorpus kept at ${dir}`);
  }
  process.exit(0);
}

try {
  // --- startup baseline -------------------------------------------------------------------------
  const startup = median(Array.from({ length: runs }, () => timedNode(['-e', '0']).ms));
  say(`node startup (node -e 0):                          ${s(startup)}`);

  // --- floors -----------------------------------------------------------------------------------
  const floorRun = (parser: 'yaml' | 'js-yaml') => {
    const r = timedNode([FLOOR, dir, parser]);
    if (r.status !== 0) throw new Error(`floor (${parser}) failed: ${r.stderr}`);
    return { wall: r.ms, cpu: r.cpuMs, ...(JSON.parse(r.stdout) as { workMs: number; importMs: number; files: number; documents: number }) };
  };
  const summary = (results: { wall: number; cpu: number; workMs?: number }[]) => ({
    wall: median(results.map((r) => r.wall)),
    cpu: median(results.map((r) => r.cpu)),
    min: Math.min(...results.map((r) => r.wall)),
    work: median(results.map((r) => r.workMs ?? 0)),
    all: results.map((r) => r.wall),
  });
  const yamlRuns = Array.from({ length: runs }, () => floorRun('yaml'));
  const yamlFloor = summary(yamlRuns);
  say(
    `(a) floor, yaml package (parseAllDocuments + toJS): ${s(yamlFloor.wall)} wall   [in-process read+parse ${s(yamlFloor.work)}; ${yamlRuns[0]!.files} files, ${yamlRuns[0]!.documents} YAML documents; runs ${yamlFloor.all.map(s).join(', ')}]`,
  );
  // The js-yaml floor and keel validate interleaved (A/B/A/B): both see the same machine.
  const jsRuns: ReturnType<typeof floorRun>[] = [];
  const validations: ReturnType<typeof timedNode>[] = [];
  for (let i = 0; i < runs; i++) {
    jsRuns.push(floorRun('js-yaml'));
    validations.push(timedNode([KEEL, 'validate', '--content', dir]));
  }
  const jsFloor = summary(jsRuns);
  say(
    `    floor, js-yaml (loadAll, CORE_SCHEMA):           ${s(jsFloor.wall)} wall, ${s(jsFloor.cpu)} CPU   [in-process read+parse ${s(jsFloor.work)}; runs ${jsFloor.all.map(s).join(', ')}]`,
  );

  // --- keel validate ----------------------------------------------------------------------------
  const checked = summary(validations.map((v) => ({ wall: v.ms, cpu: v.cpuMs })));
  const validate = checked.wall;
  const summaryLine = validations[0]!.stdout.trim().split('\n').pop() ?? '';
  say(
    `(b) keel validate, end to end:                     ${s(validate)} wall, ${s(checked.cpu)} CPU   [runs ${validations.map((v) => s(v.ms)).join(', ')}, interleaved with the js-yaml floor's; exit ${validations[0]!.status}: "${summaryLine}"]`,
  );
  const validateMin = checked.min;
  say(
    `(c) ratio b/a: ${(validate / yamlFloor.wall).toFixed(2)}× the yaml-package floor; ${(validate / jsFloor.wall).toFixed(2)}× the js-yaml floor (wall), ${(checked.cpu / jsFloor.cpu).toFixed(2)}× (CPU time)` +
      `   [fastest runs: validate ${s(validateMin)}, floors ${s(yamlFloor.min)} and ${s(jsFloor.min)}: ${(validateMin / yamlFloor.min).toFixed(2)}× and ${(validateMin / jsFloor.min).toFixed(2)}×]`,
  );
  say(`goal: within 2× the js-yaml floor`);
  say(`    peak memory (max RSS) of keel validate: ${mib(Math.max(...validations.map((v) => v.maxRssMiB ?? 0)))}`);

  // --- where validate's time goes: the folder of (b), profiled before its measurements are written ---
  if (values.profile) {
    const profDir = mkdtempSync(join(tmpdir(), 'keel-bench-prof-'));
    try {
      const r = timedNode(['--cpu-prof', `--cpu-prof-dir=${profDir}`, KEEL, 'validate', '--content', dir]);
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error('no profile written');
      const p = summarizeProfile(join(profDir, file));
      const pct = (ms: number) => `${Math.round((100 * ms) / p.totalMs)}%`;
      say();
      say(`validate in-process split (one run under --cpu-prof, ${s(r.ms)} wall with profiling overhead; sampled ${s(p.totalMs)}):`);
      for (const [phase, ms] of p.phases) say(`  ${phase.padEnd(34)} ${s(ms).padStart(8)}  ${pct(ms).padStart(4)}`);
      say('  load, by what did the work:');
      for (const [what, ms] of p.load.slice(0, 8)) say(`    ${what.padEnd(32)} ${s(ms).padStart(8)}  ${pct(ms).padStart(4)}`);
      say('  heaviest functions (self time):');
      for (const [fn, ms] of p.top.slice(0, 8)) say(`    ${s(ms).padStart(8)}  ${fn}`);
    } finally {
      rmSync(profDir, { recursive: true, force: true });
    }
  }

  // --- keel validate --changed (issue 10): one changed file, in a git repository of the corpus ---
  if (values.changed) benchChanged(dir);

  // --- the lint's share (issue 20): the corpus's incidents with and without the lint -----------
  if (values.lint) benchLint(dir);

  // --- keel report slos -------------------------------------------------------------------------
  // A given folder is used as it is; a generated corpus gets its measurements now (after the
  // validate runs above, so that those stay comparable with earlier benches).
  if (!values.corpus) generateCorpus({ out: dir, seed, scale, force: true, measurements: true });
  if (existsSync(join(dir, 'measurements'))) {
    say();
    const csv = Array.from({ length: runs }, () => {
      const r = timedNode([FLOOR, dir, 'csv']);
      if (r.status !== 0) throw new Error(`floor (csv) failed: ${r.stderr}`);
      return { wall: r.ms, ...(JSON.parse(r.stdout) as { workMs: number; files: number; documents: number; bytes: number }) };
    });
    const csvWall = median(csv.map((r) => r.wall));
    say(
      `(d) floor, measurements (read + parse the CSV files): ${s(csvWall)} wall   [in-process ${s(median(csv.map((r) => r.workMs)))}; ${csv[0]!.files} files, ${csv[0]!.documents} rows, ${(csv[0]!.bytes / 1024 / 1024).toFixed(1)} MiB]`,
    );
    const reports = Array.from({ length: runs }, () => timedNode([KEEL, 'report', 'slos', '--format', 'json', '--content', dir]));
    const report = median(reports.map((r) => r.ms));
    const entries = reports[0]!.status === 0 ? (JSON.parse(reports[0]!.stdout) as { slos: unknown[] }).slos.length : 0;
    say(
      `(e) keel report slos --format json, end to end:    ${s(report)} wall   [runs ${reports.map((r) => s(r.ms)).join(', ')}; exit ${reports[0]!.status}; ${entries} objectives; peak memory ${mib(Math.max(...reports.map((r) => r.maxRssMiB ?? 0)))}]`,
    );
    const validateWith = median(Array.from({ length: runs }, () => timedNode([KEEL, 'validate', '--content', dir]).ms));
    say(`    keel validate on the same folder (a part of e):    ${s(validateWith)} wall`);
    say(`(f) ratio e/d: ${(report / csvWall).toFixed(2)}× the CSV floor; the SLO evaluation itself (e − validate): ${s(report - validateWith)}`);
  }

  // --- a long incident history (issue 7): 1,000 incidents of 5 updates, as the importer writes them
  {
    const history = mkdtempSync(join(tmpdir(), 'keel-bench-history-'));
    try {
      const { files } = writeHistory(history);
      // Interleaved: floor, validate, floor, validate.
      const floorRuns: ReturnType<typeof timedNode>[] = [];
      const validations: ReturnType<typeof timedNode>[] = [];
      for (let i = 0; i < runs; i++) {
        const r = timedNode([FLOOR, history, 'js-yaml']);
        if (r.status !== 0) throw new Error(`history floor failed: ${r.stderr}`);
        floorRuns.push(r);
        validations.push(timedNode([KEEL, 'validate', '--content', history]));
      }
      const historyValidate = median(validations.map((v) => v.ms));
      const historyFloor = median(floorRuns.map((r) => r.ms));
      const cpuRatio = median(validations.map((v) => v.cpuMs)) / median(floorRuns.map((r) => r.cpuMs));
      say();
      say(`(g) history of 1,000 incidents × 5 updates (${files} files from keel import statuspage):`);
      say(
        `    floor, js-yaml read+parse: ${s(historyFloor)}; keel validate: ${s(historyValidate)} (${(historyValidate / historyFloor).toFixed(2)}× the floor wall, ${cpuRatio.toFixed(2)}× its CPU time; goal 1.5×); "${validations[0]!.stdout.trim().split('\n').at(-1)}"`,
      );
    } finally {
      rmSync(history, { recursive: true, force: true });
    }
  }

  // --- the public site (issue 8): page weights and the corpus's public build ----------------------
  if (values.public) benchPublicSite({ root: ROOT, corpus: dir, now: CORPUS_NOW, say });

  // --- the site builds against plain-Astro floors (issues 15, 19, 21) ---------------------------
  if (values.build) await benchBuilds({ root: ROOT, corpus: dir, parts: new Set(BUILD_PARTS), say, keep: values.keep });
} finally {
  if (temp && !values.keep) rmSync(temp, { recursive: true, force: true });
  else if (temp) say(`\ncorpus kept at ${dir}`);
}
