/**
 * The sample organisation in content/ (Tidewater): it validates cleanly, has the shape the
 * docs and demos rely on, every YAML file names its editor schema, the committed JSON Schemas
 * and measurements are what the scripts generate, and the measurements tell the story.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { evaluateIndex } from '../src/cli/report-slos.ts';
import { listFiles } from '../src/core/walk.ts';
import { evaluateSlo } from '../src/domain/slo/evaluate.ts';
import { validateContent, type ValidationResult } from '../src/rules/validate.ts';
import { RETROSPECTIVE_EXTRA_SECTIONS, RETROSPECTIVE_SECTIONS } from '../src/schemas/retrospective.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const content = join(root, 'content');
const NOW = Date.parse('2026-11-22T12:00:00Z');
/** The project's Node 24 (the scripts are .ts run natively), whatever runs Vitest. */
const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;

let result: ValidationResult;
beforeAll(async () => {
  result = await validateContent(content, { cwd: root, now: NOW });
});

describe('content/ validates', () => {
  it('has no errors and no warnings', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(result.ok).toBe(true);
  });

  it('also passes --strict with KEEL_NOW pinned (the CLI path)', () => {
    const out = execFileSync(node, [join(root, 'bin', 'keel.mjs'), 'validate', '--strict', '--content', content], {
      cwd: root,
      env: { ...process.env, KEEL_NOW: '2026-11-22T12:00:00Z' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/files checked: no problems/);
  });

  it('holds the expected amount of everything', () => {
    const { collections, settings, measurements } = result.index;
    expect(settings).toBeDefined();
    expect(collections.services.length).toBeGreaterThanOrEqual(6);
    expect(collections.slos).toHaveLength(8);
    expect(collections.runbooks).toHaveLength(6);
    expect(collections.concerns).toHaveLength(4);
    expect(collections.experiments).toHaveLength(3);
    expect(collections.errorBudgetPolicies.length).toBeGreaterThanOrEqual(2);
    expect(measurements.map((m) => m.id).sort()).toEqual(collections.slos.map((s) => s.id).sort());
    const active = collections.incidents.filter((i) => i.data.resolved === undefined);
    expect(active).toHaveLength(1);
    expect(active[0]!.data.severity).toBe('SEV2');
  });
});

describe('the story', () => {
  it('services: some on the status page in groups, at least one kept off it', () => {
    const services = result.index.collections.services.map((s) => s.data);
    expect(services.some((s) => s.statusPage === false)).toBe(true);
    expect(services.filter((s) => s.statusPage && s.statusPage.group !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(services.some((s) => s.dependsOn.length > 0)).toBe(true);
  });

  it('the active SEV2 posts public updates at most 60 minutes apart', () => {
    const active = result.index.collections.incidents.find((i) => i.data.resolved === undefined)!.data;
    const times = active.public!.updates.map((u) => Date.parse(u.at));
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(60 * 60_000);
    expect(active.public!.updates.some((u) => u.status === 'resolved')).toBe(false);
    expect(active.started >= '2026-11-20').toBe(true);
  });

  it('a resolved SEV1 has a published retrospective with owned, dated open follow-ups, in MDX', () => {
    const sev1 = result.index.collections.incidents.find((i) => i.data.severity === 'SEV1' && i.data.resolved !== undefined)!;
    expect(sev1.format).toBe('mdx');
    expect(sev1.data.review.status).toBe('published');
    expect(sev1.data.public!.updates.at(-1)!.status).toBe('resolved');
    for (const { heading } of [...RETROSPECTIVE_SECTIONS, ...RETROSPECTIVE_EXTRA_SECTIONS]) expect(sev1.body).toContain(`## ${heading}\n`);
    const open = sev1.data.followUps.filter((f) => f.status === 'open' || f.status === 'in-progress');
    expect(open.length).toBeGreaterThan(0);
    for (const f of open) expect(f.owner && f.due).toBeTruthy();
  });

  it('maintenance: one ahead of now, one completed', () => {
    const windows = result.index.collections.maintenance.map((m) => m.data);
    expect(windows.some((m) => Date.parse(m.scheduled.from) > NOW)).toBe(true);
    expect(windows.some((m) => Date.parse(m.scheduled.to) < NOW && m.updates.at(-1)!.status === 'completed')).toBe(true);
  });

  it('chaos day: three executed experiments of one game day; black-box alerts missed one', () => {
    const experiments = result.index.collections.experiments.map((e) => e.data);
    expect(new Set(experiments.map((e) => e.gameDay)).size).toBe(1);
    expect(experiments.every((e) => e.status === 'executed' && e.results !== undefined)).toBe(true);
    expect(experiments.filter((e) => e.results!.blackBoxAlertsFired === false)).toHaveLength(1);
  });

  it('concerns are in four different statuses; the ETL one is accepted with its evidence', () => {
    const concerns = result.index.collections.concerns.map((c) => c.data);
    expect(new Set(concerns.map((c) => c.status)).size).toBe(4);
    const etl = result.index.collections.concerns.find((c) => c.id === 'etl-silent-failures')!.data;
    expect(etl.status).toBe('accepted');
    expect(etl.decision?.outcome).toBe('accepted');
    expect(etl.assessment?.evidence.length).toBeGreaterThan(0);
    expect(etl.beforeAfter?.before && etl.beforeAfter.after).toBeTruthy();
  });

  it('settings-page-latency has under a quarter of its budget left and burns above 6 over the last hour', () => {
    const slo = result.index.collections.slos.find((s) => s.id === 'settings-page-latency')!.data;
    const series = result.index.measurements.find((m) => m.id === 'settings-page-latency')!.series;
    const now = series.time.at(-1)!;
    const [latest] = evaluateSlo({ slo, series, now }).objectives;
    expect(latest!.errorBudget.remaining).toBeGreaterThan(0);
    expect(latest!.errorBudget.remaining).toBeLessThan(0.25);
    expect(latest!.burnRates['1h']!.value).toBeGreaterThan(6);
    // Healthy before the regression: the same window a week earlier had most of its budget.
    const [weekBefore] = evaluateSlo({ slo, series, now: now - 7 * 86_400_000 }).objectives;
    expect(weekBefore!.errorBudget.remaining).toBeGreaterThan(0.75);
  });
});

describe('the SLO report (keel report slos)', () => {
  it('pins every figure of the sample: the JSON report at 2026-11-22T12:00Z', async () => {
    const out: string[] = [];
    const code = await main(['report', 'slos', '--format', 'json', '--content', content], {
      out: (t) => out.push(t),
      err: (t) => out.push(`stderr: ${t}`),
      env: { KEEL_NOW: '2026-11-22T12:00:00Z' },
      cwd: root,
    });
    expect(code).toBe(0);
    await expect(`${out.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/sample-report-slos.json');
  });

  it('settings-page-latency: the Fast burn step is in force, since the regression', () => {
    const [settings] = evaluateIndex(result.index, NOW, 'settings-page-latency');
    const policy = settings!.objectives[0]!.policies[0]!;
    const fast = policy.inForce.find((s) => s.step === 'Fast burn');
    expect(fast).toBeDefined();
    expect(fast!.since).toBeGreaterThan(Date.parse('2026-11-20T08:40:00Z'));
    expect(fast!.sinceStartOfHistory).toBe(false);
  });

  it('the SEV1 consumed more than a fifth of a budget: the policy wants a P0 follow-up, and it has one', () => {
    const sev1 = result.index.collections.incidents.find((i) => i.data.severity === 'SEV1')!;
    const shares = evaluateIndex(result.index, NOW).flatMap((e) =>
      e.objectives.flatMap((o) => o.incidents.filter((i) => i.id === sev1.id).map((i) => i.share ?? 0)),
    );
    expect(Math.max(...shares)).toBeGreaterThan(0.2);
    expect(sev1.data.followUps.some((f) => f.priority === 'P0')).toBe(true);
  });

  it('without its P0 follow-up, the SEV1 draws policy/incident-p0 warnings naming the SLO, the share and the policy', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'keel-sample-'));
    try {
      cpSync(content, copy, { recursive: true });
      const file = join(copy, 'incidents', '2026-10-14-card-payments-outage.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace('priority: P0', 'priority: P1'));
      const copied = await validateContent(copy, { cwd: root, now: NOW });
      expect(copied.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual([
        'policy/incident-p0 the incident consumed 297.6 % of the error budget of SLO "api-latency", over the 20 % at which policy "application-budget-policy" requires a P0 follow-up; none of its follow-ups is P0',
        'policy/incident-p0 the incident consumed 1186.9 % of the error budget of SLO "payment-authorisation", over the 20 % at which policy "money-and-data-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('the backtest: a page would have come before detection for settings-page-latency, after it for api-availability', () => {
    const lead = (slo: string) => evaluateIndex(result.index, NOW, slo)[0]!.objectives[0]!.backtest.incidents[0]!.leadMinutes;
    expect(lead('settings-page-latency')).toBeGreaterThan(0);
    expect(lead('api-availability')).toBeLessThan(0);
  });
});

describe('editor schemas', () => {
  const SCHEMA_COMMENT = /^# yaml-language-server: \$schema=(\S+)$/;
  const EXPECTED: Record<string, string> = {
    'keel.yaml': 'keel.schema.json',
    services: 'service.schema.json',
    maintenance: 'maintenance.schema.json',
    slos: 'openslo.schema.json',
  };

  it('every YAML file starts with a yaml-language-server comment naming an existing schema', () => {
    const yamlFiles = listFiles(content).filter((f) => /\.ya?ml$/.test(f));
    expect(yamlFiles.length).toBeGreaterThan(10);
    for (const rel of yamlFiles) {
      const path = join(content, ...rel.split('/'));
      const first = readFileSync(path, 'utf8').split('\n', 1)[0]!;
      const match = SCHEMA_COMMENT.exec(first);
      expect(match, `${rel}: first line`).not.toBeNull();
      const schema = resolve(dirname(path), match![1]!);
      expect(existsSync(schema), `${rel}: ${match![1]} exists`).toBe(true);
      expect(schema).toBe(join(root, 'public', 'schemas', EXPECTED[rel.split('/')[0]!]!));
    }
  });

  it('the committed JSON Schemas are current (scripts/json-schemas.ts --check)', () => {
    const out = execFileSync(node, [join(root, 'scripts', 'json-schemas.ts'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/JSON Schemas are current/);
  });

  it('--check fails on a stale folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-schemas-'));
    try {
      expect(() => execFileSync(node, [join(root, 'scripts', 'json-schemas.ts'), '--check', '--out', dir], { cwd: root, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('measurements', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-measurements-'));
    execFileSync(node, [join(root, 'scripts', 'measurements.ts'), '--out', dir], { cwd: root, stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the generator reproduces the committed CSVs byte for byte', () => {
    const committed = readdirSync(join(content, 'measurements')).sort();
    expect(readdirSync(dir).sort()).toEqual(committed);
    expect(committed).toHaveLength(8);
    for (const name of committed) {
      expect(readFileSync(join(dir, name)).equals(readFileSync(join(content, 'measurements', name))), name).toBe(true);
    }
  });

  it('every file has 90 days of hourly rows ending 2026-11-22T00:00:00Z', () => {
    for (const name of readdirSync(join(content, 'measurements'))) {
      const lines = readFileSync(join(content, 'measurements', name), 'utf8')
        .trimEnd()
        .split('\n');
      expect(['timestamp,good,total', 'timestamp,value']).toContain(lines[0]);
      expect(lines).toHaveLength(2161);
      expect(lines[1]!.split(',')[0]).toBe('2026-08-24T01:00:00Z');
      expect(lines.at(-1)!.split(',')[0]).toBe('2026-11-22T00:00:00Z');
    }
  });
});
