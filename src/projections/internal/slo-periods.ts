/**
 * Attainment of an SLO over any interval (a period before and after a change, the run of an
 * experiment), from the SLO engine's own pure functions: each objective's rule
 * (`objectiveRule`), its budget events (`toEvents`, on the SLO's slice grid) and their sums
 * (`totals`). The council and the experiment pages read their figures here, so they agree with
 * the SLO dashboards on what counts as good.
 */
import { objectiveRule, toEvents, totals, type EventSeries } from '../../domain/slo/events.ts';
import { resolutionMs, type Series } from '../../domain/slo/series.ts';
import { sliceGrid, windowSpec, type Interval } from '../../domain/slo/windows.ts';
import type { ContentIndex } from '../../content/entry.ts';
import type { SLO } from '../../schemas/openslo.ts';

/** An SLO with its measurements (content/measurements/<name>.csv); undefined: none. */
export interface MeasuredSlo {
  readonly id: string;
  readonly slo: SLO;
  readonly series: Series | undefined;
}

/** One objective's events, ready to be summed over any interval. */
export interface ObjectiveEvents {
  /** displayName, else "objective <n>" (from 1) for an SLO with several objectives, else the SLO's name. */
  readonly label: string;
  readonly target: number;
  /** undefined when the objective does not fit its data (the SLO dashboard says why). */
  readonly events: EventSeries | undefined;
}

export interface PeriodAttainment extends Interval {
  /** good / total over the period (events, or slices for the time-based methods); null without data. */
  readonly attainment: number | null;
  readonly good: number;
  readonly total: number;
  /** Whether the measurements span the whole period (from its first row's interval to its last). */
  readonly covered: boolean;
}

/** The SLOs of a content index with their measurement series, by id. */
export function measuredSlosOf(index: Pick<ContentIndex, 'collections' | 'measurements'>): Map<string, MeasuredSlo> {
  const series = new Map(index.measurements.map((m) => [m.id, m.series]));
  return new Map(index.collections.slos.map((s) => [s.id, { id: s.id, slo: s.data, series: series.get(s.id) }]));
}

/** Each objective of an SLO with its budget events, as the engine computes them. */
export function objectiveEvents({ slo, series }: MeasuredSlo): ObjectiveEvents[] {
  const objectives = slo.spec.objectives;
  const calendar = windowSpec(slo).calendar;
  return objectives.map((objective, i) => {
    const rule = objectiveRule(slo.spec.budgetingMethod, objective);
    const label = objective.displayName ?? (objectives.length > 1 ? `objective ${i + 1}` : slo.metadata.name);
    if (series === undefined) return { label, target: rule.target, events: undefined };
    try {
      return { label, target: rule.target, events: toEvents(series, rule, (sliceMs) => sliceGrid(calendar, sliceMs)) };
    } catch {
      return { label, target: rule.target, events: undefined };
    }
  });
}

/** Whether rows of `series` span `(from, to]`: the first row's interval starts by `from`, the last row ends at or after `to`. */
export function spans(series: Series | undefined, { from, to }: Interval): boolean {
  if (series === undefined || series.time.length === 0) return false;
  const resolution = resolutionMs(series.time) ?? 0;
  return series.time[0]! - resolution <= from && series.time.at(-1)! >= to;
}

/** Attainment over `(from, to]`: the entries whose end lies in the interval. */
export function attainmentOver(events: EventSeries | undefined, series: Series | undefined, period: Interval): PeriodAttainment {
  const sums = events === undefined ? undefined : totals(events, period.from, period.to);
  const total = sums?.total ?? 0;
  const good = sums?.good ?? 0;
  return { ...period, good, total, attainment: total > 0 ? good / total : null, covered: spans(series, period) && total > 0 };
}

/**
 * Attainment over the entries that overlap `[from, to]`: an entry ending at `t` covers
 * `(t − resolution, t]`, so an hourly row counts when any minute of its hour lies in the interval
 * (an experiment shorter than a row is judged by the rows it touched).
 */
export function attainmentOverlapping(events: EventSeries | undefined, series: Series | undefined, { from, to }: Interval): PeriodAttainment {
  const reach = events?.resolutionMs === undefined ? 0 : events.resolutionMs - 1;
  const measured = attainmentOver(events, series, { from, to: to + reach });
  return { ...measured, from, to, covered: measured.total > 0 && spans(series, { from, to }) };
}
