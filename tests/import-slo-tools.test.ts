/**
 * `keel import sloth` and `keel import pyrra`: fixtures written in the shapes Sloth's and Pyrra's
 * documentation shows (every indicator kind, the Kubernetes wrappers, alerting, plugins, grouping)
 * become OpenSLO documents and catalog entries that `keel validate` accepts as written; what
 * cannot be carried over is reported at its file:line:col; and `keel rules` turns the result into
 * rules that promtool accepts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSloDuration } from '../src/importers/slo-documents.ts';
import { validateContent } from '../src/rules/validate.ts';
import { promtool } from './support/promtool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-22T12:00:00Z';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-import-slo-'));
  writeFileSync(join(dir, 'keel.yaml'), 'organisation:\n  name: Shop\n  url: https://shop.example\ntimeZone: UTC\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW: NOW }, cwd: ROOT });
  return { code, out: out.join('\n').replaceAll(relative(ROOT, dir), 'OUT'), err: err.join('\n') };
}

const fixture = (path: string) => join('tests/fixtures', path);

describe('keel import sloth', () => {
  it('writes SLOs, SLIs, the service and the data source that validate as written, and reports what it left out at its line', async () => {
    const r = await run(['import', 'sloth', fixture('sloth/myservice.yml'), fixture('sloth/k8s.yaml'), '--out', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatchSnapshot();
    expect(readdirSync(join(dir, 'slos')).sort()).toEqual(['home-wifi.yaml', 'myservice.yaml', 'prometheus.yaml']);
    expect(readFileSync(join(dir, 'slos/myservice.yaml'), 'utf8')).toMatchSnapshot();
    expect(readFileSync(join(dir, 'services/home-wifi.yaml'), 'utf8')).toMatchSnapshot();
    const validated = await validateContent(dir, { cwd: dir, now: Date.parse(NOW) });
    expect(validated.diagnostics).toEqual([]);
  });

  it('says so when a file holds no Sloth spec', async () => {
    const r = await run(['import', 'sloth', fixture('pyrra/slos.yaml'), '--out', dir]);
    expect([r.code, r.err]).toEqual([
      2,
      'keel: tests/fixtures/pyrra/slos.yaml: holds no Sloth specs (version: prometheus/v1, or sloth.slok.dev/v1 PrometheusServiceLevel resources)',
    ]);
  });
});

describe('keel import pyrra', () => {
  it('writes ratio, latency and bool-gauge SLOs that validate as written; grouping, alerting and native histograms are reported', async () => {
    const r = await run(['import', 'pyrra', fixture('pyrra/slos.yaml'), '--out', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatchSnapshot();
    expect(readFileSync(join(dir, 'slos/monitoring.yaml'), 'utf8')).toMatchSnapshot();
    expect(readFileSync(join(dir, 'slos/website.yaml'), 'utf8')).toMatchSnapshot();
    const validated = await validateContent(dir, { cwd: dir, now: Date.parse(NOW) });
    expect(validated.diagnostics).toEqual([]);
  });

  it('imported SLOs get rules that promtool check rules accepts', async () => {
    await run(['import', 'pyrra', fixture('pyrra/slos.yaml'), '--out', dir]);
    await run(['import', 'sloth', fixture('sloth/myservice.yml'), fixture('sloth/k8s.yaml'), '--out', dir]);
    const rules = join(dir, 'rules.yml');
    const r = await run(['rules', '--content', dir, '--out', rules]);
    expect(r.code).toBe(0);
    // Only the raw error ratio is left out: every other imported SLO has its alerts.
    expect(r.err.split('\n').filter((line) => line.includes('skipped'))).toEqual([
      `keel rules: ${relative(ROOT, join(dir, 'slos/myservice.yaml'))}: skipped SLO myservice-requests-latency: its SLI is a raw ratio: Keel needs good (or bad) and total event counts`,
    ]);
    const check = await promtool(['check', 'rules', rules]);
    expect(check.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(check.code).toBe(0);
  });
});

describe('Pyrra windows as OpenSLO durations', () => {
  it('keeps whole units and converts mixed ones to minutes; seconds cannot be written', () => {
    expect(['28d', '2w', '4w', '1h30m', '30d', '90s', '1y', 'soon'].map(openSloDuration)).toEqual([
      '28d',
      '2w',
      '4w',
      '90m',
      '30d',
      undefined,
      '365d',
      undefined,
    ]);
  });
});
