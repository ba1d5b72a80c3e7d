/**
 * What the experiment pages show, computed once: per experiment its run window, the steady-state
 * SLO measured over it (a breach is read from the data, whatever `results.hypothesisHeld`
 * says), time to know and time to detection against the experiment's targets, and a summary
 * across experiments grouped by game day.
 */
import { slug } from '../../core/slug.ts';
import { durationMs, HOUR_MS, instantOf, formatDuration } from '../../core/time.ts';
import { objectiveTarget } from '../../domain/slo/events.ts';
import { percent } from '../../domain/slo/format.ts';
import type { Interval } from '../../domain/slo/windows.ts';
import type { Experiment } from '../../schemas/experiment.ts';
import { HREF } from './links.ts';
import { attainmentOverlapping, objectiveEvents, type MeasuredSlo } from './slo-periods.ts';
import type { Chart, Link } from './slos.ts';

export interface ExperimentInput {
  readonly id: string;
  readonly data: Experiment;
}

/** How long a run is taken to last when the experiment does not say when it ended (endedAt). */
export const DEFAULT_RUN_MS = HOUR_MS;

/** Hours of data shown either side of the run on the page's steady-state chart and table. */
const CONTEXT_MS = 3 * HOUR_MS;

export interface RunWindow extends Interval {
  /** True when `to` is executedAt + DEFAULT_RUN_MS because endedAt is not given. */
  readonly assumedEnd: boolean;
}

export interface SteadyStateObjective {
  readonly objective: string;
  readonly target: number;
  /** Attainment over the measurement intervals the run touched; null without data. */
  readonly attainment: number | null;
  /** attainment < target; null without data. */
  readonly breached: boolean | null;
  /** "98.78 % during the run (target 99.8 %)", or "no measurements during the run". */
  readonly text: string;
}

export interface SteadyState {
  readonly slo: string;
  readonly description: string | undefined;
  readonly objectives: readonly SteadyStateObjective[];
  /** Any objective breached; null when none has data (or the experiment has not run). */
  readonly breached: boolean | null;
  /** The SLI's rows from 3 hours before to 3 hours after the run: good/total, or the metric's value. */
  readonly rows: readonly { readonly time: number; readonly value: number | null }[];
  readonly rowUnit: 'ratio' | 'value';
}

export interface DetectionMeasure {
  readonly value: string;
  readonly ms: number;
  readonly target: string | undefined;
  /** Within target; undefined without a target. */
  readonly met: boolean | undefined;
  /** "6 min (target 5 min: missed)", "3 min (target 5 min: met)", "19 min". */
  readonly text: string;
}

export type Verdict = 'held' | 'breached' | 'no-data' | 'not-run';

export interface ExperimentView {
  readonly id: string;
  readonly title: string;
  readonly gameDay: string;
  readonly status: Experiment['status'];
  readonly services: readonly string[];
  readonly run: RunWindow | undefined;
  readonly steadyState: SteadyState;
  /** What the data says about the steady state during the run. */
  readonly verdict: Verdict;
  /** results.hypothesisHeld as recorded. */
  readonly claimedHeld: boolean | undefined;
  /** Set when the record says the hypothesis held but the steady-state SLO breached during the run. */
  readonly contradiction: string | undefined;
  readonly timeToKnow: DetectionMeasure | undefined;
  readonly timeToDetection: DetectionMeasure | undefined;
  readonly blackBoxAlertsFired: boolean | undefined;
  readonly riskPoll: Readonly<Record<'low' | 'medium' | 'high', number>>;
}

export function runWindow(data: Experiment): RunWindow | undefined {
  if (data.executedAt === undefined) return undefined;
  const from = instantOf(data.executedAt);
  const ended = data.endedAt === undefined ? undefined : instantOf(data.endedAt);
  return ended !== undefined && ended > from ? { from, to: ended, assumedEnd: false } : { from, to: from + DEFAULT_RUN_MS, assumedEnd: true };
}

function measure(value: string, target: string | undefined): DetectionMeasure {
  const ms = durationMs(value);
  if (target === undefined) return { value, ms, target, met: undefined, text: formatDuration(ms) };
  const met = ms <= durationMs(target);
  return { value, ms, target, met, text: `${formatDuration(ms)} (target ${formatDuration(durationMs(target))}: ${met ? 'met' : 'missed'})` };
}

function steadyState(data: Experiment, measured: MeasuredSlo | undefined, run: RunWindow | undefined): SteadyState {
  const { slo, description } = data.steadyState;
  const series = measured?.series;
  const objectives =
    measured === undefined || run === undefined
      ? []
      : objectiveEvents(measured).map(({ label, target, events }) => {
          const { attainment } = attainmentOverlapping(events, series, run);
          const breached = attainment === null ? null : attainment < target;
          const text = attainment === null ? 'no measurements during the run' : `${percent(attainment, 2)} during the run (target ${percent(target, 4)})`;
          return { objective: label, target, attainment, breached, text };
        });
  const measuredObjectives = objectives.filter((o) => o.breached !== null);
  const rows: { time: number; value: number | null }[] = [];
  if (series !== undefined && run !== undefined) {
    series.time.forEach((time, i) => {
      if (time < run.from - CONTEXT_MS || time > run.to + CONTEXT_MS) return;
      const value = series.type === 'ratio' ? (series.total[i]! > 0 ? series.good[i]! / series.total[i]! : null) : series.value[i]!;
      rows.push({ time, value });
    });
  }
  return {
    slo,
    description,
    objectives,
    breached: measuredObjectives.length === 0 ? null : measuredObjectives.some((o) => o.breached),
    rows,
    rowUnit: series?.type === 'threshold' ? 'value' : 'ratio',
  };
}

export function experimentView({ id, data }: ExperimentInput, slos: ReadonlyMap<string, MeasuredSlo>): ExperimentView {
  const run = data.status === 'executed' ? runWindow(data) : undefined;
  const state = steadyState(data, slos.get(data.steadyState.slo), run);
  const verdict: Verdict = run === undefined ? 'not-run' : state.breached === null ? 'no-data' : state.breached ? 'breached' : 'held';
  const claimedHeld = data.results?.hypothesisHeld;
  const worst = state.objectives.find((o) => o.breached);
  const contradiction =
    claimedHeld === true && worst !== undefined ? `recorded as held, but the steady state breached: ${worst.objective} ${worst.text}` : undefined;
  const riskPoll = { low: 0, medium: 0, high: 0 };
  for (const answer of data.riskPoll) riskPoll[answer.risk] += 1;
  return {
    id,
    title: data.title,
    gameDay: data.gameDay,
    status: data.status,
    services: data.services,
    run,
    steadyState: state,
    verdict,
    claimedHeld,
    contradiction,
    timeToKnow: data.results && measure(data.results.timeToKnow, data.targets?.timeToKnow),
    timeToDetection: data.results && measure(data.results.timeToDetection, data.targets?.timeToDetection),
    blackBoxAlertsFired: data.results?.blackBoxAlertsFired,
    riskPoll,
  };
}

export interface GameDaySummary {
  readonly gameDay: string;
  /** The first run of the day; undefined while every experiment is planned. */
  readonly firstRun: number | undefined;
  readonly experiments: readonly ExperimentView[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Experiments whose record contradicts the data. */
  readonly contradictions: number;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every experiment's view, grouped by game day: the days in the order they ran (planned ones last), runs in order. */
export function experimentSummary(experiments: readonly ExperimentInput[], slos: ReadonlyMap<string, MeasuredSlo>): GameDaySummary[] {
  const views = experiments.map((e) => experimentView(e, slos));
  const start = (v: ExperimentView) => v.run?.from ?? Number.POSITIVE_INFINITY;
  const days = [...new Set(views.map((v) => v.gameDay))].map((gameDay) => {
    const list = views.filter((v) => v.gameDay === gameDay).sort((a, b) => start(a) - start(b) || byText(a.id, b.id));
    const counts = { held: 0, breached: 0, 'no-data': 0, 'not-run': 0 };
    for (const v of list) counts[v.verdict] += 1;
    return { gameDay, firstRun: list[0]?.run?.from, experiments: list, counts, contradictions: list.filter((v) => v.contradiction !== undefined).length };
  });
  return days.sort((a, b) => (a.firstRun ?? Number.POSITIVE_INFINITY) - (b.firstRun ?? Number.POSITIVE_INFINITY) || byText(a.gameDay, b.gameDay));
}

// --- the pages -----------------------------------------------------------------------------

export interface ExperimentPage extends ExperimentView {
  readonly href: string;
  readonly gameDayHref: string;
  readonly serviceLinks: readonly Link[];
  /** The steady-state SLO's page; undefined when no SLO of that name is defined. */
  readonly sloLink: Link | undefined;
  readonly hypothesis: string;
  readonly method: string;
  readonly blastRadius: string;
  readonly backOutPlan: string;
  readonly roles: Experiment['roles'];
  readonly riskPollAnswers: Experiment['riskPoll'];
  readonly findings: readonly string[];
  readonly followUps: Experiment['followUps'];
  /** The steady-state SLI from 3 hours before to 3 hours after the run, the run shaded; with its table. */
  readonly chart: Chart;
}

export interface GameDayPage extends GameDaySummary {
  /** The game day's path segment: its name as a slug, numbered when two names give one slug. */
  readonly key: string;
  readonly href: string;
  readonly experiments: readonly ExperimentPage[];
}

export interface ExperimentsPortal {
  /** Game days in the order they ran, each with its experiments in order. */
  readonly gameDays: readonly GameDayPage[];
  readonly pages: readonly ExperimentPage[];
}

export interface ExperimentsContext {
  readonly slos: ReadonlyMap<string, MeasuredSlo>;
  readonly serviceNames: ReadonlyMap<string, string>;
  readonly sloTitles: ReadonlyMap<string, string>;
}

const OP_TEXT = { lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

/** The lines the steady state is judged against: each objective's target (ratio SLIs) or threshold (threshold SLIs). */
function steadyStateThresholds(measured: MeasuredSlo, unit: SteadyState['rowUnit']): Chart['thresholds'] {
  const lines = measured.slo.spec.objectives.flatMap((o, i) => {
    const name = o.displayName ?? (measured.slo.spec.objectives.length > 1 ? `objective ${i + 1}` : 'target');
    if (unit === 'value') return o.value === undefined || o.op === undefined ? [] : [{ label: `${name} ${OP_TEXT[o.op]} ${o.value}`, value: o.value }];
    return [{ label: name, value: o.timeSliceTarget ?? objectiveTarget(o) }];
  });
  return lines.filter((l, i) => lines.findIndex((m) => m.value === l.value) === i);
}

function steadyStateChart(view: ExperimentView, measured: MeasuredSlo | undefined): Chart {
  const { steadyState: s, run } = view;
  const empty =
    run === undefined
      ? view.status === 'executed'
        ? 'No run window: executedAt is not recorded.'
        : `Not run (${view.status}): the steady state is read over the run once it has happened.`
      : measured === undefined
        ? `The steady-state SLO "${s.slo}" is not defined, so there is no data to show.`
        : measured.series === undefined
          ? `No measurements for ${s.slo} (measurements/${s.slo}.csv).`
          : s.rows.length === 0
            ? 'No measurements from 3 hours before to 3 hours after the run.'
            : undefined;
  return {
    id: 'steady-state',
    title: `${s.slo}: ${s.rowUnit === 'ratio' ? 'good / total' : 'measured value'} from 3 hours before to 3 hours after the run (the run shaded; each row covers the interval that ends at its time)`,
    unit: s.rowUnit === 'ratio' ? 'ratio' : 'value',
    columns: [s.rowUnit === 'ratio' ? 'good / total' : 'value'],
    time: s.rows.map((r) => r.time),
    values: [s.rows.map((r) => r.value)],
    thresholds: measured === undefined ? [] : steadyStateThresholds(measured, s.rowUnit),
    rows: s.rows.length,
    empty,
    ...(run === undefined
      ? {}
      : { bands: [{ label: run.assumedEnd ? 'the run (its first hour: endedAt not recorded)' : 'the run', from: run.from, to: run.to }] }),
  };
}

/** Every experiment's page and every game day's, from the same views as the summary. */
export function experimentsPortal(experiments: readonly ExperimentInput[], ctx: ExperimentsContext): ExperimentsPortal {
  const data = new Map(experiments.map((e) => [e.id, e.data]));
  const used = new Set<string>();
  const gameDays = experimentSummary(experiments, ctx.slos).map((day): GameDayPage => {
    const base = slug(day.gameDay) || 'game-day';
    let key = base;
    for (let n = 2; used.has(key); n += 1) key = `${base}-${n}`;
    used.add(key);
    const href = HREF.gameDay(key);
    const pages = day.experiments.map((view): ExperimentPage => {
      const d = data.get(view.id)!;
      const slo = d.steadyState.slo;
      return {
        ...view,
        href: HREF.experiment(view.id),
        gameDayHref: href,
        serviceLinks: d.services.map((s) => ({ id: s, title: ctx.serviceNames.get(s) ?? s, href: HREF.service(s) })),
        sloLink: ctx.slos.has(slo) ? { id: slo, title: ctx.sloTitles.get(slo) ?? slo, href: HREF.slo(slo) } : undefined,
        hypothesis: d.hypothesis,
        method: d.method,
        blastRadius: d.blastRadius,
        backOutPlan: d.backOutPlan,
        roles: d.roles,
        riskPollAnswers: d.riskPoll,
        findings: d.findings,
        followUps: d.followUps,
        chart: steadyStateChart(view, ctx.slos.get(slo)),
      };
    });
    return { ...day, key, href, experiments: pages };
  });
  return { gameDays, pages: gameDays.flatMap((d) => d.experiments) };
}
