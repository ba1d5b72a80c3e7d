/** Builders for the SLO engine's tests: SLOs and series written compactly. */
import type { SLO } from '../../schemas/openslo.ts';
import type { RatioSeries, ThresholdSeries } from './series.ts';

type Objective = SLO['spec']['objectives'][number];

export interface SloOptions {
  readonly name?: string;
  readonly duration?: string;
  /** Calendar windows: `[startTime, timeZone]`. */
  readonly calendar?: readonly [string, string];
  readonly method?: SLO['spec']['budgetingMethod'];
  readonly objectives?: readonly Objective[];
}

/** An SLO as the schema outputs it (a ratio indicator unless the objectives bring their own). */
export function makeSlo(options: SloOptions = {}): SLO {
  const objectives = options.objectives ?? [{ target: 0.99 }];
  const composite = objectives.every((o) => o.indicator !== undefined);
  const calendar = options.calendar;
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: options.name ?? 'checkout' },
    spec: {
      service: 'shop',
      alertPolicies: undefined,
      ...(composite
        ? {}
        : {
            indicator: {
              metadata: { name: 'sli' },
              spec: { ratioMetric: { total: { metricSource: { type: 'x', spec: {} } }, good: { metricSource: { type: 'x', spec: {} } } } },
            },
          }),
      timeWindow: [
        calendar
          ? { duration: options.duration ?? '1M', isRolling: false, calendar: { startTime: calendar[0], timeZone: calendar[1] } }
          : { duration: options.duration ?? '30d', isRolling: true },
      ],
      budgetingMethod: options.method ?? 'Occurrences',
      objectives: [...objectives],
    },
  };
}

/** An inline indicator for composite objectives. */
export function indicator(name: string, kind: 'ratio' | 'threshold' = 'ratio'): NonNullable<Objective['indicator']> {
  const source = { metricSource: { type: 'x', spec: {} } };
  return {
    metadata: { name },
    spec: kind === 'ratio' ? { ratioMetric: { good: source, total: source } } : { thresholdMetric: source },
  };
}

export const H = 3_600_000;
/** 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

/** Hourly ratio rows ending at T0 + 1h, T0 + 2h, … from [good, total] pairs. */
export function hourly(rows: readonly (readonly [number, number])[], start = T0): RatioSeries {
  return {
    type: 'ratio',
    time: rows.map((_, i) => start + (i + 1) * H),
    good: rows.map((r) => r[0]),
    total: rows.map((r) => r[1]),
  };
}

/** Hourly threshold rows at T0 + 1h, T0 + 2h, … */
export function hourlyValues(values: readonly number[], start = T0): ThresholdSeries {
  return { type: 'threshold', time: values.map((_, i) => start + (i + 1) * H), value: [...values] };
}

/** `n` hourly rows of `total` events each, all good except where `bad` says. */
export function steady(n: number, total: number, bad: Readonly<Record<number, number>> = {}, start = T0): RatioSeries {
  return hourly(
    Array.from({ length: n }, (_, i) => [total - (bad[i] ?? 0), total] as const),
    start,
  );
}
