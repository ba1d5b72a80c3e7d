/**
 * The SLO pages' data: the index (one row per objective, composites included) and one page per
 * objective, from the engine's evaluations (computed once per SLO, with their dashboard series)
 * and the content they rest on. Numbers stay numbers (the index sorts them, the test compares
 * them with `keel report slos --format json`); the pages word them.
 */
import { stringify } from 'yaml';
import type { ContentIndex, Entry } from '../../content/entry.ts';
import type { ObjectiveEvaluation, SloEvaluation, Status } from '../../domain/slo/evaluate.ts';
import { shown } from '../../domain/slo/format.ts';
import type { TimeSeries } from '../../domain/slo/history.ts';
import { describeAction, type PolicyCondition } from '../../domain/slo/policy.ts';
import { formatDurationMs } from '../../domain/slo/windows.ts';
import { formatDuration } from '../../core/time.ts';
import { downsampleIndices, pick } from './downsample.ts';
import { flatten } from './entry.ts';
import { HREF, objectiveKey } from './links.ts';

export interface Link {
  readonly id: string;
  readonly title: string;
  readonly href: string;
}

export type SloState = Status;

export interface SloRow {
  /** Unique on the site: the page's path. */
  readonly href: string;
  readonly slo: string;
  readonly title: string;
  /** The objective's name ("composite" for a composite SLO's combination). */
  readonly objective: string;
  readonly composite: boolean;
  readonly service: Link;
  readonly owner: string | undefined;
  readonly target: number;
  readonly window: { readonly text: string; readonly rolling: boolean; readonly from: number; readonly to: number };
  readonly budgetingMethod: string;
  readonly attainment: number | null;
  readonly remaining: number | null;
  readonly fastestBurn: { readonly window: string; readonly value: number } | null;
  readonly firing: readonly string[];
  /** The last step in force of each policy (the state it names), and since when. */
  readonly steps: readonly { readonly policy: string; readonly step: string; readonly since: number; readonly sinceStartOfHistory: boolean }[];
  readonly state: SloState;
  readonly stale: boolean;
  readonly lastMeasurement: number | null;
  readonly asOf: number;
  readonly problem: string | undefined;
}

/** A chart: its series at the same instants (downsampled), the lines it is read against, and the table beside it. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  /** How values read: a ratio in percent, a burn rate (×), or a measured value as it is. */
  readonly unit: 'ratio' | 'rate' | 'value';
  readonly columns: readonly string[];
  readonly time: readonly number[];
  /** One array per column, null where there is no value. */
  readonly values: readonly (readonly (number | null)[])[];
  readonly thresholds: readonly { readonly label: string; readonly value: number }[];
  /** How many rows the series had before downsampling. */
  readonly rows: number;
  /** Why the chart has nothing to draw (the page says it instead of drawing a blank chart). */
  readonly empty: string | undefined;
  /** Intervals shaded behind the lines (an incident's, an experiment's run), when any. */
  readonly bands?: readonly { readonly label: string; readonly from: number; readonly to: number }[];
}

export interface PolicyView {
  readonly name: string;
  readonly title: string;
  readonly href: string;
  readonly measured: boolean;
  readonly steps: readonly {
    readonly name: string;
    readonly when: string;
    readonly actions: readonly string[];
    readonly inForce: boolean;
    readonly since: number | undefined;
    readonly sinceStartOfHistory: boolean;
    readonly incidents: readonly string[];
  }[];
  readonly changes: readonly { readonly at: number; readonly step: string; readonly change: 'entered' | 'left' }[];
  readonly changesFrom: number | undefined;
}

export interface IncidentBudgetView extends Link {
  readonly share: number | null;
  readonly baselineShare: number | null;
  readonly resolved: boolean;
  readonly checks: readonly {
    readonly policy: string;
    readonly step: string;
    readonly threshold: number;
    readonly of: string;
    readonly share: number | null;
    readonly over: boolean;
  }[];
  /** Whether a follow-up of the retrospective is P0 (and not wont-do): what the 20 % rule requires. */
  readonly hasP0: boolean;
}

export interface Definition {
  readonly kind: string;
  readonly name: string;
  readonly title: string | undefined;
  readonly fields: readonly { readonly path: string; readonly value: string }[];
  readonly source: string;
}

export interface SloPage extends SloRow {
  readonly description: string | undefined;
  readonly siblings: readonly { readonly objective: string; readonly href: string }[];
  readonly budget: { readonly unit: 'minutes' | 'events'; readonly budget: number; readonly remaining: number } | undefined;
  readonly exhaustion: { readonly ms: number | null; readonly periodEndsFirst: boolean; readonly periodEnd: number; readonly basis: string };
  readonly noData: { readonly count: number; readonly unit: string } | undefined;
  readonly charts: readonly Chart[];
  readonly alerts: readonly {
    readonly name: string;
    readonly severity: string;
    readonly long: string;
    readonly short: string;
    readonly factor: number;
    readonly budgetShare: number;
    readonly firing: boolean;
    readonly longBurn: number | null;
    readonly shortBurn: number | null;
  }[];
  readonly backtest: {
    readonly incidents: readonly (Link & { readonly detected: number | null; readonly alertAt: number | null; readonly leadMinutes: number | null })[];
    readonly firings: readonly {
      readonly alert: string;
      readonly severity: string;
      readonly from: number;
      readonly to: number | null;
      readonly incidents: readonly Link[];
    }[];
    readonly unmatched: number;
  };
  readonly policies: readonly PolicyView[];
  readonly incidents: readonly IncidentBudgetView[];
  readonly pastWindows: readonly {
    readonly from: number;
    readonly to: number;
    readonly attainment: number | null;
    readonly consumed: number | null;
    readonly met: boolean | null;
  }[];
  readonly definitions: readonly Definition[];
  readonly related: {
    readonly runbooks: readonly Link[];
    readonly incidents: readonly Link[];
    readonly concerns: readonly Link[];
    readonly experiments: readonly Link[];
  };
}

/** A policy step's condition in words. */
export function conditionText(when: PolicyCondition): string {
  const parts: string[] = [];
  if (when.remainingBudgetBelow !== undefined) parts.push(`budget remaining below ${+(when.remainingBudgetBelow * 100).toFixed(2)} %`);
  if (when.burnRate !== undefined) parts.push(`burn rate over ${when.burnRate.window} above ${when.burnRate.above}×`);
  if (when.incidentConsumedAbove !== undefined) {
    const c = when.incidentConsumedAbove;
    const share = typeof c === 'number' ? c : c.share;
    const of = typeof c === 'number' || c.of === undefined ? 'the SLO window' : c.of;
    parts.push(`an incident consumed over ${+(share * 100).toFixed(2)} % of the budget of ${of}`);
  }
  return parts.join(' and ') || 'always';
}

/** A series' values with NaN as null (JSON and tables have no NaN). */
const orNull = (values: readonly number[]): (number | null)[] => values.map((v) => (Number.isFinite(v) ? v : null));

/** A chart of series sharing their instants, downsampled to about 500 rows (peaks and dips kept). */
export function chart(
  id: string,
  title: string,
  unit: Chart['unit'],
  columns: readonly string[],
  series: readonly TimeSeries[],
  thresholds: Chart['thresholds'],
  noData: string | undefined,
): Chart {
  const time = series[0]?.time ?? [];
  const hasValue = series.some((s) => s.values.some(Number.isFinite));
  const empty = noData ?? (hasValue ? undefined : 'No value in the window: the data are too coarse for this window, or there is no traffic.');
  const keep = downsampleIndices(
    time.length,
    series.map((s) => s.values),
  );
  return {
    id,
    title,
    unit,
    columns,
    time: pick(time, keep),
    values: series.map((s) => orNull(pick(s.values, keep))),
    thresholds,
    rows: time.length,
    empty,
  };
}

/** Names referenced anywhere below `value` under `key` (metricSourceRef, conditionRef, …). */
function refsIn(value: unknown, key: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, key, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.add(v);
      else refsIn(v, key, out);
    }
  }
  return out;
}

/** Definitions already written out: alert policies, conditions and targets are shared by many SLOs, and YAML output costs ~2 ms a document. */
const definitions = new WeakMap<object, Definition>();

function definition(kind: string, entry: Entry<{ metadata: { name: string; displayName?: string | undefined } }>): Definition {
  const known = definitions.get(entry);
  if (known !== undefined) return known;
  const made: Definition = {
    kind,
    name: entry.data.metadata.name,
    title: entry.data.metadata.displayName,
    fields: flatten(entry.raw),
    source: stringify(entry.raw, { lineWidth: 0 }),
  };
  definitions.set(entry, made);
  return made;
}

/** The OpenSLO documents an SLO rests on: itself, its SLIs and data sources, alert policies, conditions and targets. */
function definitionsOf(index: ContentIndex, slo: Entry<{ metadata: { name: string; displayName?: string | undefined } }>): Definition[] {
  const c = index.collections;
  const find = <T extends { metadata: { name: string; displayName?: string | undefined } }>(entries: readonly Entry<T>[], names: Set<string>) =>
    entries.filter((e) => names.has(e.data.metadata.name));
  const slis = find(c.slis, refsIn(slo.raw, 'indicatorRef'));
  const policies = find(c.alertPolicies, refsIn(slo.raw, 'alertPolicyRef'));
  const sources = find(c.dataSources, refsIn([slo.raw, ...slis.map((s) => s.raw)], 'metricSourceRef'));
  const conditions = find(c.alertConditions, refsIn([slo.raw, ...policies.map((p) => p.raw)], 'conditionRef'));
  const targets = find(c.notificationTargets, refsIn([slo.raw, ...policies.map((p) => p.raw)], 'targetRef'));
  return [
    definition('SLO', slo),
    ...slis.map((e) => definition('SLI', e)),
    ...sources.map((e) => definition('DataSource', e)),
    ...policies.map((e) => definition('AlertPolicy', e)),
    ...conditions.map((e) => definition('AlertCondition', e)),
    ...targets.map((e) => definition('AlertNotificationTarget', e)),
  ];
}

const objectiveName = (e: ObjectiveEvaluation): string =>
  e.composite ? 'composite' : typeof e.objective === 'number' ? `objective ${e.objective}` : e.objective;

/** The fastest burn rate of an evaluation, over the windows that have one. */
function fastest(e: ObjectiveEvaluation): SloRow['fastestBurn'] {
  let best: SloRow['fastestBurn'] = null;
  for (const [window, rate] of Object.entries(e.burnRates)) {
    if (rate.value !== null && (best === null || rate.value > best.value)) best = { window, value: rate.value };
  }
  return best;
}

export interface SloContext {
  readonly index: ContentIndex;
  readonly serviceNames: ReadonlyMap<string, string>;
  readonly owners: ReadonlyMap<string, string>;
  readonly incidentTitles: ReadonlyMap<string, string>;
}

/** The rows of one SLO (one per objective, then its composite) and their hrefs. */
function rowsOf(evaluation: SloEvaluation, ctx: SloContext): { e: ObjectiveEvaluation; row: SloRow }[] {
  const objectives = shown(evaluation);
  const entry = lookupsOf(ctx.index).slosById.get(evaluation.slo)!;
  const title = entry.data.metadata.displayName ?? evaluation.slo;
  // The SLO's first page is /slos/<name>/: the composite when there is one, else the first objective.
  const first = objectives.find((o) => o.composite) ?? objectives[0];
  return objectives.map((e) => {
    const service = e.service;
    const row: SloRow = {
      href: e === first ? HREF.slo(evaluation.slo) : HREF.slo(evaluation.slo, objectiveKey(e.composite ? 'composite' : e.objective)),
      slo: evaluation.slo,
      title,
      objective: objectiveName(e),
      composite: e.composite,
      service: { id: service, title: ctx.serviceNames.get(service) ?? service, href: HREF.service(service) },
      owner: ctx.owners.get(service),
      target: e.target,
      window: { text: `${e.window.rolling ? 'rolling' : 'calendar'} ${e.window.duration}`, rolling: e.window.rolling, from: e.window.from, to: e.window.to },
      budgetingMethod: e.budgetingMethod,
      attainment: e.attainment,
      remaining: e.errorBudget.remaining,
      fastestBurn: fastest(e),
      firing: e.alerts.filter((a) => a.firing).map((a) => a.alert.name),
      steps: e.policies.flatMap((p) => {
        const last = p.inForce.at(-1);
        return last === undefined ? [] : [{ policy: p.name, step: last.step, since: last.since, sinceStartOfHistory: last.sinceStartOfHistory }];
      }),
      state: e.status,
      stale: e.stale,
      lastMeasurement: e.lastMeasurement,
      asOf: e.asOf,
      problem: e.problem,
    };
    return { e, row };
  });
}

function noDataText(row: SloRow): string | undefined {
  if (row.lastMeasurement === null) return 'No data: there are no measurements for this SLO (measurements/<name>.csv).';
  if (row.problem !== undefined) return `No data: ${row.problem}`;
  return undefined;
}

/** Each list a page names, by its key, built once per index: a page per SLO looks up instead of scanning every incident. */
function buildLookups(index: ContentIndex) {
  const c = index.collections;
  /** Entries grouped under every key `keys` gives them, each entry once per key. */
  const by = <T>(entries: readonly T[], keys: (entry: T) => readonly string[]): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const entry of entries) {
      for (const key of new Set(keys(entry))) {
        const list = out.get(key);
        if (list === undefined) out.set(key, [entry]);
        else list.push(entry);
      }
    }
    return out;
  };
  const newestFirst = c.incidents.toSorted((a, b) => Date.parse(b.data.started) - Date.parse(a.data.started));
  return {
    incidentsById: new Map(c.incidents.map((i) => [i.id, i.data])),
    policyEntries: new Map(c.errorBudgetPolicies.map((p) => [p.id, p.data])),
    slosById: new Map(c.slos.map((s) => [s.id, s])),
    incidentsBySlo: by(newestFirst, (i) => i.data.slos),
    concernsBySlo: by(c.concerns, (x) => x.data.slos),
    runbooksByService: by(c.runbooks, (r) => r.data.services),
    experimentsBySlo: by(c.experiments, (x) => [x.data.steadyState.slo]),
  };
}

const lookups = new WeakMap<ContentIndex, ReturnType<typeof buildLookups>>();

function lookupsOf(index: ContentIndex): ReturnType<typeof buildLookups> {
  let known = lookups.get(index);
  if (known === undefined) lookups.set(index, (known = buildLookups(index)));
  return known;
}

function pageOf(e: ObjectiveEvaluation, row: SloRow, siblings: SloPage['siblings'], ctx: SloContext, definitions: Definition[]): SloPage {
  const { index } = ctx;
  const h = e.history;
  const noData = noDataText(row);
  const charts: Chart[] = h
    ? [
        chart('sli', 'SLI against the target', 'ratio', ['SLI'], [h.sli], [{ label: 'target', value: e.target }], noData),
        chart('budget', 'Error budget remaining', 'ratio', ['budget remaining'], [h.remaining], [{ label: 'exhausted', value: 0 }], noData),
        ...h.burn.map((b) => {
          const alert = e.alertWindows.find((w) => w.name === b.alert)!;
          const widened = (ms: number, evaluated: number) =>
            `${formatDurationMs(evaluated)}${evaluated === ms ? '' : ` (${formatDurationMs(ms)} widened to the data)`}`;
          return chart(
            `burn-${b.alert}`,
            `Burn rate, ${b.alert}: ${formatDurationMs(alert.evalLongMs)} and ${formatDurationMs(alert.evalShortMs)} windows`,
            'rate',
            [`long window ${widened(alert.longMs, alert.evalLongMs)}`, `short window ${widened(alert.shortMs, alert.evalShortMs)}`],
            [b.long, b.short],
            [{ label: `${alert.severity} threshold`, value: b.factor }],
            noData,
          );
        }),
      ]
    : [];
  const title = (id: string) => ctx.incidentTitles.get(id) ?? id;
  const link = (id: string): Link => ({ id, title: title(id), href: HREF.incident(id) });
  const { incidentsById, policyEntries, slosById, incidentsBySlo, concernsBySlo, runbooksByService, experimentsBySlo } = lookupsOf(index);
  const measured = row.lastMeasurement !== null;
  const policies: PolicyView[] = e.policies.map((p) => {
    const entry = policyEntries.get(p.name);
    const changes = h?.policies.find((x) => x.policy === p.name);
    return {
      name: p.name,
      title: entry?.metadata.displayName ?? p.name,
      href: HREF.policy(p.name),
      measured,
      steps: p.steps.map((s) => {
        const force = p.inForce.find((f) => f.step === s.name);
        return {
          name: s.name,
          when: conditionText(s.when),
          actions: s.actions.map((a) => describeAction(a, e.service)),
          inForce: s.inForce,
          since: force?.since,
          sinceStartOfHistory: force?.sinceStartOfHistory ?? false,
          incidents: force?.incidents ?? [],
        };
      }),
      changes: changes?.changes ?? [],
      changesFrom: changes?.from,
    };
  });
  const incidents: IncidentBudgetView[] = e.incidents.map((i) => {
    const data = incidentsById.get(i.id);
    return {
      ...link(i.id),
      share: i.share,
      baselineShare: i.baselineShare,
      resolved: i.resolved,
      checks: (h?.incidentSteps ?? [])
        .filter((c) => c.incident === i.id)
        .map((c) => ({
          policy: c.policy,
          step: c.step,
          threshold: c.threshold,
          of: c.ofMs === undefined ? `the ${e.window.duration} window` : formatDurationMs(c.ofMs),
          share: c.share,
          over: c.over,
        })),
      hasP0: (data?.followUps ?? []).some((f) => f.priority === 'P0' && f.status !== 'wont-do'),
    };
  });
  const serviceRunbooks = runbooksByService.get(e.service) ?? [];
  const budgetAmount = e.errorBudget.minutes
    ? { unit: 'minutes' as const, budget: e.errorBudget.minutes.budget, remaining: e.errorBudget.minutes.remaining }
    : e.errorBudget.events
      ? { unit: 'events' as const, budget: e.errorBudget.events.budget, remaining: e.errorBudget.events.remaining }
      : undefined;
  const entry = slosById.get(e.slo)!;
  return {
    ...row,
    description: entry.data.spec.description,
    siblings,
    budget: budgetAmount,
    exhaustion: {
      ms: e.errorBudget.exhaustion.ms,
      periodEndsFirst: e.errorBudget.exhaustion.periodEndsFirst,
      periodEnd: e.errorBudget.exhaustion.periodEnd,
      basis: formatDuration(e.errorBudget.exhaustion.basisMs),
    },
    noData: e.noData,
    charts,
    alerts: e.alerts.map((a) => ({
      name: a.alert.name,
      severity: a.alert.severity,
      long: formatDurationMs(a.alert.evalLongMs),
      short: formatDurationMs(a.alert.evalShortMs),
      factor: a.alert.factor,
      budgetShare: a.alert.budgetShare,
      firing: a.firing,
      longBurn: a.longBurn,
      shortBurn: a.shortBurn,
    })),
    backtest: {
      incidents: e.backtest.incidents.map((i) => ({ ...link(i.id), detected: i.detected, alertAt: i.alertAt, leadMinutes: i.leadMinutes })),
      firings: e.backtest.firings.map((f) => ({ alert: f.alert, severity: f.severity, from: f.from, to: f.to, incidents: f.incidents.map(link) })),
      unmatched: e.backtest.unmatched.length,
    },
    policies,
    incidents,
    pastWindows: h?.pastWindows ?? [],
    definitions,
    related: {
      runbooks: serviceRunbooks.map((r) => ({ id: r.id, title: r.data.title, href: HREF.runbook(r.id) })),
      incidents: (incidentsBySlo.get(e.slo) ?? []).map((i) => link(i.id)),
      concerns: (concernsBySlo.get(e.slo) ?? []).map((x) => ({ id: x.id, title: x.data.title, href: HREF.concern(x.id) })),
      experiments: (experimentsBySlo.get(e.slo) ?? []).map((x) => ({ id: x.id, title: x.data.title, href: HREF.experiment(x.id) })),
    },
  };
}

/** The SLO index's rows and every objective's page, in the order of the content (grouped by service by the page). */
export function sloPages(evaluations: readonly SloEvaluation[], ctx: SloContext): { rows: SloRow[]; pages: SloPage[] } {
  const rows: SloRow[] = [];
  const pages: SloPage[] = [];
  for (const evaluation of evaluations) {
    const all = rowsOf(evaluation, ctx);
    const entry = lookupsOf(ctx.index).slosById.get(evaluation.slo)!;
    const definitions = definitionsOf(ctx.index, entry);
    const siblings = all.map(({ row }) => ({ objective: row.objective, href: row.href }));
    for (const { e, row } of all) {
      rows.push(row);
      pages.push(pageOf(e, row, siblings, ctx, definitions));
    }
  }
  return { rows, pages };
}
