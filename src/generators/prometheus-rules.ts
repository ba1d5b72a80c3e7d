/**
 * Prometheus rules for SLOs: recording rules for the error ratio over every window of the alert
 * table, and the multi-window multi-burn-rate alerts the SLO engine evaluates — the same windows
 * and factors, read from `alertWindows` (src/domain/slo/alerts.ts), never copied. Pure: SLOs in,
 * rule groups out (the command writes them as YAML).
 *
 * A counter query that is a selector or the sum of one becomes `sum(increase(selector[w]))`:
 * increase per series, then the sum, so a reset of one series is handled. Any other counter
 * expression is recorded as it is (`keel:slo_good:counter`, …) and the ratio takes `increase()`
 * of the recorded series (a reset of one of its parts then reads as a reset of the whole). A
 * windowed query (`{{.window}}`) gets the window written in.
 */
import { alertWindows, type AlertWindow, type Severity } from '../domain/slo/alerts.ts';
import { budgetRatio, decimal } from '../domain/slo/events.ts';

/** What the generator needs of one SLO. */
export interface RuleSlo {
  readonly name: string;
  readonly service: string;
  readonly target: number;
  /** The SLO window's nominal length (the period the factors are scaled to). */
  readonly periodMs: number;
  readonly windowed: boolean;
  /** Exactly one of good and bad. */
  readonly good?: string | undefined;
  readonly bad?: string | undefined;
  readonly total: string;
  /** runbook_url per alert name, for the alerts a runbook names. */
  readonly runbookUrls: ReadonlyMap<string, string>;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

const SUFFIX: Record<Severity, string> = { page: 'FastBurn', ticket: 'SlowBurn' };

/** The alert of an SLO for a severity: `settings-page-latency` pages as `SettingsPageLatencyFastBurn` and tickets as `…SlowBurn`. */
export function alertName(slo: string, severity: Severity): string {
  const pascal = slo
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
  return pascal + SUFFIX[severity];
}

/** A window as a PromQL duration: the largest unit that divides it (`1h`, `90m`, `3d`). */
export function promDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A series selector: a metric name and optional matchers (quoted values may hold braces). */
const SELECTOR = String.raw`[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\})?`;
const SUM_OF_SELECTOR = new RegExp(String.raw`^\s*sum\s*\(\s*(${SELECTOR})\s*\)\s*$`);
const LONE_SELECTOR = new RegExp(String.raw`^\s*(${SELECTOR})\s*$`);

/**
 * The selector of a counter query that is a selector or the `sum()` of one
 * (`sum(http_requests_total{code!~"5.."})`): such a counter's increase is taken per series and
 * then summed, so that one series' reset is not mistaken for a reset of the sum. Undefined for
 * any other expression.
 */
export function counterSelectorOf(promql: string): { selector: string; summed: boolean } | undefined {
  const summed = SUM_OF_SELECTOR.exec(promql);
  if (summed) return { selector: summed[1]!.trim(), summed: true };
  const lone = LONE_SELECTOR.exec(promql);
  return lone ? { selector: lone[1]!.trim(), summed: false } : undefined;
}

const percent = (ratio: number) => `${decimal(ratio * 100)}%`;

/** Names of the recorded series. */
const counterRecord = (which: 'good' | 'bad' | 'total') => `keel:slo_${which}:counter`;
const ratioRecord = (windowMs: number) => `keel:slo_error_ratio:rate${promDuration(windowMs)}`;

/** The error ratio over one window, as PromQL: bad / total, where bad = total − good for a good query. */
function errorRatio(slo: RuleSlo, windowMs: number): string {
  const range = promDuration(windowMs);
  const selector = `{slo="${slo.name}"}`;
  const events = (which: 'good' | 'bad' | 'total') => {
    const promql = slo[which]!;
    if (slo.windowed) return `(${promql.replaceAll('{{.window}}', range)})`;
    const counter = counterSelectorOf(promql);
    return counter ? `sum(increase(${counter.selector}[${range}]))` : `increase(${counterRecord(which)}${selector}[${range}])`;
  };
  const bad = slo.bad !== undefined ? events('bad') : `(${events('total')} - ${events('good')})`;
  return `${bad} / ${events('total')}`;
}

/**
 * The rule group of one SLO. `resolutionMs` is the data's resolution when the rules must agree
 * with a backtest of measurements at that resolution (windows shorter than it are widened, as
 * the engine widens them); undefined for rules to deploy (the table's windows as they are).
 */
export function sloRuleGroup(slo: RuleSlo, resolutionMs?: number): RuleGroup {
  const labels = { slo: slo.name };
  const budget = budgetRatio(slo.target);
  const windows = alertWindows(slo.periodMs, resolutionMs);
  // Only an expression that is not a (sum of a) selector is recorded, for increase() to read.
  const counters: RecordingRule[] = slo.windowed
    ? []
    : (['good', 'bad', 'total'] as const)
        .filter((which) => slo[which] !== undefined && counterSelectorOf(slo[which]) === undefined)
        .map((which) => ({ record: counterRecord(which), expr: slo[which]!, labels }));
  const spans = [...new Set(windows.flatMap((w) => [w.evalShortMs, w.evalLongMs]))].sort((a, b) => a - b);
  const ratios: RecordingRule[] = spans.map((ms) => ({ record: ratioRecord(ms), expr: errorRatio(slo, ms), labels }));
  const alerts: AlertingRule[] = (['page', 'ticket'] as const).flatMap((severity) => {
    const rows = windows.filter((w) => w.severity === severity);
    if (rows.length === 0) return [];
    const name = alertName(slo.name, severity);
    const condition = (w: AlertWindow) => {
      // burn rate > factor ⇔ error ratio > factor × (1 − target)
      const threshold = decimal(w.factor * budget);
      return `(${ratioRecord(w.evalLongMs)}{slo="${slo.name}"} > ${threshold} and ${ratioRecord(w.evalShortMs)}{slo="${slo.name}"} > ${threshold})`;
    };
    const when = rows
      .map(
        (w) =>
          `over ${promDuration(w.evalLongMs)} and ${promDuration(w.evalShortMs)} above ${Number(w.factor.toPrecision(3))}× (${percent(w.budgetShare)} of the budget in ${promDuration(w.longMs)})`,
      )
      .join(', or ');
    const runbook = slo.runbookUrls.get(name);
    return [
      {
        alert: name,
        expr: rows.map(condition).join(' or '),
        labels: { severity, slo: slo.name, service: slo.service },
        annotations: {
          summary: `${slo.name}: the error budget burns ${severity === 'page' ? 'fast' : 'slowly'}`,
          description: `The error rate of ${slo.name} (${slo.service}) is ${when} — the budget of its ${percent(slo.target)} objective.`,
          ...(runbook === undefined ? {} : { runbook_url: runbook }),
        },
      },
    ];
  });
  return { name: `keel-slo-${slo.name}`, rules: [...counters, ...ratios, ...alerts] };
}

/** The rule file for plain Prometheus (`rule_files:`). */
export function prometheusRuleFile(groups: readonly RuleGroup[]): { groups: readonly RuleGroup[] } {
  return { groups };
}

/** The same groups as a prometheus-operator PrometheusRule resource. */
export function prometheusOperatorRule(groups: readonly RuleGroup[], name = 'keel-slos') {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'keel' } },
    spec: { groups },
  };
}
