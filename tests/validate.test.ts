/**
 * The validator over whole content folders: the broken fixture (every rule id Keel can emit,
 * each at its file:line:col), the valid fixture (no diagnostics), and the OpenSLO v1 spec's
 * own examples.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGNORED_TOP_LEVEL } from '../src/kinds/index.ts';
import { ALL_RULES } from '../src/rules/index.ts';
import { formatDiagnosticText, formatReport } from '../src/rules/report.ts';
import { validateContent, type ValidationResult } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', name);

const validate = (name: string, options: { strict?: boolean; mdxWorkerFrom?: number; keepSources?: boolean } = {}) =>
  validateContent(fixture(name), { cwd: ROOT, now: NOW, ...options });

/** Every file of a folder (hidden ones included), relative, with forward slashes. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const child = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? walk(dir, child) : [child];
  });
}

/** Files that became an entry: settings, every collection, measurement series. */
function entryFiles(result: ValidationResult): Set<string> {
  const { index } = result;
  const files = new Set<string>();
  if (index.settings) files.add(index.settings.file);
  for (const entries of Object.values(index.collections)) for (const e of entries) files.add(e.file);
  for (const m of index.measurements) files.add(m.file);
  return files;
}

/** Fallbacks no Keel schema can reach (every custom issue carries a rule; no multipleOf, maps or sets): unit-tested in src/content/zod-issues.test.ts. */
const UNREACHABLE = ['schema/custom', 'schema/invalid'];
/** Rules that need a folder of their own. */
const OWN_FOLDER = ['content/missing', 'settings/missing'];
/** Rules about keel.yaml `rules:`, tested in src/rules/settings. */
const SETTINGS_ONLY = ['settings/rule-config'];
/** The validator's guard: a rule that throws (src/rules/guard.test.ts makes one throw on purpose). */
const GUARD = ['internal/rule-failed'];
/** Rules about hostile input (links, special files, bytes, limits), pinned by tests/hostile/ and src/rules/service. */
const HOSTILE = [
  'content/encoding',
  'content/link',
  'content/special-file',
  'limit/file-size',
  'limit/findings',
  'limit/items',
  'limit/mdx',
  'limit/nesting',
  'limit/time',
  'measurement/number',
  'service/dependency-cycle',
  'yaml/unknown-tag',
];

describe('the broken fixture', () => {
  const prefix = 'tests/fixtures/broken/';
  let result: ValidationResult;
  beforeAll(async () => {
    result = await validate('broken');
  });

  it('reports every problem of every file, in order, each at its file:line:col', async () => {
    expect(result.diagnostics.every((d) => d.file.startsWith(prefix))).toBe(true);
    // The whole report as users read it: every message, hint and position.
    await expect(formatReport(result.diagnostics, result.summary, 'text')).toMatchFileSnapshot('__snapshots__/broken-fixture.txt');
    expect(result.ok).toBe(false);
  });

  it('covers every rule of the registry, and prints no rule the registry lacks', () => {
    const fired = new Set(result.diagnostics.map((d) => d.rule));
    const registered = ALL_RULES.map((r) => r.id);
    const missing = registered.filter((rule) => !fired.has(rule) && ![...OWN_FOLDER, ...UNREACHABLE, ...SETTINGS_ONLY, ...HOSTILE, ...GUARD].includes(rule));
    expect(missing).toEqual([]);
    expect([...fired].filter((rule) => !registered.includes(rule))).toEqual([]);
    expect(UNREACHABLE.filter((rule) => fired.has(rule))).toEqual([]);
  });

  it("prints each finding with its rule's declared severity, unless keel.yaml says otherwise or the place changes it", () => {
    const declared = new Map(ALL_RULES.map((r) => [r.id, r.severity]));
    // Findings whose severity depends on where they are: a retrospective/* finding on a draft or
    // in-review retrospective is a warning; a lint/* finding in a customer statement is an error.
    const byPlace = (d: (typeof result.diagnostics)[number]) =>
      (d.rule.startsWith('retrospective/') && d.severity === 'warning') || (d.rule.startsWith('lint/') && d.severity === 'error');
    expect(result.diagnostics.filter((d) => d.severity !== declared.get(d.rule) && !byPlace(d))).toEqual([]);
    expect(result.diagnostics.filter(byPlace).length).toBeGreaterThan(0);
  });

  it('reports the three planted errors of the issue, each at its file:line:col', () => {
    const text = result.diagnostics.map(formatDiagnosticText).join('\n');
    expect(text).toContain(
      'tests/fixtures/broken/services/checkout.yaml:6:16 error YAML syntax error: Nested mappings are not allowed in compact mappings  yaml/syntax\n' +
        '  hint: quote values that contain ": " or start with a special character (@ ` | > * & ! % #)',
    );
    expect(text).toContain(
      'tests/fixtures/broken/slos/checkout-availability.yaml:14:15 error spec.objectives[0].target must be less than 1 (got 1.5)  schema/range\n' +
        '  hint: target is a ratio in [0, 1): write 0.995 for 99.5 %, or use targetPercent',
    );
    expect(text).toContain(
      'tests/fixtures/broken/incidents/2026-11-03-checkout-outage.md:4:10 error started must have a UTC offset (got "2026-11-03 09:12")  schema/timestamp-offset\n' +
        '  hint: every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    );
  });

  it('never drops a file silently: each one became an entry or is named in a diagnostic', () => {
    const root = fixture('broken');
    const entries = entryFiles(result);
    const reported = new Set(result.diagnostics.map((d) => d.file));
    const files = walk(root).map((f) => relative(ROOT, join(root, f)).split('\\').join('/'));
    const silent = files.filter((f) => !entries.has(f) && !reported.has(f) && !IGNORED_TOP_LEVEL.includes(f.slice(prefix.length)));
    expect(silent).toEqual([]);
    // The author documentation at the top is the one file that is neither, by design.
    expect(files.filter((f) => !entries.has(f) && !reported.has(f))).toEqual([`${prefix}README.md`]);
    expect(result.summary.files).toBe(files.length - 1);
  });

  it('does not report references to entries that exist but are invalid: their own problems are reported', () => {
    const cascade = `${prefix}incidents/2026-11-15-cascade.md`;
    expect(result.diagnostics.filter((d) => d.file === cascade)).toEqual([]);
    expect(result.index.collections.incidents.find((i) => i.file === cascade)?.data.services).toEqual(['checkout', 'api']);
    expect(result.index.rejected?.services).toEqual(new Set(['Payment_Gateway', 'billing', 'checkout', 'empty']));
    expect(result.index.rejected?.slos).toEqual(
      new Set([
        'checkout-availability',
        'ratio-with-op',
        'threshold-without-value',
        'two-targets',
        'both-indicators',
        'no-indicator',
        'rolling-with-calendar',
        'window-without-rolling',
      ]),
    );
    expect(result.diagnostics.filter((d) => d.file === `${prefix}measurements/checkout-availability.csv`)).toEqual([]);
  });

  it('still checks the references of an entry that failed its schema, so one run reports both', () => {
    const runbook = result.diagnostics
      .filter((d) => d.file === `${prefix}runbooks/queue-backlog.md`)
      .map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
    expect(runbook).toContain('3:12 ref/unknown unknown service "queue"');
    expect(runbook).toContain('7:12 schema/enum severity.default must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "SEV5")');
    expect(result.index.invalid?.runbooks?.map((e) => e.id)).toContain('queue-backlog');
    expect(result.index.collections.runbooks.map((e) => e.id)).not.toContain('queue-backlog');
  });

  it('treats warnings as errors with strict', async () => {
    const strict = await validate('broken', { strict: true });
    expect(strict.summary).toEqual({ files: result.summary.files, errors: result.summary.errors + result.summary.warnings, warnings: 0 });
    expect(strict.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`),
    );
  });

  it('reports the same when MDX is checked on a worker thread (large folders)', async () => {
    const viaWorker = await validate('broken', { mdxWorkerFrom: 1 });
    expect(viaWorker.diagnostics).toEqual(result.diagnostics);
    expect(viaWorker.diagnostics.some((d) => d.rule === 'mdx/syntax')).toBe(true);
  });

  it('reports the same without the sources a build needs (as the CLI loads)', async () => {
    const lean = await validate('broken', { keepSources: false });
    expect(lean.diagnostics).toEqual(result.diagnostics);
    expect(lean.index.collections.incidents.every((i) => i.raw === undefined && i.body === '')).toBe(true);
    expect(result.index.collections.incidents.some((i) => i.body !== '')).toBe(true);
  });

  it('uses the pinned clock: the same runbook is fresh a week after its review', async () => {
    const stale = result.diagnostics.filter((d) => d.rule === 'runbook/stale');
    expect(stale.map((d) => d.file)).toEqual([`${prefix}runbooks/api-errors.md`]);
    const earlier = await validateContent(fixture('broken'), { cwd: ROOT, now: Date.parse('2026-03-08T00:00:00Z') });
    expect(earlier.diagnostics.filter((d) => d.rule === 'runbook/stale')).toEqual([]);
    // …and the reviews dated after it are in the future then, the one of a runbook that fails its schema too.
    expect(earlier.diagnostics.filter((d) => d.rule === 'runbook/review-date').map((d) => d.file)).toEqual([
      `${prefix}runbooks/api-5xx.md`,
      `${prefix}runbooks/queue-backlog.md`,
      `${prefix}runbooks/stale.md`,
      `${prefix}runbooks/web-down.md`,
    ]);
  });
});

describe('the valid fixture', () => {
  it('passes with zero diagnostics', async () => {
    const result = await validate('valid');
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ files: walk(fixture('valid')).length - 1, errors: 0, warnings: 0 });
    expect(result.ok).toBe(true);
  });

  it('turns every file into entries, with the defaults of keel.yaml applied', async () => {
    const result = await validate('valid');
    const root = fixture('valid');
    const files = walk(root).map((f) => relative(ROOT, join(root, f)).split('\\').join('/'));
    const entries = entryFiles(result);
    expect(files.filter((f) => !entries.has(f))).toEqual(['tests/fixtures/valid/README.md']);
    const { index } = result;
    expect(index.settings?.data.severities.SEV1).toEqual({
      timeToAction: '15m',
      retrospectiveDueDays: 5,
      description: 'Major functionality unavailable for many customers.',
    });
    expect(index.settings?.data.severities.SEV0.timeToAction).toBe('5m');
    expect(index.collections.services.map((s) => s.id)).toEqual(['api', 'ledger', 'web']);
    expect(index.collections.slos.map((s) => s.id)).toEqual(['api-availability', 'api-latency']);
    expect(index.collections.incidents.map((i) => [i.id, i.format, i.bodyLine])).toEqual([
      ['2026-11-02-api-errors', 'md', 48],
      ['2026-11-20-web-slow', 'mdx', 17],
    ]);
    expect(index.measurements.map((m) => [m.id, m.series.type, m.series.time.length, m.rowLines[2] ?? 1])).toEqual([
      ['api-availability', 'ratio', 3, 4],
      ['api-latency', 'threshold', 2, 1],
    ]);
  });
});

describe('folders of their own', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-validate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing content folder (content/missing)', async () => {
    const result = await validateContent(join(dir, 'nowhere'), { cwd: dir, now: NOW });
    expect(result.diagnostics).toEqual([
      {
        file: 'nowhere',
        line: 1,
        column: 1,
        severity: 'error',
        message: 'content folder not found',
        rule: 'content/missing',
        hint: 'pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml',
      },
    ]);
    expect(result.ok).toBe(false);
  });

  it('reports a missing keel.yaml (settings/missing) and still checks the rest', async () => {
    const content = join(dir, 'no-settings');
    mkdirSync(join(content, 'services'), { recursive: true });
    writeFileSync(join(content, 'services', 'api.yaml'), 'name: API\nowner: team\ntier: 1\nstatusPage: false\n');
    writeFileSync(join(content, 'services', 'web.yaml'), 'name: Web\nowner: team\ntier: 1\nstatusPage: false\ndependsOn: [apii]\n');
    const result = await validateContent(content, { cwd: dir, now: NOW });
    expect(result.diagnostics.map(formatDiagnosticText)).toEqual([
      'no-settings/keel.yaml:1:1 error keel.yaml is missing  settings/missing\n  hint: create keel.yaml with at least organisation (name, url) and timeZone',
      'no-settings/services/web.yaml:5:13 error unknown service "apii"  ref/unknown\n  hint: did you mean "api"?',
    ]);
    expect(result.summary).toEqual({ files: 2, errors: 2, warnings: 0 });
  });
});

describe('files as editors save them', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-files-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a byte-order mark and Windows line endings, and skips hidden files and folders', async () => {
    const content = join(dir, 'content');
    for (const folder of ['services', 'incidents', '.git', 'runbooks/.obsidian']) mkdirSync(join(content, folder), { recursive: true });
    writeFileSync(join(content, 'keel.yaml'), '\uFEFForganisation:\r\n  name: X\r\n  url: https://x.example\r\ntimeZone: UTC\r\n');
    writeFileSync(join(content, 'services', 'api.yaml'), '\uFEFFname: API\r\nowner: team\r\ntier: 1\r\nstatusPage: false\r\n');
    writeFileSync(
      join(content, 'incidents', '2026-11-03-x.md'),
      '\uFEFF---\r\ntitle: x\r\nseverity: SEV3\r\nstarted: 2026-11-03 09:12\r\nservices: [api]\r\n---\r\nBody\r\n',
    );
    writeFileSync(join(content, '.DS_Store'), 'binary');
    writeFileSync(join(content, '.git', 'HEAD'), 'ref: refs/heads/main');
    writeFileSync(join(content, 'runbooks', '.obsidian', 'workspace.json'), '{}');
    writeFileSync(join(content, 'services', '.api.yaml.swp'), 'swap');
    const result = await validateContent(content, { cwd: dir, now: NOW });
    expect(result.diagnostics.map(formatDiagnosticText)).toEqual([
      'content/incidents/2026-11-03-x.md:4:10 error started must have a UTC offset (got "2026-11-03 09:12")  schema/timestamp-offset\n' +
        '  hint: every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    ]);
    expect(result.summary.files).toBe(3);
    expect(result.index.collections.services.map((s) => s.data.name)).toEqual(['API']);
  });
});

describe('the OpenSLO v1 examples (tests/fixtures/openslo)', () => {
  const prefix = 'tests/fixtures/openslo/';
  let result: ValidationResult;
  beforeAll(async () => {
    result = await validate('openslo');
  });
  const of = (file: string) => result.diagnostics.filter((d) => d.file === `${prefix}${file}`).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);

  it('accepts the valid examples: DataSource, AlertCondition, Service', () => {
    for (const file of ['slos/readme-datasource.yaml', 'slos/readme-alert-condition.yaml', 'slos/readme-service.yaml', 'slos/keel-datasources.yaml']) {
      expect(of(file), file).toEqual([]);
    }
    const { collections } = result.index;
    expect(collections.dataSources.map((d) => d.id)).toEqual(['datadog-datasource', 'string']);
    expect(collections.alertConditions.map((d) => [d.id, d.data.spec.condition])).toEqual([
      ['cpu-usage-breach', { kind: 'burnrate', op: 'lte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m' }],
    ]);
    expect(collections.openSloServices.map((d) => d.id)).toEqual(['foo']);
  });

  it('rejects an op on a ratio objective, as the spec says (op is only for thresholdMetric)', () => {
    for (const [file, line] of [
      ['slos/examples-ratio-timeslices.yaml', 33],
      ['slos/examples-low-traffic.yaml', 34],
    ] as const) {
      expect(of(file), file).toEqual([`${line}:11 openslo/objective-op op is not allowed with a ratioMetric SLI`]);
    }
  });

  it('rejects the README SLO example, which lacks the required budgetingMethod (and a time window, which Keel requires)', () => {
    expect(of('slos/readme-slo-inline-sli.yaml')).toEqual([
      '8:3 schema/required spec.timeWindow is required',
      '8:3 schema/required spec.budgetingMethod is required',
    ]);
  });

  it('rejects names that are not RFC 1123 labels (the spec requires support only for those)', () => {
    expect(of('slos/readme-alert-policy-ref.yaml')).toEqual([
      '5:9 schema/id metadata.name is not a valid id (got "AlertPolicy")',
      '14:18 schema/id spec.notificationTargets[0].targetRef is not a valid id (got "OnCallDevopsMailNotification")',
    ]);
    expect(of('slos/readme-alert-policy-inline.yaml')).toEqual([
      '5:9 schema/id metadata.name is not a valid id (got "AlertPolicy")',
      '26:18 schema/id spec.notificationTargets[0].targetRef is not a valid id (got "OnCallDevopsMailNotification")',
    ]);
    expect(of('slos/readme-notification-targets.yaml')).toEqual([
      '6:9 schema/id metadata.name is not a valid id (got "OnCallDevopsMailNotification")',
      '14:9 schema/id metadata.name is not a valid id (got "OnCallDevopsSlackNotification")',
    ]);
  });

  it('reads an empty alertPolicies (null) as none, and then finds what it used to hide', () => {
    expect(of('slos/examples-occurrences.yaml')).toEqual([
      '19:11 schema/type spec.indicator.spec.thresholdMetric.metricSource.spec must be a mapping (got null)',
    ]);
    expect(of('slos/examples-timeslices.yaml')).toEqual(['36:11 openslo/objective-op op is not allowed with a ratioMetric SLI']);
  });

  it('has nothing else to say', () => {
    // Every finding is in a file whose whole list of findings a test above pins.
    const pinned = [
      'examples-ratio-timeslices',
      'examples-low-traffic',
      'readme-slo-inline-sli',
      'readme-alert-policy-ref',
      'readme-alert-policy-inline',
      'readme-notification-targets',
      'examples-occurrences',
      'examples-timeslices',
    ];
    expect(result.diagnostics.filter((d) => !pinned.some((name) => d.file === `${prefix}slos/${name}.yaml`))).toEqual([]);
  });
});
