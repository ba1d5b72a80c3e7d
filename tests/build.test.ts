/**
 * Builds tests/fixtures/site with `npm run build`'s script (both audiences, real `astro build`)
 * and inspects the output: what each site lists, that nothing internal reaches the public
 * site, that bad content stops the build with the validator's report, and that two builds
 * give the same bytes. Output goes to temporary folders (KEEL_OUT_DIR), never to dist/.
 *
 * The temporary folders are inside the project (tmp/, git-ignored), but one: the sample content
 * is also built from a content repository in the system's temporary folder, with no
 * node_modules above it or above its output (src/astro/staging.ts).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(root, 'tests', 'fixtures', 'site');
/** The project's Node 24 (the config imports .ts files natively), whatever runs Vitest. */
const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;

/** Strings that only internal pages may contain (see the fixture's files). */
const INTERNAL_MARKERS = [
  'KEELMARK-OWNER-7f3a', // services/checkout.yaml owner
  'KEELMARK-LINK-3c1d', // services/checkout.yaml internal link
  'KEELMARK-SERVICE-2b8c', // services/ledger.yaml: not on the status page
  'KEELMARK-TITLE-5e6f', // incident's internal title (the public one differs)
  'KEELMARK-RETRO-91c2', // retrospective body
  'KEELMARK-PRIVATE-INCIDENT-8a9b', // incident without a public block
  'KEELMARK-RUNBOOK-4d5e', // runbook body
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(args: string[], env: Record<string, string>, cwd = root): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(node, args, {
      cwd,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', KEEL_NOW: '2026-04-01T00:00:00Z', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

const build = (content: string, outDir: string) => run(['bin/keel.mjs', 'build'], { KEEL_CONTENT: content, KEEL_OUT_DIR: outDir });

/** Every file below `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

let tmp: string;
let first: Run;
let second: Run;
let bad: Run;
let badContent: string;
let wrongAudience: Run;
let publicOnly: Run;
let badAudienceFlag: Run;
/** A content repository (the sample content) and an output root elsewhere, outside the checkout. */
let outside: string;
let outsideBuild: Run;

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'build-test-'));
  badContent = join(tmp, 'bad-content');
  cpSync(fixture, badContent, { recursive: true });
  const incident = join(badContent, 'incidents', '2026-01-12-checkout-errors.md');
  writeFileSync(incident, readFileSync(incident, 'utf8').replace('severity: SEV2', 'severity: sev2'));
  outside = mkdtempSync(join(tmpdir(), 'keel-out-'));
  cpSync(join(root, 'content'), join(outside, 'repo'), { recursive: true });
  // Independent builds, side by side: each output folder has its own Astro cache.
  [first, second, bad, wrongAudience, publicOnly, badAudienceFlag, outsideBuild] = await Promise.all([
    build(relative(root, fixture), join(tmp, 'a')),
    build(relative(root, fixture), join(tmp, 'b')),
    build(badContent, join(tmp, 'bad')),
    run(['node_modules/astro/bin/astro.mjs', 'build'], { KEEL_AUDIENCE: 'staging', KEEL_CONTENT: fixture, KEEL_OUT_DIR: join(tmp, 'wrong') }),
    run(['bin/keel.mjs', 'build', '--audience', 'public', '--content', relative(root, fixture), '--out', join(tmp, 'public-only')], {}),
    run(['bin/keel.mjs', 'build', '--audience', 'staff', '--content', relative(root, fixture), '--out', join(tmp, 'staff')], {}),
    run(
      [join(root, 'bin', 'keel.mjs'), 'build', '--audience', 'public', '--out', join(outside, 'site')],
      { KEEL_NOW: '2026-11-22T13:00:00+01:00' },
      join(outside, 'repo'),
    ),
  ]);
  for (const [name, r] of Object.entries({ first, second, bad, wrongAudience, publicOnly, badAudienceFlag, outsideBuild })) {
    process.stdout.write(`keel build (${name}): exit ${r.code} in ${r.seconds.toFixed(1)}s\n`);
  }
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const page = (out: string, audience: string) => readFileSync(join(tmp, out, audience, 'index.html'), 'utf8');

describe('keel build of the fixture', () => {
  it('builds both audiences and says where to open them', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${relative(process.cwd(), join(tmp, 'a', 'public', 'index.html'))}`);
    expect(first.stdout).toContain(`${relative(process.cwd(), join(tmp, 'a', 'internal', 'index.html'))}`);
    expect(first.stdout).toContain('keel preview');
  });

  it('prints warnings without failing', () => {
    expect(first.stderr).toContain(
      'tests/fixtures/site/runbooks/checkout-5xx.md:6:15 warning runbook last reviewed 2025-01-10, more than 90d ago  runbook/stale',
    );
  });

  it('lists every loaded collection on the internal source index (/raw/)', () => {
    const html = readFileSync(join(tmp, 'a', 'internal', 'raw', 'index.html'), 'utf8');
    expect(html).toContain('<title>Sources · Fixture Org</title>');
    const counts = { services: 2, maintenance: 1, incidents: 2, runbooks: 1, concerns: 1, experiments: 0, slos: 1, slis: 0 };
    for (const [name, count] of Object.entries(counts)) {
      expect(html).toMatch(new RegExp(`<th scope="row">(<a href="#${name}">)?${name}(</a>)?</th><td>${count}</td>`));
    }
    for (const id of [
      'checkout',
      'ledger',
      '2026-03-db-upgrade',
      '2026-01-12-checkout-errors',
      '2026-02-02-ledger-lag',
      'checkout-5xx',
      'checkout-single-region',
      'checkout-availability',
    ]) {
      expect(html).toContain(`<code>${id}</code>`);
    }
    // The markers are really there to be found: internal titles show on the internal site.
    expect(html).toContain('KEELMARK-SERVICE-2b8c');
    expect(html).toContain('KEELMARK-PRIVATE-INCIDENT-8a9b');
  });

  it("renders an incident's retrospective on its internal page, with the source beside it", () => {
    const html = readFileSync(join(tmp, 'a', 'internal', 'raw', 'incidents', '2026-01-12-checkout-errors', 'index.html'), 'utf8');
    expect(html).toContain('<h2 id="body">Retrospective</h2><div class="prose"><h2 id="what-happened">What happened</h2>');
    expect(html).toContain('<p>A bad config (KEELMARK-RETRO-91c2) rolled out to every checkout pod at once.</p>');
    expect(html).toMatch(/<details data-pagefind-ignore><summary>Source<\/summary><pre>## What happened/);
  });

  it("gives the search index the main of an entry's own page, and no raw page", () => {
    const searched = /<main[^>]* data-pagefind-body/;
    const raw = (...path: string[]) => readFileSync(join(tmp, 'a', 'internal', 'raw', ...path, 'index.html'), 'utf8');
    expect(raw('incidents', '2026-01-12-checkout-errors')).not.toMatch(searched);
    expect(raw('runbooks', 'checkout-5xx')).not.toMatch(searched);
    expect(readFileSync(join(tmp, 'a', 'internal', 'incidents', '2026-01-12-checkout-errors', 'index.html'), 'utf8')).toMatch(searched);
    expect(readFileSync(join(tmp, 'a', 'internal', 'runbooks', 'checkout-5xx', 'index.html'), 'utf8')).toMatch(searched);
  });

  it('shows the organisation, components and public incident titles on the public index', () => {
    const html = page('a', 'public');
    expect(html).toContain('<title>Status · Fixture Org</title>');
    expect(html).toContain('<h1>Fixture Org status</h1>');
    expect(html).toContain('<h3>Web app</h3>');
    expect(html).toContain('<a href="/components/checkout/">Checkout</a>');
    expect(html).toContain('Incident: Elevated checkout errors.');
    // One small inline script (arrow keys across the uptime bars' days), nothing loaded from elsewhere.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script>']);
    expect(html).toMatch(/<script>[^<]*querySelectorAll\('\[data-bar\]'\)/);
  });

  it('puts no internal-only string into any file of the public site', () => {
    const dir = join(tmp, 'a', 'public');
    const leaks: string[] = [];
    for (const file of files(dir)) {
      const text = readFileSync(join(dir, file), 'latin1');
      for (const marker of INTERNAL_MARKERS) if (text.includes(marker)) leaks.push(`${file}: ${marker}`);
    }
    expect(leaks).toEqual([]);
    expect(files(dir)).not.toContain('internal/index.html');
  });

  it('gives the same bytes when built twice', () => {
    for (const audience of ['public', 'internal']) {
      const a = join(tmp, 'a', audience);
      const b = join(tmp, 'b', audience);
      expect(files(b)).toEqual(files(a));
      for (const file of files(a)) {
        expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), `${audience}/${file} differs`).toBe(true);
      }
    }
  });
});

describe('keel build --audience', () => {
  it('builds the one site it names, and says where it is', () => {
    expect(publicOnly.code, publicOnly.stderr).toBe(0);
    expect(existsSync(join(tmp, 'public-only', 'public', 'index.html'))).toBe(true);
    expect(existsSync(join(tmp, 'public-only', 'internal'))).toBe(false);
    expect(publicOnly.stdout).toContain('keel: built the public site (public ');
    expect(publicOnly.stdout).toContain(relative(process.cwd(), join(tmp, 'public-only', 'public', 'index.html')));
    expect(publicOnly.stdout).not.toContain('building the internal site');
  });

  it('refuses an audience it does not know with exit 2, building nothing', () => {
    expect(badAudienceFlag.code).toBe(2);
    expect(badAudienceFlag.stderr).toContain('keel: --audience must be one of public, internal (got "staff")');
    expect(existsSync(join(tmp, 'staff'))).toBe(false);
  });
});

describe('keel build of content with errors', () => {
  it('fails with a non-zero exit, before building anything', () => {
    expect(bad.code).toBe(1);
    expect(existsSync(join(tmp, 'bad', 'public'))).toBe(false);
    expect(existsSync(join(tmp, 'bad', 'internal'))).toBe(false);
    expect(bad.stderr).toContain('keel: the public build failed');
  });

  it('prints the report keel validate prints, without a stack trace', async () => {
    const validate = await run(['bin/keel.mjs', 'validate', '--content', badContent], {});
    expect(validate.code).toBe(1);
    const line = validate.stdout.split('\n').find((l) => l.includes(' error '));
    expect(line).toBe(
      `${relative(root, join(badContent, 'incidents', '2026-01-12-checkout-errors.md'))}:3:11 error severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev2")  schema/enum`,
    );
    // The whole report, hints and summary included, appears verbatim in the build output.
    expect(bad.stderr).toContain(validate.stdout.trimEnd());
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(bad.stdout + bad.stderr).not.toContain('Stack trace');
  });
});

describe('keel build --out outside the checkout, from a content repository', () => {
  // Astro's prerender bundle imports packages by name; below the output folder or the content
  // repository (no node_modules above either) the build failed with "Cannot find package".
  it('builds the site into the output folder, with nothing of the build left beside it', () => {
    expect(outsideBuild.code, outsideBuild.stderr).toBe(0);
    expect(outsideBuild.stdout).toContain('keel: built the public site (public ');
    expect(existsSync(join(outside, 'site', 'public', 'index.html'))).toBe(true);
    expect(readFileSync(join(outside, 'site', 'public', 'index.html'), 'utf8')).toContain('<title>');
    const hidden = (dir: string) =>
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.split('/').some((part) => part.startsWith('.')));
    // The output root holds the site and Keel's cache (.cache/); no .prerender, no half-moved folder.
    expect(hidden(join(outside, 'site', 'public'))).toEqual([]);
    expect(readdirSync(join(outside, 'site')).sort()).toEqual(['.cache', 'public']);
    // And the content repository stays as it was: no .astro/ of Astro's.
    expect(readdirSync(join(outside, 'repo')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('astro build with an unknown audience', () => {
  it('stops with a usage error naming the allowed audiences', () => {
    expect(wrongAudience.code).toBe(2);
    expect(wrongAudience.stderr).toContain('keel: KEEL_AUDIENCE must be one of public, internal (got "staging")');
    expect(wrongAudience.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(tmp, 'wrong'))).toBe(false);
  });
});
