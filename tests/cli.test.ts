/**
 * `keel validate` as users run it: main(argv, io) with a captured io for every option, and the
 * real bin/keel.mjs once, to see the real exit code and that nothing prints a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { formatSummary } from '../src/rules/report.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The clock the broken fixture's expectations assume (stale and future runbook reviews). */
const KEEL_NOW = '2026-11-22T12:00:00Z';
const BROKEN = 'tests/fixtures/broken';
const VALID = 'tests/fixtures/valid';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], { env = {}, cwd = ROOT }: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW, ...env }, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const USAGE_HEAD = 'Usage: keel <command> [options]';

// What the validator itself says of the fixtures: the CLI must print exactly that.
let broken: Awaited<ReturnType<typeof validateContent>>;
let brokenSummary: string;
let validSummary: string;
let validFiles: number;
beforeAll(async () => {
  broken = await validateContent(join(ROOT, BROKEN), { cwd: ROOT, now: Date.parse(KEEL_NOW) });
  brokenSummary = formatSummary(broken.summary);
  const valid = await validateContent(join(ROOT, VALID), { cwd: ROOT, now: Date.parse(KEEL_NOW) });
  validSummary = formatSummary(valid.summary);
  validFiles = valid.summary.files;
});

describe('exit codes', () => {
  it('0 when there are no problems', async () => {
    const r = await run(['validate', '--content', VALID]);
    expect(r).toEqual({ code: 0, out: `${validSummary}`, err: '' });
  });

  it('1 when there are errors, after listing every one and a summary', async () => {
    const r = await run(['validate', '--content', BROKEN]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    const first = lines.findIndex((l) => l.startsWith('tests/fixtures/broken/concerns/pager-fatigue.md:'));
    expect(lines.slice(first, first + 4)).toEqual([
      'tests/fixtures/broken/concerns/pager-fatigue.md:4:11 error raisedOn must be a date YYYY-MM-DD (got "2026-10-32")  schema/date',
      '  hint: write dates as 2026-03-04',
      'tests/fixtures/broken/concerns/pager-fatigue.md:5:9 error status must be one of raised, accepted, rejected, epic, in-progress, addressed (got "open")  schema/enum',
      '  hint: Where it stands: raised → accepted/rejected → epic → in-progress → addressed',
    ]);
    const expected = await validateContent(join(ROOT, BROKEN), { cwd: ROOT, now: Date.parse(KEEL_NOW) });
    expect(lines.at(-1)).toBe(formatSummary(expected.summary));
    expect(lines.filter((l) => /^\S+:\d+:\d+ (error|warning) /.test(l))).toHaveLength(expected.diagnostics.length);
    expect(r.out).toContain(
      'tests/fixtures/broken/slos/checkout-availability.yaml:14:15 error spec.objectives[0].target must be less than 1 (got 1.5)  schema/range\n' +
        '  hint: target is a ratio in [0, 1): write 0.995 for 99.5 %, or use targetPercent',
    );
  });

  it('0 when there are only warnings, 1 with --strict', async () => {
    // Half a year on, the valid fixture's runbook is overdue for review: a warning.
    const later = { KEEL_NOW: '2027-06-01T00:00:00Z' };
    const lenient = await run(['validate', '--content', VALID], { env: later });
    expect(lenient).toEqual({
      code: 0,
      out:
        'tests/fixtures/valid/runbooks/api-errors.md:6:15 warning runbook last reviewed 2026-10-01, more than 180d ago  runbook/stale\n' +
        '  hint: walk through it against the current system, fix what changed, and update lastReviewed\n' +
        `${validFiles} files checked: 0 errors, 1 warning`,
      err: '',
    });
    const strict = await run(['validate', '--strict', '--content', VALID], { env: later });
    expect(strict.code).toBe(1);
    expect(strict.out).toBe(lenient.out.replace(' warning runbook', ' error runbook').replace('0 errors, 1 warning', '1 error, 0 warnings'));
  });

  it('--strict turns every warning of the broken fixture into an error', async () => {
    const r = await run(['validate', '--content', BROKEN, '--strict']);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/:\d+:\d+ warning /);
    const expected = await validateContent(join(ROOT, BROKEN), { cwd: ROOT, now: Date.parse(KEEL_NOW), strict: true });
    expect(r.out.split('\n').at(-1)).toBe(formatSummary(expected.summary));
  });
});

describe('usage errors exit 2 with a message on stderr', () => {
  it.each([
    [[], 'keel: no command given'],
    [['check'], 'keel: unknown command "check"'],
    [['validate', '--colour'], "keel: Unknown option '--colour'"],
    [['validate', '--strict=yes'], "keel: Option '--strict' does not take an argument"],
    [['validate', '--content'], "keel: Option '--content <value>' argument missing"],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(message)).toBe(true);
    expect(r.err).toContain(USAGE_HEAD);
  });

  it('an unknown format', async () => {
    expect(await run(['validate', '--content', VALID, '--format', 'xml'])).toEqual({
      code: 2,
      out: '',
      err: 'keel: --format must be one of text, github, gitlab, json (got "xml")',
    });
  });

  it('a folder given as an argument instead of with --content', async () => {
    expect(await run(['validate', VALID])).toEqual({
      code: 2,
      out: '',
      err: `keel: unexpected argument "${VALID}"; pass the folder with --content`,
    });
  });

  it.each([
    ['KEEL_NOW', '2026-11-22T12:00:60Z', 'keel: KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "2026-11-22T12:00:60Z")'],
    [
      'KEEL_NOW',
      '2026-11-22T12:00:00+25:00',
      'keel: KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "2026-11-22T12:00:00+25:00")',
    ],
    [
      'KEEL_NOW',
      '2026-11-22T12:00:00-00:60',
      'keel: KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "2026-11-22T12:00:00-00:60")',
    ],
    ['KEEL_NOW', '2026\n::error::x', 'keel: KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "2026\\n::error::x")'],
    ['SOURCE_DATE_EPOCH', '99999999999999999999', 'keel: SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "99999999999999999999")'],
    ['SOURCE_DATE_EPOCH', '-1', 'keel: SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "-1")'],
  ])('a malformed %s: %j', async (name, value, message) => {
    const env = name === 'KEEL_NOW' ? { KEEL_NOW: value.replace('\\n', '\n') } : { KEEL_NOW: '', SOURCE_DATE_EPOCH: value };
    expect(await run(['validate', '--content', VALID], { env })).toEqual({ code: 2, out: '', err: message });
  });

  it('the leap second of 2016 as KEEL_NOW', async () => {
    expect(await run(['validate', '--content', VALID], { env: { KEEL_NOW: '2016-12-31T23:59:60Z' } })).toMatchObject({ err: '' });
  });

  it('a malformed KEEL_NOW', async () => {
    const r = await run(['validate', '--content', VALID], { env: { KEEL_NOW: 'yesterday' } });
    expect(r.code).toBe(2);
    expect(r.err).toBe('keel: KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "yesterday")');
    expect(r.out).toBe('');
  });

  it('help is not an error', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['validate', '--help']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out.startsWith(USAGE_HEAD)).toBe(true);
      expect(r.out).toContain('--content DIR      content folder (default: $KEEL_CONTENT, else . if it holds keel.yaml, else ./content)');
      expect(r.err).toBe('');
    }
  });
});

describe('which folder is checked', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-cli-'));
    symlinkSync(join(ROOT, VALID), join(dir, 'content'), 'dir');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('./content of the working directory by default', async () => {
    expect(await run(['validate'], { cwd: dir })).toEqual({ code: 0, out: `${validSummary}`, err: '' });
  });

  it('KEEL_CONTENT when set', async () => {
    const r = await run(['validate'], { env: { KEEL_CONTENT: BROKEN } });
    expect(r.code).toBe(1);
    expect(r.out.split('\n').at(-1)).toBe(brokenSummary);
  });

  it('./content when KEEL_CONTENT is empty (an unset CI variable)', async () => {
    expect(await run(['validate'], { cwd: dir, env: { KEEL_CONTENT: '' } })).toEqual({ code: 0, out: `${validSummary}`, err: '' });
  });

  it('--content over KEEL_CONTENT', async () => {
    expect(await run(['validate', '--content', VALID], { env: { KEEL_CONTENT: BROKEN } })).toMatchObject({ code: 0 });
    expect(await run(['validate', `--content=${VALID}`], { env: { KEEL_CONTENT: BROKEN } })).toMatchObject({ code: 0 });
  });

  it('a missing folder, a file, a device or a folder without keel.yaml is a usage error, exit 2', async () => {
    expect(await run(['validate', '--content', 'no/such/folder'])).toEqual({
      code: 2,
      out: '',
      err: 'keel: content folder "no/such/folder" does not exist; pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml',
    });
    expect(await run(['validate', '--content', 'package.json'])).toEqual({
      code: 2,
      out: '',
      err: 'keel: content folder "package.json" is not a folder; pass --content DIR with the folder holding keel.yaml',
    });
    expect(await run(['validate', '--content', '/dev/null'], { cwd: '/' })).toMatchObject({
      code: 2,
      out: '',
      err: 'keel: content folder "dev/null" is not a folder; pass --content DIR with the folder holding keel.yaml',
    });
    expect(await run(['validate', '--content', 'tests'])).toEqual({
      code: 2,
      out: '',
      err: 'keel: content folder "tests" has no keel.yaml; is it the right folder? (create keel.yaml with organisation and timeZone to start one)',
    });
    expect(await run(['validate', '--content', ''])).toEqual({ code: 2, out: '', err: 'keel: --content must name a folder (got an empty value)' });
  });

  it('paths are shown relative to the working directory', async () => {
    const r = await run(['validate', '--content', 'broken'], { cwd: join(ROOT, 'tests', 'fixtures') });
    expect(r.out.split('\n')).toContain('broken/concerns/pager-fatigue.md:4:11 error raisedOn must be a date YYYY-MM-DD (got "2026-10-32")  schema/date');
  });
});

describe('--format github', () => {
  it('prints one workflow command per problem, the hint after an escaped newline, then the summary', async () => {
    const r = await run(['validate', '--content', BROKEN, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(broken.diagnostics.length + 1);
    expect(lines).toContain(
      '::error file=tests/fixtures/broken/concerns/pager-fatigue.md,line=4,col=11,title=schema/date::raisedOn must be a date YYYY-MM-DD (got "2026-10-32")%0Ahint: write dates as 2026-03-04',
    );
    // Without a hint there is no second line.
    expect(lines).toContain(
      '::error file=tests/fixtures/broken/maintenance/2026-12-01-database-upgrade.yaml,line=6,col=7,title=maintenance/window::the window ends (1 Dec 2026, 22:00 CET) 1 h before it starts (1 Dec 2026, 23:00 CET)',
    );
    expect(lines).toContain(
      '::warning file=tests/fixtures/broken/runbooks/api-errors.md,line=6,col=15,title=runbook/stale::runbook last reviewed 2026-03-01, more than 90d ago%0Ahint: walk through it against the current system, fix what changed, and update lastReviewed',
    );
    expect(lines).toContain(
      '::error file=tests/fixtures/broken/incidents/2026-11-03-checkout-outage.md,line=4,col=10,title=schema/timestamp-offset::started must have a UTC offset (got "2026-11-03 09:12")%0Ahint: every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    );
    expect(lines.slice(0, -1).every((l) => /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z]+\/[a-z0-9-]+::[^\n]+$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(brokenSummary);
  });

  it('prints only the summary when all is well', async () => {
    expect(await run(['validate', '--content', VALID, '--format', 'github'])).toEqual({ code: 0, out: `${validSummary}`, err: '' });
  });
});

describe('--format github in GitHub Actions', () => {
  it('also appends a job summary to $GITHUB_STEP_SUMMARY, one row per finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-summary-'));
    try {
      const file = join(dir, 'summary.md');
      writeFileSync(file, '## an earlier step\n');
      const r = await run(['validate', '--content', BROKEN, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: file } });
      expect(r.code).toBe(1);
      const summary = readFileSync(file, 'utf8');
      expect(summary.startsWith('## an earlier step\n## keel validate\n')).toBe(true);
      expect(summary).toContain(brokenSummary);
      const rows = summary.split('\n').filter((line) => line.startsWith('| `'));
      expect(rows).toHaveLength(Math.min(broken.diagnostics.length, 200));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--format gitlab', () => {
  it('prints the code-quality report: one issue per finding', async () => {
    const r = await run(['validate', '--content', BROKEN, '--format', 'gitlab']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.out) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.map((i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name}`)).toEqual(
      broken.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`),
    );
  });
});

describe('--format json', () => {
  it('prints one JSON document with the summary and every diagnostic', async () => {
    const r = await run(['validate', '--content', BROKEN, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { summary: unknown; diagnostics: Record<string, unknown>[] };
    expect(report.summary).toEqual(broken.summary);
    expect(report.diagnostics).toEqual(broken.diagnostics);
    expect(report.diagnostics.find((d) => d.file === 'tests/fixtures/broken/concerns/pager-fatigue.md')).toEqual({
      file: 'tests/fixtures/broken/concerns/pager-fatigue.md',
      line: 4,
      column: 11,
      severity: 'error',
      message: 'raisedOn must be a date YYYY-MM-DD (got "2026-10-32")',
      rule: 'schema/date',
      hint: 'write dates as 2026-03-04',
    });
    // A diagnostic without a hint has no hint key.
    expect(report.diagnostics.find((d) => d.rule === 'maintenance/window')).not.toHaveProperty('hint');
  });

  it('prints a usage error as JSON too, on stdout, with the line on stderr', async () => {
    const cases: [string[], string][] = [
      [['validate', '--format', 'json', '--content', 'no-such-folder'], 'no-such-folder'],
      [['validate', '--format=json', '--no-such-option'], "Unknown option '--no-such-option'"],
      [['validate', '--format', 'json', 'content'], 'unexpected argument "content"'],
      [['report', 'nothing', '--format', 'json'], 'nothing'],
    ];
    for (const [argv, says] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      const printed = JSON.parse(r.out) as { error: { kind: string; message: string; exitCode: number } };
      expect(printed.error.kind).toBe('usage');
      expect(printed.error.exitCode).toBe(2);
      expect(printed.error.message).toContain(says);
      expect(r.err.split('\n')[0]).toBe(`keel: ${printed.error.message}`);
    }
    // Text output keeps stdout empty.
    expect((await run(['validate', '--content', 'no-such-folder'])).out).toBe('');
  });

  it('is valid JSON for a clean run too', async () => {
    const r = await run(['validate', '--content', VALID, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ summary: { files: 13, errors: 0, warnings: 0 }, diagnostics: [] });
  });
});

describe('bin/keel.mjs', () => {
  it('runs with the real exit code and no stack trace', () => {
    const child = spawnSync(process.execPath, ['bin/keel.mjs', 'validate', '--content', BROKEN], {
      cwd: ROOT,
      env: { ...process.env, KEEL_NOW, KEEL_CONTENT: '' },
      encoding: 'utf8',
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toBe('');
    expect(child.stdout).toContain(
      'tests/fixtures/broken/services/checkout.yaml:6:16 error YAML syntax error: Nested mappings are not allowed in compact mappings  yaml/syntax\n',
    );
    expect(child.stdout.endsWith(`${brokenSummary}\n`)).toBe(true);
    expect(child.stdout).not.toMatch(/^\s+at /m);
  });

  it('keeps its exit code and prints no stack trace when the reader closes the pipe early', () => {
    // `| true` closes stdout before keel writes: the writes fail with EPIPE.
    const child = spawnSync('bash', ['-c', `"${process.execPath}" bin/keel.mjs validate --content ${BROKEN} --format json | true; exit \${PIPESTATUS[0]}`], {
      cwd: ROOT,
      env: { ...process.env, KEEL_NOW },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
  });
});
