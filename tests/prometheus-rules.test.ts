/**
 * `keel rules` proven against Prometheus itself: the generated rules pass `promtool check rules`,
 * and `promtool test rules`, fed the SLO's measurements as counters at the CSV's resolution,
 * fires each alert at exactly the evaluations at which Keel's backtest (src/domain/slo/alerts.ts)
 * says it fires, and at no other.
 *
 * Where the two agree by construction, and why: a row stamped t counts the events of (t − r, t];
 * the counter's samples sit at every row end, from 0 one step before the first row, and rules are
 * evaluated at the samples. Prometheus 2's range `[w]` is closed, [t − w, t], so `increase()`
 * sees the samples at both ends of the window and extrapolates nothing (none is needed at the end,
 * and none at the start: the first sample is 0, where a counter starts). Prometheus 3 made ranges
 * left-open, (t − w, t]: at the CSV's resolution its windows would miss their first interval (the
 * README says what that means); Debian's promtool is 2.x, so this test holds for it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/cli/main.ts';
import { evaluateIndex } from '../src/cli/report-slos.ts';
import type { ContentIndex } from '../src/content/entry.ts';
import type { Firing } from '../src/domain/slo/alerts.ts';
import { alertName, sloRuleGroup, type AlertingRule, type RuleGroup } from '../src/generators/prometheus-rules.ts';
import { ruleSlosOf } from '../src/model/rule-slos.ts';
import { validateContent } from '../src/rules/validate.ts';
import { checkoutCounts, measurementsCsv, writeCheckoutContent } from './support/checkout-content.ts';
import { cumulative, promtool } from './support/promtool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MINUTE = 60_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-rules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function loadIndex(content: string, now: number): Promise<ContentIndex> {
  const result = await validateContent(content, { cwd: ROOT, now });
  expect(result.ok).toBe(true);
  return result.index;
}

/** Whether an alert of `severity` fires at `t` according to the backtest's firings. */
const firingAt = (firings: readonly Firing[], severity: string, t: number) =>
  firings.some((f) => f.severity === severity && f.from <= t && (f.to === null || t < f.to));

interface Proof {
  /** Input series (PromQL series notation) and their per-row counts. */
  readonly series: Record<string, readonly number[]>;
  readonly time: readonly number[];
  readonly resolutionMs: number;
  readonly group: RuleGroup;
  readonly firings: readonly Firing[];
}

/**
 * Writes the rule file and a promtool test that expects, at every row's end, each alert of the
 * group firing exactly when the backtest says; runs it. Returns promtool's result and how many
 * evaluations expected a firing and how many expected quiet.
 */
async function prove(name: string, { series, time, resolutionMs, group, firings }: Proof) {
  const origin = time[0]! - resolutionMs;
  // Every step from the origin to the last row: a step without a row keeps the counter flat (no events).
  const steps = Math.round((time.at(-1)! - origin) / resolutionMs);
  const rowAt = new Map(time.map((t, i) => [Math.round((t - origin) / resolutionMs), i]));
  const inputSeries = Object.entries(series).map(([notation, counts]) => {
    const perStep = Array.from({ length: steps }, (_, k) => (rowAt.has(k + 1) ? counts[rowAt.get(k + 1)!]! : 0));
    return { series: notation, values: cumulative(perStep).join(' ') };
  });
  const alerts = group.rules.filter((r): r is AlertingRule => 'alert' in r);
  let firing = 0;
  let quiet = 0;
  const tests = time.flatMap((t) =>
    alerts.map((alert) => {
      const expected = firingAt(firings, alert.labels.severity!, t);
      if (expected) firing++;
      else quiet++;
      return {
        eval_time: `${(t - origin) / 1000}s`,
        alertname: alert.alert,
        exp_alerts: expected ? [{ exp_labels: alert.labels, exp_annotations: alert.annotations }] : [],
      };
    }),
  );
  writeFileSync(join(dir, `${name}.rules.yml`), stringify({ groups: [group] }));
  const interval = `${resolutionMs / 1000}s`;
  writeFileSync(
    join(dir, `${name}.test.yml`),
    stringify(
      { rule_files: [`${name}.rules.yml`], evaluation_interval: interval, tests: [{ interval, input_series: inputSeries, alert_rule_test: tests }] },
      { lineWidth: 0 },
    ),
  );
  const result = await promtool(['test', 'rules', `${name}.test.yml`], dir);
  return { ...result, firing, quiet };
}

describe('keel rules', () => {
  it('writes rules for the sample content that promtool check rules accepts, with runbook links', async () => {
    const out = join(dir, 'sample.rules.yml');
    const r = await run(['rules', '--content', 'content', '--out', out], { KEEL_NOW: '2026-11-22T12:00:00Z' });
    expect(r.code).toBe(0);
    // Every SLO it leaves out is named with the reason.
    const [wrote, ...notes] = r.err.split('\n').reverse();
    expect(wrote).toBe(`keel rules: wrote 3 rule groups (3 SLOs) to ${out}`);
    expect(notes.reverse().join('\n')).toMatchSnapshot();
    const check = await promtool(['check', 'rules', out]);
    expect(check.output).toContain('SUCCESS');
    expect(check.code).toBe(0);
    const groups = (parse(readFileSync(out, 'utf8')) as { groups: RuleGroup[] }).groups;
    const alerts = groups.flatMap((g) => g.rules).filter((rule): rule is AlertingRule => 'alert' in rule);
    expect(alerts.find((a) => a.alert === 'SettingsPageLatencyFastBurn')?.annotations.runbook_url).toBe(
      'https://reliability.tidewater.internal/runbooks/alerts/SettingsPageLatencyFastBurn/',
    );
  });

  it('writes a PrometheusRule resource for prometheus-operator whose groups promtool accepts', async () => {
    const r = await run(['rules', '--content', 'content', '--format', 'prometheus-operator'], { KEEL_NOW: '2026-11-22T12:00:00Z' });
    expect(r.code).toBe(0);
    const resource = parse(r.out) as { apiVersion: string; kind: string; spec: { groups: RuleGroup[] } };
    expect([resource.apiVersion, resource.kind]).toEqual(['monitoring.coreos.com/v1', 'PrometheusRule']);
    writeFileSync(join(dir, 'operator-groups.yml'), stringify({ groups: resource.spec.groups }));
    expect((await promtool(['check', 'rules', join(dir, 'operator-groups.yml')])).code).toBe(0);
  });

  it('refuses an unknown format', async () => {
    const r = await run(['rules', '--format', 'thanos']);
    expect([r.code, r.err]).toEqual([2, 'keel: --format must be one of prometheus, prometheus-operator (got "thanos")']);
  });
});

describe('promtool test rules agrees with the backtest', () => {
  it('on a 5-minute SLO: the very rules keel rules writes fire when the backtest fires, and only then', async () => {
    const stepMs = 5 * MINUTE;
    const rows = 4 * 288;
    // A fast burn of 45 minutes, a slow burn of 12 hours at 0.5 %, and a 20-minute outage.
    const counts = checkoutCounts(rows, [
      { from: 300, rows: 9, errorRate: 0.05 },
      { from: 500, rows: 144, errorRate: 0.005 },
      { from: 900, rows: 4, errorRate: 0.3 },
    ]);
    const start = Date.parse('2026-11-01T00:00:00Z');
    const content = join(dir, 'checkout');
    writeCheckoutContent(content, { csv: measurementsCsv(start, stepMs, counts) });
    const now = start + rows * stepMs;
    const index = await loadIndex(content, now);
    const [evaluation] = evaluateIndex(index, now);
    const objective = evaluation!.objectives[0]!;
    expect(objective.resolutionMs).toBe(stepMs);
    // What keel rules writes for deployment is what is proven here: no window was widened at 5 minutes.
    const written = await run(['rules', '--content', content], { KEEL_NOW: new Date(now).toISOString() });
    const deployed = (parse(written.out) as { groups: RuleGroup[] }).groups[0]!;
    const [slo] = ruleSlosOf(index).slos;
    expect(sloRuleGroup(slo!, stepMs)).toEqual(deployed);
    const time = index.measurements[0]!.series.time;
    const bad = counts.total.map((t, i) => t - counts.good[i]!);
    const result = await prove('checkout', {
      series: { 'checkout_requests_total{code="200"}': counts.good, 'checkout_requests_total{code="503"}': bad },
      time,
      resolutionMs: stepMs,
      group: deployed,
      firings: objective.backtest.firings,
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
    // Both kinds of expectation were tested: the backtest pages and tickets, and stays quiet.
    expect(new Set(objective.backtest.firings.map((f) => f.severity))).toEqual(new Set(['page', 'ticket']));
    expect(result.firing).toBeGreaterThan(0);
    expect(result.quiet).toBeGreaterThan(result.firing);
  });

  it('on the sample SLOs at their hourly resolution (windows widened to 1 h, as the engine widens them)', async () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    const index = await loadIndex(join(ROOT, 'content'), now);
    // The sample's queries, fed by one series each: good (le="1" bucket, successful logins) and total.
    const inputs: Record<string, (counts: { good: readonly number[]; total: readonly number[] }) => Record<string, readonly number[]>> = {
      'settings-page-latency': ({ good, total }) => ({
        'http_request_duration_seconds_bucket{service="settings-service", route="/settings/profile", method="GET", le="1"}': good,
        'http_request_duration_seconds_count{service="settings-service", route="/settings/profile", method="GET"}': total,
      }),
      'login-success': ({ good, total }) => ({
        'auth_login_attempts_total{outcome="session_created"}': good,
        'auth_login_attempts_total{outcome="locked_out"}': total.map((t, i) => t - good[i]!),
      }),
    };
    const { slos } = ruleSlosOf(index);
    expect(slos.map((s) => s.name).sort()).toEqual(['login-success', 'settings-page-latency', 'web-app-availability']);
    let firing = 0;
    for (const [name, seriesOf] of Object.entries(inputs)) {
      const slo = slos.find((s) => s.name === name)!;
      const measurement = index.measurements.find((m) => m.id === name)!;
      if (measurement.series.type !== 'ratio') throw new Error(`${name}: a ratio series expected`);
      const [evaluation] = evaluateIndex(index, now, name);
      const objective = evaluation!.objectives[0]!;
      const upTo = measurement.series.time.filter((t) => t <= objective.asOf).length;
      const time = measurement.series.time.slice(0, upTo);
      const counts = { good: measurement.series.good.slice(0, upTo), total: measurement.series.total.slice(0, upTo) };
      const result = await prove(name, {
        series: seriesOf(counts),
        time,
        resolutionMs: objective.resolutionMs!,
        group: sloRuleGroup(slo, objective.resolutionMs),
        firings: objective.backtest.firings,
      });
      expect(result.output, name).toContain('SUCCESS');
      expect(result.code, name).toBe(0);
      expect(result.quiet, name).toBeGreaterThan(0);
      firing += result.firing;
    }
    // The sample's history burns budget somewhere: firing expectations were tested too.
    expect(firing).toBeGreaterThan(0);
  });

  it('names each alert after its SLO and severity', () => {
    expect([alertName('settings-page-latency', 'page'), alertName('settings-page-latency', 'ticket')]).toEqual([
      'SettingsPageLatencyFastBurn',
      'SettingsPageLatencySlowBurn',
    ]);
  });
});
